import { selectConflicts, type PassingConflict } from './conflict-selection.js';
import { dayNumber } from './dates.js';
import { memoBounded } from './memo.js';
import type { ConflictRole, KbActor, KbConflict, KnowledgeBase, LinkedConflict } from './types.js';

/** What an article says that bears on conflicts; every amount is a sum of position-weighted occurrences. */
export interface ConflictEvidence {
  /** Per actor slug. */
  actors: Map<string, number>;
  /** Per conflict slug, per kind, per distinct word (folded); and the sections they occur in (the title is -1). */
  words: Map<string, Record<'alias' | 'place' | 'signal', Map<string, number>> & { sections: Set<number> }>;
  /** Words of war of no conflict in particular (WAR_WORDS). */
  war: number;
}

/**
 * Words of war that belong to no conflict in particular. They are not evidence of a conflict, but two
 * states named together are a war only with one of these or a word of the conflict itself.
 */
export const WAR_WORDS = [
  'oorlog', 'oorlogen', 'invasie', 'troepen', 'soldaten', 'militairen', 'leger', 'strijdkrachten', 'gevechten',
  'aanval', 'aanvallen', 'luchtaanval', 'luchtaanvallen', 'bombardement', 'bombardementen', 'beschieting',
  'beschietingen', 'raket', 'raketten', 'drone', 'drones', 'offensief', 'front', 'frontlinie', 'wapenstilstand',
  'bestand', 'staakt-het-vuren', 'vredesakkoord', 'vredesgesprekken', 'vredesonderhandelingen', 'gesneuveld',
  'grensconflict', 'militaire', 'militair', 'wapens', 'wapenleveranties', 'kernwapens', 'vergelding',
];

// Reporting starts a little before a war and goes on well after it ends.
const MARGIN_BEFORE_DAYS = 90;
const MARGIN_AFTER_DAYS = 365;
// The days after a conflict ends in which news of it is news of the conflict still, not of its past (a border
// war's ceasefire reported two days later).
const AFTERMATH_DAYS = 30;
const ROLE_MARGIN_DAYS = 31;
/** A leader named is half a mention of what they lead ("Poetin" says less of Russia than "Rusland"). */
const LEADER_SHARE = 0.5;
const ROLE_WEIGHT: Record<ConflictRole, number> = { BELLIGERENT: 1, SUPPORTER: 0.5, MEDIATOR: 0.25 };
/** Days whose current conflicts the scorer keeps worked out (16 years of month-precise dates are 192). */
const DAYS_KEPT = 512;
const WORD_WEIGHT = { alias: 2, place: 0.75, signal: 0.3 } as const;
/** One word counts for at most this many occurrences, so a repeated place does not outweigh the parties. */
const WORD_CAP = 2;
const LEAD_SIDE_WEIGHT = 0.5;
const LEAD_SIDE_CAP = 3;
const MIN_EVIDENCE = 1.6;
/**
 * Evidence that is the conflict's own, in weighted mentions: its second side present in strength, or its
 * names, places and belligerents, a belligerent's mentions (capped like a word's) shared out over the current
 * conflicts it fights in. One passing mention of al-Qaida does not make an article about the war in Afghanistan.
 */
const OWN_EVIDENCE = 2;
/** What each distinct signal word adds to the own evidence of a conflict whose two sides are both named. */
const SIGNAL_OWN = 0.5;
/** A signal word shared by more conflicts than this points to none of them in particular. */
const SPECIFIC_SIGNAL_MAX = 2;
/** Kinds of conflict whose parts are episodes of the whole (see selectConflicts). */
const WAR_KINDS = new Set(['INTERSTATE_WAR', 'CIVIL_WAR', 'INTERNATIONALIZED_CIVIL_WAR']);
/** Kinds of actor that stand for a state (with its leaders): two of them named together are not yet a war. */
const STATE_LIKE = new Set(['STATE', 'ORGANIZATION']);
/** A second conflict must have at least this share of the best one's evidence. */
const MIN_SHARE_OF_BEST = 0.25;
const SCORE_SCALE = 4;
export { TITLE_SECTION } from './conflict-selection.js';

export type ConflictScorer = (evidence: ConflictEvidence, publishedOn: string) => LinkedConflict[];

/**
 * Scores each conflict whose dates (with a margin) cover the article. Reporting on a conflict means reporting on
 * its opposing sides, so the core of the score is the weaker of the two most present belligerent sides; the
 * stronger side counts a little, capped, and the conflict's own names, places and signal words add to it.
 * A party weighs less the more current conflicts it is a party to (the United States say little on their own).
 * A conflict links only with enough evidence that is its own (see OWN_EVIDENCE), and never on one side's
 * names plus signal words alone, nor on states named together without a word of the conflict (two states in an
 * article about trade are not at war).
 */
export function createConflictScorer(kb: KnowledgeBase): ConflictScorer {
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const rootOf = conflictRoots(kb.conflicts);
  const kindOf = new Map(kb.conflicts.map((c) => [c.slug, c.kind]));
  const partiesOf = new Map(kb.conflicts.map((c) => [c.slug, new Set(c.parties.map((p) => p.actor))]));
  const leads = leaderRoles(kb.actors);
  const branchesOf = new Map<string, string[]>();
  for (const actor of kb.actors) {
    if (!actor.branchOf) continue;
    const branches = branchesOf.get(actor.branchOf);
    if (branches) branches.push(actor.slug);
    else branchesOf.set(actor.branchOf, [actor.slug]);
  }
  const conflicts = kb.conflicts.map((c) => ({
    ...c,
    from: dayNumber(c.startedOn) - MARGIN_BEFORE_DAYS,
    to: c.endedOn === null ? Infinity : dayNumber(c.endedOn) + MARGIN_AFTER_DAYS,
  }));

  // Articles come with month-precise dates, so the conflicts of a day are worked out once per day. An
  // entry holds maps over every party of the day's conflicts (some 35 KB: 2,000 days held 71 MiB), so
  // a server that links for months keeps a few hundred days, not up to 10,000 as it did.
  // The days on which some conflict comes into reach or goes out of it: between two of them every day has the same
  // current conflicts, so those are kept per stretch, not per day (day-precise dates were a fresh entry each).
  const boundaries = [...new Set(conflicts.flatMap((c) => [c.from, c.to + 1]).filter(Number.isFinite))].sort((a, b) => a - b);
  const currentIn = memoBounded(DAYS_KEPT, (stretch: number): CurrentConflicts => {
    const day = stretch === 0 ? -Infinity : boundaries[stretch - 1]!;
    return currentConflicts(conflicts.filter((c) => c.from <= day && day <= c.to), rootOf, kindOf);
  });
  const currentOn = (day: number) => currentIn(stretchOf(boundaries, day));

  return (evidence, publishedOn) => {
    const day = dayNumber(publishedOn);
    const { current, partyOf, fightsIn, conflictsOf } = currentOn(day);
    const mass = withLeaders(evidence.actors, leads, day);
    toBranches(mass, branchesOf, current, evidence);
    // Most current conflicts have no evidence in an article at all (no word, no party): they score nothing.
    const evidenced = new Set(evidence.words.keys());
    for (const actor of mass.keys()) for (const slug of conflictsOf.get(actor) ?? []) evidenced.add(slug);
    // How many conflicts each signal word of the article points to.
    const signalShare = new Map<string, number>();
    for (const words of evidence.words.values()) for (const key of words.signal.keys()) signalShare.set(key, (signalShare.get(key) ?? 0) + 1);

    // A loop, not flatMap: V8's flatMap costs as much as the scoring itself, article after article.
    // Only a conflict of the article's own can pass; the others count for the best total alone.
    const scored: PassingConflict[] = [];
    let best = 0;
    for (const conflict of current) {
      if (!evidenced.has(conflict.slug)) continue;
      const words = evidence.words.get(conflict.slug);
      const sides = new Map<string, number>();
      // A side is in the fight only when one of its belligerents is named, not just its supporters.
      const fighting = new Set<string>();
      // The side of each belligerent named.
      const sideOf = new Map<string, string>();
      const present = new Set<string>();
      let own = 0;
      // Whether a belligerent other than a state or one of its bodies (an armed group, a person) is named.
      let nonState = false;
      for (const party of conflict.parties) {
        const m = mass.get(party.actor) ?? 0;
        if (m === 0 || party.side === null || party.role === 'MEDIATOR') continue;
        present.add(party.actor);
        const specificity = 1 / Math.sqrt(partyOf.get(party.actor) ?? 1);
        if (party.role === 'BELLIGERENT') {
          fighting.add(party.side);
          sideOf.set(party.actor, party.side);
          own += Math.min(m, WORD_CAP) / (fightsIn.get(party.actor) ?? 1);
          if ((evidence.actors.get(party.actor) ?? 0) > 0 && !STATE_LIKE.has(actors.get(party.actor)?.kind ?? 'STATE')) nonState = true;
        }
        sides.set(party.side, (sides.get(party.side) ?? 0) + ROLE_WEIGHT[party.role] * specificity * m);
      }
      let lead = 0;
      let second = 0;
      for (const [side, m] of sides) {
        if (!fighting.has(side)) continue;
        if (m > lead) {
          second = lead;
          lead = m;
        } else if (m > second) second = m;
      }
      let total = second + LEAD_SIDE_WEIGHT * Math.min(lead, LEAD_SIDE_CAP);

      for (const kind of ['alias', 'place', 'signal'] as const) {
        for (const count of words?.[kind].values() ?? []) {
          total += WORD_WEIGHT[kind] * Math.min(count, WORD_CAP);
          // Naming the conflict is enough on its own; a place counts as often as it occurs.
          if (kind === 'alias') own += OWN_EVIDENCE;
          if (kind === 'place') own += Math.min(count, WORD_CAP);
        }
      }
      const signals = words?.signal.size ?? 0;
      // With both sides in the fight, the words that point to this conflict make it the article's own.
      if (second > 0) own += SIGNAL_OWN * signals;
      const named = (words?.alias.size ?? 0) > 0;
      const placed = (words?.place.size ?? 0) > 0;
      // One side alone needs the conflict's name or ground: its names plus signal words are not enough.
      const grounded = named || placed || second > 0;
      // States (and their bodies and leaders) named together need a word of war or of the conflict besides.
      const beyondStates = named || placed || signals > 0 || nonState || evidence.war > 0;
      const conflictOwn = grounded && beyondStates && (second >= OWN_EVIDENCE || own >= OWN_EVIDENCE);
      if (total > best) best = total;
      if (!conflictOwn || !(total >= MIN_EVIDENCE)) continue;
      const worded = named || placed || [...(words?.signal.keys() ?? [])].some((key) => signalShare.get(key)! <= SPECIFIC_SIGNAL_MAX);
      // One literal: spreading it into another object cost more than all the scoring above.
      scored.push({
        slug: conflict.slug,
        partOf: conflict.partOf ?? null,
        total,
        named,
        placed,
        worded,
        sections: words?.sections ?? new Set(),
        fighting: sideOf,
        family: rootOf.get(conflict.slug) ?? conflict.slug,
        war: WAR_KINDS.has(conflict.kind),
        ended: conflict.endedOn !== null && dayNumber(conflict.endedOn) + AFTERMATH_DAYS < day,
        present,
        parties: partiesOf.get(conflict.slug)!,
      });
    }

    const passing = scored.filter((s) => s.total >= MIN_SHARE_OF_BEST * best);
    return selectConflicts(passing).map((s) => ({ slug: s.slug, score: Math.max(0.001, round(1 - Math.exp(-s.total / SCORE_SCALE))) }));
  };
}

interface CurrentConflicts {
  current: KbConflict[];
  /** Per actor, the number of current conflicts it is a party to. */
  partyOf: Map<string, number>;
  /** Per actor, the number of current conflicts it fights in. */
  fightsIn: Map<string, number>;
  /** Per actor, the current conflicts it is a party to, by slug. */
  conflictsOf: Map<string, string[]>;
}

/**
 * Counts, per actor, the current conflicts it is a party to and the wars it fights in. A conflict and its parts
 * (the Israeli–Palestinian conflict and a Gaza war) are one engagement, so each family counts once.
 */
function currentConflicts(current: KbConflict[], rootOf: Map<string, string>, kindOf: Map<string, string>): CurrentConflicts {
  const partyOf = new Map<string, Set<string>>();
  const fightsIn = new Map<string, Set<string>>();
  const conflictsOf = new Map<string, string[]>();
  const note = (counts: Map<string, Set<string>>, actor: string, family: string) => {
    const families = counts.get(actor) ?? new Set<string>();
    families.add(family);
    counts.set(actor, families);
  };
  for (const c of current) {
    const family = rootOf.get(c.slug) ?? c.slug;
    for (const p of c.parties) {
      note(partyOf, p.actor, family);
      const slugs = conflictsOf.get(p.actor);
      if (slugs) slugs.push(c.slug);
      else conflictsOf.set(p.actor, [c.slug]);
      // A rivalry or a diplomatic crisis is not a war a party fights: it takes no share of its mentions.
      if (p.role === 'BELLIGERENT' && kindOf.get(family) !== 'DIPLOMATIC_CRISIS') note(fightsIn, p.actor, family);
    }
  }
  const sizes = (counts: Map<string, Set<string>>) => new Map([...counts].map(([actor, families]) => [actor, families.size]));
  return { current, partyOf: sizes(partyOf), fightsIn: sizes(fightsIn), conflictsOf };
}

/** The outermost conflict each conflict is part of (itself when it is part of none). */
function conflictRoots(conflicts: KbConflict[]): Map<string, string> {
  const parent = new Map(conflicts.map((c) => [c.slug, c.partOf ?? null]));
  const roots = new Map<string, string>();
  for (const c of conflicts) {
    let root = c.slug;
    const seen = new Set([root]);
    for (let up = parent.get(root); up && !seen.has(up); up = parent.get(root)) {
      root = up;
      seen.add(up);
    }
    roots.set(c.slug, root);
  }
  return roots;
}

/** A role held for another actor, by day numbers: what `withLeaders` asks of every actor an article names. */
interface LeaderRole {
  for: string;
  from: number;
  to: number;
}

/** The roles each actor held for another (open ends as infinities), worked out once per knowledge base. */
function leaderRoles(actors: KbActor[]): Map<string, LeaderRole[]> {
  const leads = new Map<string, LeaderRole[]>();
  for (const actor of actors) {
    const roles: LeaderRole[] = [];
    for (const role of actor.roles) {
      if (role.for === null) continue;
      roles.push({ for: role.for, from: role.from === null ? -Infinity : dayNumber(role.from), to: role.to === null ? Infinity : dayNumber(role.to) });
    }
    if (roles.length > 0) leads.set(actor.slug, roles);
  }
  return leads;
}

/** Adds to each state or group a share of the mentions of the people who held a role for it on the day (as `isRoleActive`). */
function withLeaders(direct: Map<string, number>, leads: Map<string, LeaderRole[]>, day: number): Map<string, number> {
  const mass = new Map(direct);
  for (const [slug, m] of direct) {
    const roles = leads.get(slug);
    if (!roles) continue;
    const led = new Set<string>();
    for (const role of roles) if (role.from <= day + ROLE_MARGIN_DAYS && role.to >= day - ROLE_MARGIN_DAYS) led.add(role.for);
    for (const target of led) mass.set(target, (mass.get(target) ?? 0) + LEADER_SHARE * m);
  }
  return mass;
}

/**
 * A movement named in an article on the war of one of its branches stands for the branch (`IS` in an
 * article on the siege of Marawi is its East Asia Province): where a current conflict that one of the
 * movement's branches fights is named or placed in the article, the movement's mentions go to those
 * branches, and are no evidence of the movement's own wars.
 */
function toBranches(mass: Map<string, number>, branchesOf: Map<string, string[]>, current: KbConflict[], evidence: ConflictEvidence): void {
  if (branchesOf.size === 0) return;
  for (const [movement, branches] of branchesOf) {
    const m = mass.get(movement);
    if (m === undefined) continue;
    const grounded = new Set<string>();
    for (const conflict of current) {
      const words = evidence.words.get(conflict.slug);
      if (!words || (words.alias.size === 0 && words.place.size === 0)) continue;
      for (const party of conflict.parties) if (party.role === 'BELLIGERENT' && branches.includes(party.actor)) grounded.add(party.actor);
    }
    if (grounded.size === 0) continue;
    mass.delete(movement);
    for (const branch of grounded) mass.set(branch, (mass.get(branch) ?? 0) + m / grounded.size);
  }
}

/** How many of the (sorted) `boundaries` are on or before `day`. */
function stretchOf(boundaries: number[], day: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boundaries[middle]! <= day) low = middle + 1;
    else high = middle;
  }
  return low;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

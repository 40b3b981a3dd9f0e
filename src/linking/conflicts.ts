import { dayNumber, isRoleActive } from './dates.js';
import type { ConflictRole, KbActor, KbConflict, KnowledgeBase, LinkedConflict } from './types.js';

/** What an article says that bears on conflicts; every amount is a sum of position-weighted occurrences. */
export interface ConflictEvidence {
  /** Per actor slug. */
  actors: Map<string, number>;
  /** Per conflict slug, per kind, per distinct word (folded). */
  words: Map<string, Record<'alias' | 'place' | 'signal', Map<string, number>>>;
}

// Reporting starts a little before a war and goes on well after it ends.
const MARGIN_BEFORE_DAYS = 90;
const MARGIN_AFTER_DAYS = 365;
const ROLE_MARGIN_DAYS = 31;
/** A leader named is half a mention of what they lead ("Poetin" says less of Russia than "Rusland"). */
const LEADER_SHARE = 0.5;
const ROLE_WEIGHT: Record<ConflictRole, number> = { BELLIGERENT: 1, SUPPORTER: 0.5, MEDIATOR: 0.25 };
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
/** A second conflict must have at least this share of the best one's evidence. */
const MIN_SHARE_OF_BEST = 0.25;
const SCORE_SCALE = 4;

export type ConflictScorer = (evidence: ConflictEvidence, publishedOn: string) => LinkedConflict[];

/**
 * Scores each conflict whose dates (with a margin) cover the article. Reporting on a conflict means reporting on
 * its opposing sides, so the core of the score is the weaker of the two most present belligerent sides; the
 * stronger side counts a little, capped, and the conflict's own names, places and signal words add to it.
 * A party weighs less the more current conflicts it is a party to (the United States say little on their own).
 * A conflict links only with enough evidence that is its own (see OWN_EVIDENCE).
 */
export function createConflictScorer(kb: KnowledgeBase): ConflictScorer {
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const conflicts = kb.conflicts.map((c) => ({
    ...c,
    from: dayNumber(c.startedOn) - MARGIN_BEFORE_DAYS,
    to: c.endedOn === null ? Infinity : dayNumber(c.endedOn) + MARGIN_AFTER_DAYS,
  }));

  // Articles come with month-precise dates, so the conflicts of a day are worked out once per day.
  const byDay = new Map<number, CurrentConflicts>();
  const currentOn = (day: number): CurrentConflicts => {
    let found = byDay.get(day);
    if (!found) {
      found = currentConflicts(conflicts.filter((c) => c.from <= day && day <= c.to));
      if (byDay.size < 10_000) byDay.set(day, found);
    }
    return found;
  };

  return (evidence, publishedOn) => {
    const { current, partyOf, fightsIn } = currentOn(dayNumber(publishedOn));
    const mass = withLeaders(evidence.actors, actors, publishedOn);

    const scored = current.map((conflict) => {
      const sides = new Map<string, number>();
      // A side is in the fight only when one of its belligerents is named, not just its supporters.
      const fighting = new Set<string>();
      let own = 0;
      for (const party of conflict.parties) {
        const m = mass.get(party.actor) ?? 0;
        if (m === 0 || party.side === null || party.role === 'MEDIATOR') continue;
        const conflictsOfParty = partyOf.get(party.actor) ?? 1;
        const specificity = 1 / Math.sqrt(conflictsOfParty);
        if (party.role === 'BELLIGERENT') {
          fighting.add(party.side);
          own += Math.min(m, WORD_CAP) / (fightsIn.get(party.actor) ?? 1);
        }
        sides.set(party.side, (sides.get(party.side) ?? 0) + ROLE_WEIGHT[party.role] * specificity * m);
      }
      const [lead = 0, second = 0] = [...sides]
        .filter(([side]) => fighting.has(side))
        .map(([, m]) => m)
        .sort((a, b) => b - a);
      let total = second + LEAD_SIDE_WEIGHT * Math.min(lead, LEAD_SIDE_CAP);

      const words = evidence.words.get(conflict.slug);
      for (const kind of ['alias', 'place', 'signal'] as const) {
        for (const count of words?.[kind].values() ?? []) {
          total += WORD_WEIGHT[kind] * Math.min(count, WORD_CAP);
          // Naming the conflict is enough on its own; a place counts as often as it occurs.
          if (kind === 'alias') own += OWN_EVIDENCE;
          if (kind === 'place') own += Math.min(count, WORD_CAP);
        }
      }
      const named = (words?.alias.size ?? 0) > 0;
      return { slug: conflict.slug, partOf: conflict.partOf ?? null, total, named, ownEvidence: second >= OWN_EVIDENCE || own >= OWN_EVIDENCE };
    });

    const best = Math.max(0, ...scored.map((s) => s.total));
    const passing = scored.filter((s) => s.ownEvidence && s.total >= MIN_EVIDENCE && s.total >= MIN_SHARE_OF_BEST * best);
    // An article reports on the most specific conflict its evidence supports: the broader one a
    // linked conflict is part of links too only when the article names it.
    const parentsOfLinked = new Set(passing.map((s) => s.partOf).filter((slug) => slug !== null));
    return passing
      .filter((s) => !parentsOfLinked.has(s.slug) || s.named)
      .sort((a, b) => b.total - a.total || a.slug.localeCompare(b.slug))
      .map((s) => ({ slug: s.slug, score: Math.max(0.001, round(1 - Math.exp(-s.total / SCORE_SCALE))) }));
  };
}

interface CurrentConflicts {
  current: KbConflict[];
  /** Per actor, the number of current conflicts it is a party to. */
  partyOf: Map<string, number>;
  /** Per actor, the number of current conflicts it fights in. */
  fightsIn: Map<string, number>;
}

function currentConflicts(current: KbConflict[]): CurrentConflicts {
  const partyOf = new Map<string, number>();
  const fightsIn = new Map<string, number>();
  for (const c of current) {
    for (const slug of new Set(c.parties.map((p) => p.actor))) partyOf.set(slug, (partyOf.get(slug) ?? 0) + 1);
    for (const slug of new Set(c.parties.filter((p) => p.role === 'BELLIGERENT').map((p) => p.actor))) {
      fightsIn.set(slug, (fightsIn.get(slug) ?? 0) + 1);
    }
  }
  return { current, partyOf, fightsIn };
}

/** Adds to each state or group a share of the mentions of the people who held a role for it on the date. */
function withLeaders(direct: Map<string, number>, actors: Map<string, KbActor>, date: string): Map<string, number> {
  const mass = new Map(direct);
  for (const [slug, m] of direct) {
    const led = new Set(
      (actors.get(slug)?.roles ?? [])
        .filter((role) => role.for !== null && isRoleActive(role, date, ROLE_MARGIN_DAYS))
        .map((role) => role.for!),
    );
    for (const target of led) mass.set(target, (mass.get(target) ?? 0) + LEADER_SHARE * m);
  }
  return mass;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

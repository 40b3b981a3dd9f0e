import type { LinkingKnowledgeBase } from '../linking/kb.js';
import type { KbActor, KbConflict } from '../linking/types.js';
import { roleOn } from './naming.js';
import type { Random } from './random.js';

/** Who and what an article is about. */
export interface Cast {
  conflicts: KbConflict[];
  /** Slugs, the main parties first. */
  actors: string[];
}

const ZIPF_EXPONENT = 1.1;

export interface Casting {
  choose(date: string, random: Random): Cast;
}

/**
 * Picks 1–3 conflicts running on `date`, their parties and the people holding office for them then,
 * and a Zipf-distributed tail of other actors: a few are named often, most rarely.
 */
export function createCasting(kb: LinkingKnowledgeBase): Casting {
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const holders = new Map<string, KbActor[]>();
  for (const actor of kb.actors) {
    for (const role of actor.roles) {
      if (role.for === null) continue;
      const list = holders.get(role.for) ?? [];
      if (!list.includes(actor)) list.push(actor);
      holders.set(role.for, list);
    }
  }

  // Popularity decides the tail's ranks: parties to many conflicts and holders of many offices come first.
  const partyCount = new Map<string, number>();
  for (const c of kb.conflicts) for (const p of c.parties) partyCount.set(p.actor, (partyCount.get(p.actor) ?? 0) + 1);
  const ranked = [...kb.actors].sort(
    (a, b) => popularity(b) - popularity(a) || a.slug.localeCompare(b.slug),
  );
  function popularity(a: KbActor): number {
    return 3 * (partyCount.get(a.slug) ?? 0) + a.roles.length + (holders.get(a.slug)?.length ?? 0) / 2;
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < ranked.length; rank++) cumulative.push((total += 1 / (rank + 1) ** ZIPF_EXPONENT));

  const running = (c: KbConflict, date: string) => c.startedOn <= date && (c.endedOn === null || c.endedOn >= date);
  // People are named only while in office or within a few years after it.
  const plausible = (a: KbActor, date: string) =>
    a.kind !== 'PERSON' ||
    a.roles.some((r) => (r.from === null || r.from <= date) && (r.to === null || r.to >= yearsBefore(date, 4)));

  return {
    choose(date, random) {
      const open = random.shuffle(kb.conflicts.filter((c) => running(c, date)));
      const wanted = random.chance(0.6) ? 1 : random.chance(0.7) ? 2 : 3;
      const conflicts = open.slice(0, wanted);
      const target = random.int(5, 13);
      const chosen = new Set<string>();

      const core: string[] = [];
      for (const conflict of conflicts) {
        // Belligerents first: an article on a conflict names who fights it before who backs or mediates it.
        const shuffled = random.shuffle([...conflict.parties]);
        for (const party of [...shuffled.filter((p) => p.role === 'BELLIGERENT'), ...shuffled.filter((p) => p.role !== 'BELLIGERENT')]) {
          core.push(party.actor);
          const people = (holders.get(party.actor) ?? []).filter((p) => roleOn(p, date));
          for (const person of people) if (random.chance(0.5)) core.push(person.slug);
        }
      }
      const coreShare = Math.round(target * (0.6 + random.next() * 0.25));
      for (const slug of core) {
        if (chosen.size >= coreShare) break;
        chosen.add(slug);
      }
      for (let tries = 0; chosen.size < target && tries < 200; tries++) {
        const actor = ranked[random.weighted(cumulative)]!;
        if (plausible(actor, date)) chosen.add(actor.slug);
      }
      return { conflicts, actors: [...chosen].filter((slug) => actors.has(slug)) };
    },
  };
}

function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

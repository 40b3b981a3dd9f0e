/** A conflict whose evidence passed the thresholds, with what the choice between such conflicts looks at. */
export interface PassingConflict {
  slug: string;
  partOf: string | null;
  total: number;
  /** The article names the conflict itself. */
  named: boolean;
  /** The conflict ended before the article's date. */
  ended: boolean;
  /** The parties of the conflict the article names, directly or through a leader. */
  present: Set<string>;
  parties: Set<string>;
}

/** How many times a part's evidence the whole needs to link beside it unnamed. */
const WHOLE_OVER_PART = 1.5;

/**
 * Chooses among the conflicts whose evidence passed what an article reports on:
 * - a conflict whose named parties are all parties of a better-supported one (an intervention beside the civil war
 *   it joined, a rivalry beside a war between the rivals' allies) links beside it only when the article names it:
 *   the same names are no evidence of both;
 * - a part that is over yields to its whole, still going on, unless the article names the part (reporting after a
 *   war is about the conflict it was part of);
 * - a whole links beside its part only when the article names it, or when its evidence clearly outweighs the
 *   part's (an article on the West Bank during a Gaza war is about the conflict itself).
 */
export function selectConflicts(passing: PassingConflict[]): PassingConflict[] {
  const related = (a: PassingConflict, b: PassingConflict) => a.partOf === b.slug || b.partOf === a.slug;
  const better = (a: PassingConflict, b: PassingConflict) => a.total > b.total || (a.total === b.total && a.slug < b.slug);
  const explained = (b: PassingConflict) =>
    passing.some((a) => a !== b && !related(a, b) && better(a, b) && [...b.present].every((party) => a.parties.has(party)));
  const distinct = passing.filter((s) => s.named || s.present.size === 0 || !explained(s));

  const slugs = new Set(distinct.map((s) => s.slug));
  const linked = distinct.filter((s) => !(s.ended && !s.named && s.partOf !== null && slugs.has(s.partOf)));
  const bestPart = new Map<string, number>();
  for (const s of linked) if (s.partOf !== null) bestPart.set(s.partOf, Math.max(bestPart.get(s.partOf) ?? 0, s.total));
  return linked
    .filter((s) => !bestPart.has(s.slug) || s.named || s.total >= WHOLE_OVER_PART * bestPart.get(s.slug)!)
    .sort((a, b) => b.total - a.total || a.slug.localeCompare(b.slug));
}

/** The section the linker counts the title's words in (one before the body's first). */
export const TITLE_SECTION = -1;

/** A conflict whose evidence passed the thresholds, with what the choice between such conflicts looks at. */
export interface PassingConflict {
  slug: string;
  partOf: string | null;
  /** The outermost conflict it is part of (its own slug when it is part of none). */
  family: string;
  total: number;
  /** The article names the conflict itself. */
  named: boolean;
  /** The article names a place where it is fought. */
  placed: boolean;
  /**
   * The article has words of its own for it: its name, a place, or a signal word few conflicts share (`jihadisten`
   * points to a dozen conflicts, `Minsk-akkoorden` to one).
   */
  worded: boolean;
  /** The sections of the body its words (names, places, signal words) are in; the title is -1. */
  sections: Set<number>;
  /** The side of each of its belligerents the article names. */
  fighting: Map<string, string>;
  /** The conflict ended before the article's date. */
  ended: boolean;
  /** It is a war (not an insurgency or a dispute): the wars and offensives inside it are episodes of it. */
  war: boolean;
  /** The parties of the conflict the article names, directly or through a leader. */
  present: Set<string>;
  parties: Set<string>;
}

/** How many times a part's evidence the whole needs to link beside it unnamed. */
const WHOLE_OVER_PART = 1.5;

/**
 * Chooses among the conflicts whose evidence passed what an article reports on:
 * - a conflict whose named parties are all parties of a better-supported one (an intervention beside the civil war
 *   it joined, a rivalry beside a war between the rivals' allies, a movement's war beside its regional branch's)
 *   links beside it only when the article names it: the same names are no evidence of both;
 * - a conflict of the same family as a better-supported one (two wars of the Sahel, two fronts of Iran's conflict
 *   with Israel) links beside it only with its own name or place: parties they share say nothing of which;
 * - a part yields to its whole when the article has neither its name nor a place of it, and a part that is over
 *   yields unless the article names it (reporting after a war is about the conflict it was part of);
 * - a whole links beside its part when the article names it, when its evidence clearly outweighs the part's (an
 *   article on the West Bank during a Gaza war is about the conflict itself), or when it is a war still going on
 *   (an offensive in the Syrian civil war is news of that war);
 * - besides the best-supported conflict, a conflict links only on words of its own: parties alone are evidence of
 *   the article's main conflict, not of a second one that shares some of them; and its words in one paragraph
 *   alone, with at most one side of it named that is no party of the main conflict, are a mention aside (`na de
 *   moord op Khashoggi` in an article on Yemen, a detainee named in an article on the protests in the state that
 *   holds them), not reporting on it.
 */
export function selectConflicts(passing: PassingConflict[]): PassingConflict[] {
  const related = (a: PassingConflict, b: PassingConflict) => a.partOf === b.slug || b.partOf === a.slug;
  const better = (a: PassingConflict, b: PassingConflict) => a.total > b.total || (a.total === b.total && a.slug < b.slug);
  const explained = (b: PassingConflict) =>
    passing.some((a) => a !== b && !related(a, b) && better(a, b) && [...b.present].every((party) => a.parties.has(party)));
  const ungrounded = (s: PassingConflict) => !s.named && !s.placed;
  const outdone = (b: PassingConflict) =>
    ungrounded(b) && passing.some((a) => a !== b && !related(a, b) && a.family === b.family && better(a, b));
  const distinct = passing.filter((s) => s.named || ((s.present.size === 0 || !explained(s)) && !outdone(s)));

  const bySlug = new Map(distinct.map((s) => [s.slug, s]));
  const linked = distinct.filter((s) => {
    if (s.partOf === null || !bySlug.has(s.partOf)) return true;
    return s.named || (!s.ended && s.placed);
  });
  const bestPart = new Map<string, number>();
  for (const s of linked) if (s.partOf !== null) bestPart.set(s.partOf, Math.max(bestPart.get(s.partOf) ?? 0, s.total));
  const chosen = linked.filter(
    (s) => !bestPart.has(s.slug) || s.named || (s.war && !s.ended) || s.total >= WHOLE_OVER_PART * bestPart.get(s.slug)!,
  );
  const best = Math.max(0, ...chosen.map((s) => s.total));
  const top = chosen.find((s) => s.total === best);
  // Words in one paragraph, the main conflict's words in others, and no two sides of its own named beside the main
  // conflict's parties: an aside (the whole or another part of the main conflict is no aside: it is the same story).
  const aside = (s: PassingConflict) =>
    top !== undefined &&
    s.family !== top.family &&
    s.sections.size === 1 &&
    !s.sections.has(TITLE_SECTION) &&
    [...top.sections].some((section) => !s.sections.has(section)) &&
    new Set([...s.fighting].filter(([actor]) => !top.parties.has(actor)).map(([, side]) => side)).size < 2;
  return chosen.filter((s) => s.total === best || (s.worded && !aside(s))).sort((a, b) => b.total - a.total || a.slug.localeCompare(b.slug));
}

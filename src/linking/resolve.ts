import { isRoleActive } from './dates.js';
import type { AliasType } from './lexicon.js';
import type { KbActor } from './types.js';

/** A name found in the text, with every actor it may stand for (token indexes, `end` exclusive). */
export interface ActorCandidate {
  start: number;
  end: number;
  hits: { slug: string; type: AliasType }[];
}

export interface ResolvedMention {
  start: number;
  end: number;
  slug: string;
}

export interface ResolveContext {
  actors: Map<string, KbActor>;
  publishedOn: string;
}

// Dates in the corpus may be known to the month only.
const ROLE_MARGIN_DAYS = 31;

/**
 * Decides which actor each name stands for. A name with one actor links to it (a surname only when it is
 * the only person of the knowledge base with that name); a name shared by several actors is decided by,
 * in turn, the actors named unambiguously in the same article, the roles held on the article's date, and
 * the ties of the candidates to those actors; a name still shared after that is left unlinked.
 */
export function resolveMentions(
  candidates: ActorCandidate[],
  ctx: ResolveContext,
  anchors: Set<string> = anchorsOf(candidates),
): ResolvedMention[] {
  const resolved: ResolvedMention[] = [];
  for (const candidate of candidates) {
    const slug = decide(distinctSlugs(candidate), ctx, anchors);
    if (slug) resolved.push({ start: candidate.start, end: candidate.end, slug });
  }
  return resolved;
}

/** Actors named in the article by a name that is theirs alone and not a bare surname. */
export function anchorsOf(candidates: ActorCandidate[]): Set<string> {
  const anchors = new Set<string>();
  for (const candidate of candidates) {
    const slugs = distinctSlugs(candidate);
    if (slugs.length === 1 && candidate.hits.some((h) => h.type !== 'surname')) anchors.add(slugs[0]!);
  }
  return anchors;
}

function decide(slugs: string[], ctx: ResolveContext, anchors: Set<string>): string | null {
  const roles = (slug: string) => ctx.actors.get(slug)?.roles ?? [];
  const filters: ((slug: string) => boolean)[] = [
    (slug) => anchors.has(slug),
    (slug) => roles(slug).some((role) => isRoleActive(role, ctx.publishedOn, ROLE_MARGIN_DAYS)),
    (slug) =>
      roles(slug).some((role) => role.for !== null && anchors.has(role.for)) ||
      [...anchors].some((anchor) => roles(anchor).some((role) => role.for === slug)),
  ];
  let left = slugs;
  for (const keep of filters) {
    if (left.length <= 1) break;
    const kept = left.filter(keep);
    if (kept.length > 0) left = kept;
  }
  return left.length === 1 ? left[0]! : null;
}

function distinctSlugs(candidate: ActorCandidate): string[] {
  return [...new Set(candidate.hits.map((h) => h.slug))];
}

import { previousWord } from './context.js';
import type { ActorCandidate } from './resolve.js';
import { isSentenceBreak, type Token } from './text.js';

/*
 * A state's army named as such: `het Malinese leger`, `de Russische strijdkrachten`, `het leger van Mali`. When
 * the knowledge base has an actor that is the state's armed forces (`armedForcesOf`), the words link to it as
 * well as (by the adjective or name) to the state; otherwise to the state alone. A
 * state's parliament named so (`het Pakistaanse parlement`, `het parlement van Irak`) links in the same way to
 * the actor that is its national parliament (`parliamentOf`).
 */

/** Nouns for a state's armed forces as a whole; a branch (`luchtmacht`, `marine`) is a body of its own (state-bodies.ts). */
const FORCES = new Set(['leger', 'strijdkrachten', 'krijgsmacht']);
const PARLIAMENT = new Set(['parlement', 'congres']);

/**
 * Candidates for the armed forces of the states named in `candidates` by an adjective before a forces noun or by
 * a name after `<noun> van`, in text order. `forcesOf` gives the actors that are a state's armed forces.
 */
export function withArmedForces(
  tokens: Token[],
  candidates: ActorCandidate[],
  forcesOf: Map<string, string[]>,
  parliamentsOf: Map<string, string[]> = new Map(),
): ActorCandidate[] {
  if (forcesOf.size === 0 && parliamentsOf.size === 0) return candidates;
  const bodies: [Set<string>, Map<string, string[]>][] = [
    [FORCES, forcesOf],
    [PARLIAMENT, parliamentsOf],
  ];
  const out: ActorCandidate[] = [];
  const derived: { start: number; end: number }[] = [];
  for (const candidate of candidates) {
    out.push(candidate);
    for (const [nouns, bodyOf] of bodies) {
      const span = bodySpan(tokens, candidate, nouns);
      if (!span) continue;
      const found = [...new Set(candidate.hits.flatMap((h) => (span.via.includes(h.type) ? bodyOf.get(h.slug) ?? [] : [])))];
      if (found.length === 0) continue;
      out.push({ ...span, hits: found.map((slug) => ({ slug, type: 'name' as const })) });
      derived.push(span);
    }
  }
  // `het Colombiaanse Congres`, `het Congres van Colombia`: the noun is also a context name (`Congres`) of several
  // states' chambers; the adjective or name has said whose, and the context name would be a second mention.
  if (derived.length === 0) return out;
  const within = (c: ActorCandidate) => derived.some((d) => d.start <= c.start && c.end <= d.end);
  return out.filter((c) => !c.hits.every((h) => h.type === 'context') || !within(c));
}

function bodySpan(tokens: Token[], candidate: ActorCandidate, nouns: Set<string>): { start: number; end: number; via: string[] } | null {
  const next = tokens[candidate.end];
  // `de Russische strijdkrachten`: an inflected adjective right before the noun. The army's mention is the noun:
  // the adjective is the state's mention, and a body offset holds one mention.
  if (next && /^[ \u00a0]+$/.test(next.gapBefore) && nouns.has(next.key) && /e$/i.test(tokens[candidate.end - 1]!.text)) {
    return { start: candidate.end, end: candidate.end + 1, via: ['adjective'] };
  }
  // `het leger van Mali`.
  const van = previousWord(tokens, candidate.start);
  if (van < 1 || tokens[van]!.key !== 'van' || isSentenceBreak(tokens[van]!.gapBefore)) return null;
  const noun = previousWord(tokens, van);
  if (noun < 0 || !nouns.has(tokens[noun]!.key)) return null;
  return { start: noun, end: candidate.end, via: ['name'] };
}

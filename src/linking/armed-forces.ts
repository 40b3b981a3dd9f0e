import { previousWord } from './context.js';
import type { ActorCandidate } from './resolve.js';
import { isSentenceBreak, type Token } from './text.js';

/*
 * A state's army named as such: `het Malinese leger`, `de Russische strijdkrachten`, `de Oekraïense luchtmacht`,
 * `het leger van Mali`. When the knowledge base has an actor that is the state's armed forces (`armedForcesOf`),
 * the words link to it as well as (by the adjective or name) to the state; otherwise to the state alone.
 */

/** Nouns for a state's armed forces or one of their branches. */
const FORCES = new Set(['leger', 'strijdkrachten', 'krijgsmacht', 'luchtmacht', 'marine', 'landmacht', 'zeemacht']);

/**
 * Candidates for the armed forces of the states named in `candidates` by an adjective before a forces noun or by
 * a name after `<noun> van`, in text order. `forcesOf` gives the actors that are a state's armed forces.
 */
export function withArmedForces(
  tokens: Token[],
  candidates: ActorCandidate[],
  forcesOf: Map<string, string[]>,
): ActorCandidate[] {
  if (forcesOf.size === 0) return candidates;
  const out: ActorCandidate[] = [];
  for (const candidate of candidates) {
    out.push(candidate);
    const span = forcesSpan(tokens, candidate);
    if (!span) continue;
    const armies = [...new Set(candidate.hits.flatMap((h) => (span.via.includes(h.type) ? forcesOf.get(h.slug) ?? [] : [])))];
    if (armies.length > 0) out.push({ ...span, hits: armies.map((slug) => ({ slug, type: 'name' as const })) });
  }
  return out;
}

function forcesSpan(tokens: Token[], candidate: ActorCandidate): { start: number; end: number; via: string[] } | null {
  const next = tokens[candidate.end];
  // `de Russische strijdkrachten`: an inflected adjective right before the noun. The army's mention is the noun:
  // the adjective is the state's mention, and a body offset holds one mention.
  if (next && /^[ \u00a0]+$/.test(next.gapBefore) && FORCES.has(next.key) && /e$/i.test(tokens[candidate.end - 1]!.text)) {
    return { start: candidate.end, end: candidate.end + 1, via: ['adjective'] };
  }
  // `het leger van Mali`.
  const van = previousWord(tokens, candidate.start);
  if (van < 1 || tokens[van]!.key !== 'van' || isSentenceBreak(tokens[van]!.gapBefore)) return null;
  const noun = previousWord(tokens, van);
  if (noun < 0 || !FORCES.has(tokens[noun]!.key)) return null;
  return { start: noun, end: candidate.end, via: ['name'] };
}

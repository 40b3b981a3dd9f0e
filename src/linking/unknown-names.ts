import { isCapitalised, isNameGap, isSentenceBreak, type Token } from './text.js';
import type { MentionSpan } from './types.js';

/** Lowercase words that sit inside names: `Osama bin Laden`, `Abdel Fattah el-Sisi`, `Ursula von der Leyen`. */
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'ben', 'van', 'von', 'de', 'der', 'den', 'le', 'la', 'du', 'e']);

/** Capitalised words that start sentences but do not start names. */
const SENTENCE_OPENERS = new Set([
  'de', 'het', 'een', 'in', 'op', 'na', 'bij', 'volgens', 'door', 'ook', 'maar', 'en', 'als', 'dat', 'die', 'deze',
  'zo', 'wel', 'toch', 'hij', 'zij', 'ze', 'we', 'wij', 'er', 'nu', 'toen', 'onder', 'tijdens', 'met', 'voor', 'sinds',
  'daar', 'dit', 'wat', 'wie', 'waar', 'behalve', 'aan', 'om', 'over', 'tot', 'uit', 'van', 'zowel', 'hun', 'zijn',
]);

/**
 * Runs of two or more capitalised words (particles allowed inside) that no knowledge-base name covers:
 * the people, groups and places the knowledge base is missing.
 */
export function findUnknownNames(
  text: string,
  tokens: Token[],
  known: { start: number; end: number }[],
): MentionSpan[] {
  const covered = new Set<number>();
  for (const span of known) for (let i = span.start; i < span.end; i++) covered.add(i);

  const names: MentionSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const sentenceStart = i === 0 || isSentenceBreak(token.gapBefore);
    if (!isCapitalised(token.text) || covered.has(i) || (sentenceStart && SENTENCE_OPENERS.has(token.key))) {
      i += 1;
      continue;
    }
    let end = i + 1;
    let capitals = 1;
    while (end < tokens.length && isNameGap(tokens[end]!.gapBefore) && !covered.has(end)) {
      const next = tokens[end]!;
      if (isCapitalised(next.text)) capitals += 1;
      else if (!PARTICLES.has(next.text)) break;
      end += 1;
    }
    while (end > i + 1 && !isCapitalised(tokens[end - 1]!.text)) end -= 1;
    if (capitals >= 2) {
      const start = token.start;
      const stop = tokens[end - 1]!.end;
      names.push({ start, end: stop, text: text.slice(start, stop) });
    }
    i = end;
  }
  return names;
}

import { splitSentences } from './sentences.js';

/** The sentence of `body` that holds the span [start, end), split the way the parser splits sentences. */
export function sentenceAround(body: string, start: number, end: number): string {
  const paragraphStart = body.lastIndexOf('\n\n', start) + 1;
  const next = body.indexOf('\n\n', end);
  const paragraph = body.slice(paragraphStart, next === -1 ? body.length : next);
  let cursor = 0;
  for (const sentence of splitSentences(paragraph)) {
    const at = paragraph.indexOf(sentence, cursor);
    cursor = at + sentence.length;
    if (at !== -1 && paragraphStart + cursor >= end) return sentence;
  }
  return paragraph.trim();
}

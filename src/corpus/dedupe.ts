import { sentenceKey, splitSentences } from './sentences.js';

/**
 * Drops every sentence already seen earlier in the article and every paragraph left empty by that,
 * which removes repeated paragraphs even when they come back glued into one.
 */
export function dropRepeatedSentences(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const fresh = splitSentences(paragraph).filter((sentence) => {
      const key = sentenceKey(sentence);
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) kept.push(fresh.join(' '));
  }
  return kept;
}

import { isAllCaps, isSentenceBreak, type Token } from './text.js';

/*
 * When a capital stands for its state ("een initiatief van Washington", "de regering in Kaboel")
 * and when it is only the place where something happens ("arriveerde in Kaboel",
 * "aanslagen in New York en Washington", "de hoofdstad Tripoli").
 */

const PLACE_PREPOSITIONS = new Set([
  'in', 'naar', 'uit', 'te', 'vanuit', 'vanaf', 'nabij', 'rond', 'rondom', 'richting', 'via', 'bij', 'tot', 'buiten',
  'binnen',
]);

/** "de hoofdstad Kaboel": the noun names the city as a place. */
const PLACE_NOUNS = new Set([
  'hoofdstad', 'stad', 'havenstad', 'grensstad', 'regio', 'provincie', 'provinciehoofdstad', 'wijk', 'luchthaven',
  'metropool', 'centrum',
]);

/** "de regering in Kaboel": the seat of a government stands for the state even after `in`. */
const GOVERNMENT_NOUNS = new Set([
  'regering', 'regime', 'bewind', 'machthebbers', 'autoriteiten', 'overheid', 'leiding', 'leiders', 'leiderschap',
  'kabinet', 'junta', 'machthebber', 'centrale', 'government', 'regeringen',
]);

const CONJUNCTIONS = new Set(['en', 'of', 'and', 'or']);

export interface PlaceIndex {
  /** Whether a name known to be a place (not an actor) ends at this token. */
  endsAt(tokenIndex: number): boolean;
  startsAt(tokenIndex: number): boolean;
}

/** The word before token `i` in the same sentence, or -1. */
export function previousWord(tokens: Token[], i: number): number {
  if (i <= 0 || isSentenceBreak(tokens[i]!.gapBefore)) return -1;
  return i - 1;
}

/** Whether the capital at tokens [start, end) is used as a place rather than for its state. */
export function isUsedAsPlace(tokens: Token[], start: number, end: number, places: PlaceIndex): boolean {
  const prev = previousWord(tokens, start);
  if (prev >= 0) {
    const word = tokens[prev]!.key;
    if (PLACE_NOUNS.has(word)) return true;
    if (PLACE_PREPOSITIONS.has(word)) {
      const before = previousWord(tokens, prev);
      return !(before >= 0 && GOVERNMENT_NOUNS.has(tokens[before]!.key));
    }
    // Coordinated with a place: "in New York en Washington", "Parijs, Benghazi en ...".
    if (CONJUNCTIONS.has(word) && previousWord(tokens, prev) >= 0 && places.endsAt(prev - 1)) return true;
    if (tokens[start]!.gapBefore.includes(',') && places.endsAt(prev)) return true;
  }
  const next = tokens[end];
  if (next && !isSentenceBreak(next.gapBefore) && CONJUNCTIONS.has(next.key)) {
    const after = tokens[end + 1];
    if (after && !isSentenceBreak(after.gapBefore) && places.startsAt(end + 1)) return true;
  }
  return false;
}

/**
 * Whether the words at [start, end) are capitals only because the text around them is shouted
 * ("HET IS EEN RAMP"): an acronym there is not told from an ordinary word.
 */
export function isShouted(tokens: Token[], start: number, end: number): boolean {
  const shouted = (i: number) => {
    const token = tokens[i];
    return token !== undefined && /\p{L}{2}/u.test(token.text) && isAllCaps(token.text);
  };
  const prev = previousWord(tokens, start);
  const next = end < tokens.length && !isSentenceBreak(tokens[end]!.gapBefore) ? end : -1;
  return prev >= 0 && next >= 0 && shouted(prev) && shouted(next);
}

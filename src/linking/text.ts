/** A word of the text: offsets are UTF-16 indexes into the string it was read from. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lowercase, without diacritics, apostrophes unified: what the trie is keyed on. */
  key: string;
  /** The text between the previous token and this one ('' for the first token). */
  gapBefore: string;
}

// Letters and digits, with apostrophes inside a word kept (`Rohani's`, `Israëli's`).
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    tokens.push({ start, end, text: match[0], key: foldKey(match[0]), gapBefore: text.slice(previousEnd, start) });
    previousEnd = end;
  }
  return tokens;
}

// Letters that Unicode does not decompose into a base letter and a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  '’': "'",
};

const ASCII = /^[\x00-\x7f]*$/;

/** Removes diacritics but keeps case: `Erdoğan` → `Erdogan`, `Oekraïne` → `Oekraine`. */
export function stripMarks(word: string): string {
  if (ASCII.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıłŁøØđĐðæÆœŒß’]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

export function foldKey(word: string): string {
  return stripMarks(word).toLowerCase();
}

/** Whether a gap between two words lets them belong to one name: spaces (one line break at most), one hyphen or en dash (`Israel–Hamas`), or an ampersand (`CD&V`). */
export function isNameGap(gap: string): boolean {
  if (gap === ' ') return true;
  // Not `[ ]*\r?\n?[ ]*`: two runs of spaces with nothing required between them backtrack quadratically.
  return /^[ \t\u00a0]*(?:(?:\r\n?|\n)[ \t\u00a0]*)?$/.test(gap) || /^[-\u2010\u2011\u2013&]$/.test(gap);
}

/** Whether a gap ends a sentence (or a paragraph), so the words on either side are not read together. */
export function isSentenceBreak(gap: string): boolean {
  return /[.!?;:]|\n\s*\n/.test(gap);
}

export function isCapitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
}

/** A word with letters, all of them capitals: `VS`, `NAVO`, `G20`. */
export function isAllCaps(word: string): boolean {
  return /\p{L}/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();
}

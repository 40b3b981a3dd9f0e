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

// A word is `/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/u`: letters and digits, with apostrophes inside a word kept
// (`Rohani's`, `Israëli's`). test/properties.test.ts holds `tokenize` to that expression.
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** Per code point above ASCII, whether it is a letter or digit: a text has few distinct ones, read over and over. */
const wordCharacters = new Map<number, boolean>();

/**
 * The words of `text`, as matching the expression above finds them, read character by character: matching it and
 * folding every word through `foldKey` took two thirds of the time of tokenizing, a tenth of linking an article.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let i = 0;
  while (i < text.length) {
    let width = wordWidth(text, i);
    if (width <= 0) {
      i -= width;
      continue;
    }
    const start = i;
    let ascii = width === 1 && text.charCodeAt(i) < 128;
    i += width;
    for (;;) {
      while ((width = wordWidth(text, i)) > 0) {
        ascii &&= width === 1 && text.charCodeAt(i) < 128;
        i += width;
      }
      const c = text.charCodeAt(i);
      if ((c !== 39 && c !== 0x2019) || wordWidth(text, i + 1) <= 0) break;
      ascii &&= c === 39;
      i += 1;
    }
    const word = text.slice(start, i);
    // An ASCII word has no marks to strip: its key is its lowercase.
    tokens.push({ start, end: i, text: word, key: ascii ? word.toLowerCase() : foldKey(word), gapBefore: text.slice(previousEnd, start) });
    previousEnd = i;
  }
  return tokens;
}

/** The texts `tokenizeShared` read last, newest first, and their tokens. */
const shared: { text: string; tokens: readonly Token[] }[] = [];
const SHARED_KEPT = 2;

/**
 * `tokenize`, reading the same text once where the actor linker and the place linker both read an article's body
 * (and the actor linker its title in between). The tokens are shared: no caller may change them.
 */
export function tokenizeShared(text: string): Token[] {
  for (const kept of shared) if (kept.text === text) return kept.tokens as Token[];
  const tokens = tokenize(text);
  shared.unshift({ text, tokens });
  if (shared.length > SHARED_KEPT) shared.pop();
  return tokens;
}

/**
 * The code units of the character at `i` when it is a letter or digit (1, or 2 for a surrogate pair); otherwise
 * minus its code units, 0 past the end. Code points as the `u` flag reads them: a lone surrogate is one.
 */
function wordWidth(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : -1;
  const point = text.codePointAt(i)!;
  let word = wordCharacters.get(point);
  if (word === undefined) {
    word = WORD_CHARACTER.test(String.fromCodePoint(point));
    if (wordCharacters.size < 100_000) wordCharacters.set(point, word);
  }
  const units = point > 0xffff ? 2 : 1;
  return word ? units : -units;
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
const MARKS = /\p{M}/gu;
const SPECIALS = /[ıłŁøØđĐðæÆœŒß’]/g;

/** Removes diacritics but keeps case: `Erdoğan` → `Erdogan`, `Oekraïne` → `Oekraine`. */
export function stripMarks(word: string): string {
  if (ASCII.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIALS, (c) => SPECIAL_LETTERS[c] ?? c);
}

export function foldKey(word: string): string {
  return stripMarks(word).toLowerCase();
}

// The expressions the tests below run for many words of every text, made once: a literal is a new object each time
// it is evaluated, and those were a good part of what linking an article allocated.
const SPACES_GAP = /^[ \t\u00a0]*(?:(?:\r\n?|\n)[ \t\u00a0]*)?$/;
const JOINING_GAP = /^[-\u2010\u2011\u2013&]$/;
const DATELINE_GAP = /^\s*[-\u2013\u2014]\s+$/;
const TWO_LETTERS = /\p{L}{2}/u;
const PLACE_GAP = /^[ /]+$/;
const SENTENCE_BREAK = /[.!?;:]|\n\s*\n/;
const LETTER = /\p{L}/u;

/** Whether a gap between two words lets them belong to one name: spaces (one line break at most), one hyphen or en dash (`Israel–Hamas`), or an ampersand (`CD&V`). */
export function isNameGap(gap: string): boolean {
  if (gap === ' ') return true;
  // Not `[ ]*\r?\n?[ ]*`: two runs of spaces with nothing required between them backtrack quadratically.
  return SPACES_GAP.test(gap) || JOINING_GAP.test(gap);
}

/** Whether a gap ends a sentence (or a paragraph), so the words on either side are not read together. */
/** `DEN HAAG - Het Internationaal Strafhof …`: the word after a dateline opens the report's first sentence. */
export function afterDateline(tokens: Token[], i: number): boolean {
  const gap = tokens[i]!.gapBefore;
  // Most gaps are one space: this runs for many tokens of every text.
  if (gap.length < 3 || !DATELINE_GAP.test(gap)) return false;
  const caps = (j: number) => TWO_LETTERS.test(tokens[j]!.text) && isAllCaps(tokens[j]!.text);
  let first = i - 1;
  if (!caps(first)) return false;
  while (first > 0 && PLACE_GAP.test(tokens[first]!.gapBefore) && caps(first - 1)) first -= 1;
  return first === 0 || tokens[first]!.gapBefore.includes('\n');
}

export function isSentenceBreak(gap: string): boolean {
  return SENTENCE_BREAK.test(gap);
}

export function isCapitalised(word: string): boolean {
  // Called for most words of every text: an ASCII first letter is told without a lowercase copy.
  const c = word.charCodeAt(0);
  if (!(c >= 128)) return c >= 65 && c <= 90; // also '' (NaN)
  const first = word[0]!;
  return first !== first.toLowerCase();
}

/** A word with letters, all of them capitals: `VS`, `NAVO`, `G20`. */
export function isAllCaps(word: string): boolean {
  // An ASCII word, as most are, is read without the two case-changed copies: a capital, and no small letter.
  let capital = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return LETTER.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capital = true;
  }
  return capital;
}

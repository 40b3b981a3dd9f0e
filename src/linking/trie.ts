import { foldKey, isAllCaps, isCapitalised, isNameGap, isSentenceBreak, stripMarks, tokenize, type Token } from './text.js';

/**
 * How a word of a name must be written in the text, read off the way the name is written in the knowledge base:
 * all capitals (`VS`, `IS`) must match exactly, a capitalised word (`Kremlin`) must be capitalised in the text,
 * a lowercase word (`taliban`) matches in any case.
 */
export type CaseRule = 'exact' | 'cap' | 'any';

interface WordPattern {
  rule: CaseRule;
  /** The word as written in the knowledge base, diacritics removed. */
  form: string;
}

interface Entry<T> {
  words: WordPattern[];
  value: T;
  /** Whether capitalised words after the first may be written in lowercase (see `addWords`). */
  lowerInner: boolean;
}

interface Node<T> {
  /** Keyed on word numbers (`wordId`). Absent on a leaf: most nodes are the last word of a name, and a map each would weigh on building. */
  children?: Map<number, Node<T>>;
  entries: Entry<T>[];
}

/**
 * Every folded word of a name in any trie, numbered from 0: a text's words are looked up here once (see `readingOf`),
 * and the tries walk numbers, their first words in an array. Looking each word up in a map per trie and per word
 * of a name was a third of the time of linking.
 */
const vocabulary = new Map<string, number>();

function wordId(key: string): number {
  let id = vocabulary.get(key);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(key, id);
  }
  return id;
}

/** What the tries ask of a text's words, worked out once per token array and shared by every trie. */
interface Reading {
  tokens: readonly Token[];
  length: number;
  /** The size of the vocabulary when read: a trie built since may know more words. */
  known: number;
  /** Each token's word number, -1 for a word no name has. */
  ids: Int32Array;
  /** 1 where the gap before the token lets it continue a name (`isNameGap`). */
  joins: Uint8Array;
  /** Per token, 0 not yet known, 1 capitalised, 2 not (`isCapitalised`). */
  capitals: Uint8Array;
}

/** The token arrays read last (a body and its title, read by two tries and looked into by the rules). */
const readings: Reading[] = [];
const READINGS_KEPT = 4;

function readingOf(tokens: readonly Token[]): Reading {
  for (let r = 0; r < readings.length; r++) {
    const reading = readings[r]!;
    if (reading.tokens === tokens && reading.length === tokens.length && reading.known === vocabulary.size) return reading;
  }
  const n = tokens.length;
  const ids = new Int32Array(n);
  const joins = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    ids[i] = vocabulary.get(token.key) ?? -1;
    if (isNameGap(token.gapBefore)) joins[i] = 1;
  }
  const reading: Reading = { tokens, length: n, known: vocabulary.size, ids, joins, capitals: new Uint8Array(n) };
  if (readings.length >= READINGS_KEPT) readings.pop();
  readings.unshift(reading);
  return reading;
}

function capitalisedAt(reading: Reading, i: number): boolean {
  let c = reading.capitals[i]!;
  if (c === 0) {
    c = isCapitalised(reading.tokens[i]!.text) ? 1 : 2;
    reading.capitals[i] = c;
  }
  return c === 1;
}

export interface TrieMatch<T> {
  /** Token indexes, `end` exclusive. */
  start: number;
  end: number;
  values: T[];
}

/** A trie keyed on folded words: one walk per text position finds the longest name starting there. */
export class TokenTrie<T> {
  /** The nodes of the first words, by word number. */
  private readonly first: (Node<T> | undefined)[] = [];

  /**
   * Adds a name; `suffix` is glued to its last word (`Poetin` + `s`). Returns false for a name without words.
   * A space and a hyphen between words are the same to the trie, so `al-Qaida` also finds `Al Qaida`.
   */
  add(phrase: string, value: T, suffix = ''): boolean {
    return this.addWords(
      tokenize(phrase).map((t) => t.text),
      value,
      [suffix],
    );
  }

  /**
   * `add` for a name already cut into words, once with each suffix (`''`, `s`, `'s`), reading the name once. With
   * `lowerInner`, the capitalised words after the first may also be written in lowercase (`Europese commissie`)
   * where the first word is capitalised inside a sentence: a capital there marks a name, where at the start of a
   * sentence it marks nothing.
   */
  addWords(words: string[], value: T, suffixes: readonly string[] = [''], lowerInner = false): boolean {
    if (words.length === 0) return false;
    let node: Node<T> | null = null;
    const patterns: WordPattern[] = [];
    for (const word of words.slice(0, -1)) {
      patterns.push({ rule: caseRule(word), form: stripMarks(word) });
      node = this.child(node, foldKey(word));
    }
    const last = words.at(-1)!;
    for (const suffix of suffixes) {
      const text = last + suffix;
      const end = this.child(node, foldKey(text));
      // Arrays of exactly their length (concat): one built by push or spread keeps room for some 16
      // more elements, and the trie holds some 110,000 arrays, most of one or two.
      const words = patterns.concat([{ rule: caseRule(last), form: stripMarks(text) }]);
      end.entries = end.entries.concat([{ words, value, lowerInner }]);
    }
    return true;
  }

  /**
   * The longest name starting at token `start` and ending by token `limit` (exclusive; the end of the
   * text by default) whose case rules hold, with every value stored under it.
   */
  longest(tokens: Token[], start: number, limit = tokens.length): TrieMatch<T> | null {
    return this.longestIn(readingOf(tokens), start, limit);
  }

  /** Every longest match, left to right, without overlaps. */
  scan(tokens: Token[]): TrieMatch<T>[] {
    const matches: TrieMatch<T>[] = [];
    const reading = readingOf(tokens);
    const { ids } = reading;
    const first = this.first;
    for (let i = 0; i < tokens.length; ) {
      // Most words start no name: one look into an array says so.
      const id = ids[i]!;
      const match = id >= 0 && id < first.length && first[id] !== undefined ? this.longestIn(reading, i, tokens.length) : null;
      if (match) {
        matches.push(match);
        i = match.end;
      } else {
        i += 1;
      }
    }
    return matches;
  }

  private longestIn(reading: Reading, start: number, limit: number): TrieMatch<T> | null {
    const { ids, joins } = reading;
    let node: Node<T> | undefined;
    let best: TrieMatch<T> | null = null;
    for (let j = start; j < limit; j++) {
      const id = ids[j]!;
      if (id < 0) break;
      if (j === start) node = id < this.first.length ? this.first[id] : undefined;
      else if (joins[j] === 0) break;
      else node = node!.children?.get(id);
      if (!node) break;
      if (node.entries.length === 0) continue;
      let values: T[] | null = null;
      for (const entry of node.entries) if (casesHold(entry, reading, start)) (values ??= []).push(entry.value);
      if (values !== null) best = { start, end: j + 1, values };
    }
    return best;
  }

  /** The node under `node` (the first words when null) for a folded word, made when missing. */
  private child(node: Node<T> | null, key: string): Node<T> {
    const id = wordId(key);
    if (node === null) {
      while (this.first.length <= id) this.first.push(undefined);
      let next = this.first[id];
      if (!next) {
        next = { entries: [] };
        this.first[id] = next;
      }
      return next;
    }
    node.children ??= new Map();
    let next = node.children.get(id);
    if (!next) {
      next = { entries: [] };
      node.children.set(id, next);
    }
    return next;
  }
}

export function caseRule(word: string): CaseRule {
  if (isAllCaps(word)) return 'exact';
  if (isCapitalised(word)) return 'cap';
  return 'any';
}

function casesHold(entry: Entry<unknown>, reading: Reading, start: number): boolean {
  let lowered = false;
  for (let k = 0; k < entry.words.length; k++) {
    const word = entry.words[k]!;
    if (word.rule === 'any') continue;
    if (word.rule === 'exact') {
      if (stripMarks(reading.tokens[start + k]!.text) !== word.form) return false;
    } else if (!capitalisedAt(reading, start + k)) {
      if (!entry.lowerInner || k === 0) return false;
      lowered = true;
    }
  }
  return !lowered || insideSentence(reading.tokens, start);
}

const OPENING = /["“”„‘’'«»(\[]/;

/** Whether token `start` stands inside a sentence: not the first word of the text, a sentence, a quote or brackets. */
function insideSentence(tokens: readonly Token[], start: number): boolean {
  const gap = tokens[start]!.gapBefore;
  return start > 0 && !isSentenceBreak(gap) && !OPENING.test(gap);
}

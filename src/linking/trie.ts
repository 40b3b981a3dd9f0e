import { isAllCaps, isCapitalised, isNameGap, isSentenceBreak, stripMarks, tokenize, type Token } from './text.js';

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
  /** Absent on a leaf: most nodes are the last word of a name, and a map each would weigh on building. */
  children?: Map<string, Node<T>>;
  entries: Entry<T>[];
}

export interface TrieMatch<T> {
  /** Token indexes, `end` exclusive. */
  start: number;
  end: number;
  values: T[];
}

/**
 * A trie as plain JSON (see `TokenTrie.toData`), each value, word pattern and list of patterns once: `patterns`
 * holds each pattern's case rule (as `RULES` numbers it) and form, `names` each list of pattern indexes, and
 * `nodes` the nodes depth first, each as the number of its entries, every entry (value index, lowerInner as 0 or 1,
 * name index), the number of its children, and every child as its key and then its node.
 */
export interface TrieData<T> {
  values: T[];
  patterns: (string | number)[];
  names: number[][];
  nodes: (string | number)[];
}

const RULES: readonly CaseRule[] = ['exact', 'cap', 'any'];

/** A trie keyed on folded words: one walk per text position finds the longest name starting there. */
export class TokenTrie<T> {
  private root: Node<T> = { children: new Map(), entries: [] };

  /**
   * The trie as data that `fromData` turns back into the same trie, its values shared as they are here: a cache
   * of a built trie loads in a fraction of the time building it takes.
   */
  toData(): TrieData<T> {
    const data: TrieData<T> = { values: [], patterns: [], names: [], nodes: [] };
    const valueIndex = new Map<T, number>();
    const patternIndex = new Map<string, number>();
    const nameIndex = new Map<string, number>();
    const patternOf = ({ rule, form }: WordPattern) => {
      const key = `${rule} ${form}`;
      let index = patternIndex.get(key);
      if (index === undefined) patternIndex.set(key, (index = data.patterns.push(RULES.indexOf(rule), form) / 2 - 1));
      return index;
    };
    const nameOf = (words: WordPattern[]) => {
      const patterns = words.map(patternOf);
      const key = patterns.join(' ');
      let index = nameIndex.get(key);
      if (index === undefined) nameIndex.set(key, (index = data.names.push(patterns) - 1));
      return index;
    };
    const valueOf = (value: T) => {
      let index = valueIndex.get(value);
      if (index === undefined) valueIndex.set(value, (index = data.values.push(value) - 1));
      return index;
    };
    const write = (node: Node<T>) => {
      data.nodes.push(node.entries.length);
      for (const { words, value, lowerInner } of node.entries) {
        data.nodes.push(valueOf(value), lowerInner ? 1 : 0, nameOf(words));
      }
      data.nodes.push(node.children?.size ?? 0);
      for (const [key, next] of node.children ?? []) {
        data.nodes.push(key);
        write(next);
      }
    };
    write(this.root);
    return data;
  }

  /** The trie `toData` gave. */
  static fromData<T>({ values, patterns, names, nodes }: TrieData<T>): TokenTrie<T> {
    const words: WordPattern[] = new Array(patterns.length / 2);
    for (let p = 0; p < words.length; p++) words[p] = { rule: RULES[patterns[2 * p] as number]!, form: patterns[2 * p + 1] as string };
    const named = names.map((name) => name.map((p) => words[p]!));
    let at = 0;
    const read = (): Node<T> => {
      const entries: Entry<T>[] = new Array(nodes[at++] as number);
      for (let e = 0; e < entries.length; e++) {
        const value = values[nodes[at++] as number]!;
        const lowerInner = nodes[at++] === 1;
        entries[e] = { words: named[nodes[at++] as number]!, value, lowerInner };
      }
      const count = nodes[at++] as number;
      if (count === 0) return { entries };
      const children = new Map<string, Node<T>>();
      for (let c = 0; c < count; c++) {
        const key = nodes[at++] as string;
        children.set(key, read());
      }
      return { entries, children };
    };
    const trie = new TokenTrie<T>();
    trie.root = read();
    trie.root.children ??= new Map();
    return trie;
  }

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
    let node = this.root;
    const patterns: WordPattern[] = [];
    // `foldKey` is the lowercase of `stripMarks`: each word is stripped once.
    for (const word of words.slice(0, -1)) {
      const form = stripMarks(word);
      patterns.push({ rule: caseRule(word), form });
      node = child(node, form.toLowerCase());
    }
    const last = words.at(-1)!;
    const lastRule = caseRule(last);
    for (const suffix of suffixes) {
      const form = stripMarks(last + suffix);
      const end = child(node, form.toLowerCase());
      // Arrays of exactly their length (concat): one built by push or spread keeps room for some 16
      // more elements, and the trie holds some 110,000 arrays, most of one or two.
      const words = patterns.concat([{ rule: lastRule, form }]);
      end.entries = end.entries.concat([{ words, value, lowerInner }]);
    }
    return true;
  }

  /**
   * The longest name starting at token `start` and ending by token `limit` (exclusive; the end of the
   * text by default) whose case rules hold, with every value stored under it.
   */
  longest(tokens: Token[], start: number, limit = tokens.length): TrieMatch<T> | null {
    const first = start < limit ? this.root.children?.get(tokens[start]!.key) : undefined;
    return first ? longestFrom(first, tokens, start, limit) : null;
  }

  /** Every longest match, left to right, without overlaps. */
  scan(tokens: Token[]): TrieMatch<T>[] {
    const matches: TrieMatch<T>[] = [];
    const roots = this.root.children!;
    // Most words start no name: the first word is looked up here, without a call per word.
    for (let i = 0; i < tokens.length; ) {
      const first = roots.get(tokens[i]!.key);
      const match = first ? longestFrom(first, tokens, i, tokens.length) : null;
      if (match) {
        matches.push(match);
        i = match.end;
      } else {
        i += 1;
      }
    }
    return matches;
  }
}

/** `longest` from `first`, the node of the word at `start`. */
function longestFrom<T>(first: Node<T>, tokens: Token[], start: number, limit: number): TrieMatch<T> | null {
  let node: Node<T> | undefined = first;
  let best: TrieMatch<T> | null = null;
  for (let j = start; ; ) {
    if (node.entries.length > 0) {
      let values: T[] | undefined;
      for (const entry of node.entries) if (casesHold(entry, tokens, start)) (values ??= []).push(entry.value);
      if (values) best = { start, end: j + 1, values };
    }
    if (node.children === undefined || ++j >= limit) break;
    const token = tokens[j]!;
    if (!isNameGap(token.gapBefore)) break;
    node = node.children.get(token.key);
    if (!node) break;
  }
  return best;
}

function child<T>(node: Node<T>, key: string): Node<T> {
  node.children ??= new Map();
  let next = node.children.get(key);
  if (!next) {
    next = { entries: [] };
    node.children.set(key, next);
  }
  return next;
}

export function caseRule(word: string): CaseRule {
  if (isAllCaps(word)) return 'exact';
  if (isCapitalised(word)) return 'cap';
  return 'any';
}

function casesHold(entry: Entry<unknown>, tokens: Token[], start: number): boolean {
  let lowered = false;
  for (let k = 0; k < entry.words.length; k++) {
    const word = entry.words[k]!;
    if (word.rule === 'any') continue;
    const text = tokens[start + k]!.text;
    if (word.rule === 'exact') {
      if (text !== word.form && stripMarks(text) !== word.form) return false;
    } else if (!isCapitalised(text)) {
      if (!entry.lowerInner || k === 0) return false;
      lowered = true;
    }
  }
  return !lowered || insideSentence(tokens, start);
}

/** Whether token `start` stands inside a sentence: not the first word of the text, a sentence, a quote or brackets. */
function insideSentence(tokens: Token[], start: number): boolean {
  const gap = tokens[start]!.gapBefore;
  return start > 0 && !isSentenceBreak(gap) && !/["“”„‘’'«»(\[]/.test(gap);
}

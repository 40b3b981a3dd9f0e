import { foldKey, isAllCaps, isCapitalised, isNameGap, stripMarks, tokenize, type Token } from './text.js';

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

/** A trie keyed on folded words: one walk per text position finds the longest name starting there. */
export class TokenTrie<T> {
  private readonly root: Node<T> = { children: new Map(), entries: [] };

  /**
   * Adds a name; `suffix` is glued to its last word (`Poetin` + `s`). Returns false for a name without words.
   * A space and a hyphen between words are the same to the trie, so `al-Qaida` also finds `Al Qaida`.
   */
  add(phrase: string, value: T, suffix = ''): boolean {
    return this.addForms(phrase, value, [suffix]);
  }

  /** Adds the name once with each suffix (`''`, `s`, `'s`), reading the name once. */
  addForms(phrase: string, value: T, suffixes: readonly string[]): boolean {
    const words = tokenize(phrase);
    if (words.length === 0) return false;
    let node = this.root;
    const patterns: WordPattern[] = [];
    for (const word of words.slice(0, -1)) {
      patterns.push({ rule: caseRule(word.text), form: stripMarks(word.text) });
      node = child(node, word.key);
    }
    const last = words.at(-1)!;
    for (const suffix of suffixes) {
      const text = last.text + suffix;
      const end = child(node, last.key + foldKey(suffix));
      end.entries.push({ words: [...patterns, { rule: caseRule(last.text), form: stripMarks(text) }], value });
    }
    return true;
  }

  /** The longest name starting at token `start` whose case rules hold, with every value stored under it. */
  longest(tokens: Token[], start: number): TrieMatch<T> | null {
    let node: Node<T> | undefined = this.root;
    let best: TrieMatch<T> | null = null;
    for (let j = start; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (j > start && !isNameGap(token.gapBefore)) break;
      node = node.children?.get(token.key);
      if (!node) break;
      const values = node.entries.filter((e) => casesHold(e.words, tokens, start)).map((e) => e.value);
      if (values.length > 0) best = { start, end: j + 1, values };
    }
    return best;
  }

  /** Every longest match, left to right, without overlaps. */
  scan(tokens: Token[]): TrieMatch<T>[] {
    const matches: TrieMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.longest(tokens, i);
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

function casesHold(words: WordPattern[], tokens: Token[], start: number): boolean {
  return words.every((word, k) => {
    const text = tokens[start + k]!.text;
    switch (word.rule) {
      case 'exact':
        return stripMarks(text) === word.form;
      case 'cap':
        return isCapitalised(text);
      case 'any':
        return true;
    }
  });
}

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
  children: Map<string, Node<T>>;
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
    return this.addWords(
      tokenize(phrase).map((t) => t.text),
      value,
      suffix,
    );
  }

  /** `add` for a name already cut into words (what the derived spellings of names are built as). */
  addWords(words: string[], value: T, suffix = ''): boolean {
    if (words.length === 0) return false;
    let node = this.root;
    const patterns: WordPattern[] = [];
    words.forEach((word, i) => {
      const text = i === words.length - 1 ? word + suffix : word;
      patterns.push({ rule: caseRule(word), form: stripMarks(text) });
      const key = foldKey(text);
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), entries: [] };
        node.children.set(key, child);
      }
      node = child;
    });
    node.entries.push({ words: patterns, value });
    return true;
  }

  /** The longest name starting at token `start` whose case rules hold, with every value stored under it. */
  longest(tokens: Token[], start: number): TrieMatch<T> | null {
    let node: Node<T> | undefined = this.root;
    let best: TrieMatch<T> | null = null;
    for (let j = start; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (j > start && !isNameGap(token.gapBefore)) break;
      node = node.children.get(token.key);
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

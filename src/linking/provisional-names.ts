import { NAME_PARTICLES } from './provisional-cues.js';
import { isRole } from './provisional-context.js';
import { foldKey, isAllCaps, isCapitalised, type Token } from './text.js';
import type { KnowledgeBase } from './types.js';

/*
 * The shape of a person's name, and the people the knowledge base knows, to tell a new person from another
 * spelling of a known one (`Nikol Pasjinian` for Nikol Pashinyan).
 */

/** What the rules need of the knowledge base, built once. */
export interface ProvisionalLexicon {
  /** First words of the names of the knowledge base's people (`vladimir`), folded. */
  firstNames: Set<string>;
  /** Skeletons (`skeleton`) of the first and last words of the knowledge base's people, each way round. */
  lastsByFirst: Map<string, string[]>;
  firstsByLast: Map<string, string[]>;
}

export function buildProvisionalLexicon(kb: KnowledgeBase): ProvisionalLexicon {
  const firstNames = new Set<string>();
  const lastsByFirst = new Map<string, string[]>();
  const firstsByLast = new Map<string, string[]>();
  const skeletons = new Map<string, string>();
  const skeletonOf = (key: string) => skeletons.get(key) ?? skeletons.set(key, skeleton(key)).get(key)!;
  for (const actor of kb.actors) {
    if (actor.kind !== 'PERSON') continue;
    for (const name of new Set([actor.name, actor.nameNl, ...actor.aliases])) {
      // The words as `tokenize` finds them, without making tokens: this runs for every name of every person.
      const words = name.split(NON_WORD).filter((w) => w !== '' && !NAME_PARTICLES.has(foldKey(w)));
      if (words.length < 2) continue;
      const first = words[0]!;
      const key = foldKey(first);
      if (isCapitalised(first) && !isAllCaps(first) && key.length > 1 && !isRole(key)) firstNames.add(key);
      const [f, l] = [skeletonOf(key), skeletonOf(foldKey(words[words.length - 1]!))];
      push(lastsByFirst, f, l);
      push(firstsByLast, l, f);
    }
  }
  return { firstNames, lastsByFirst, firstsByLast };
}

/** A provisional lexicon as plain JSON (for the cache beside the lexicon, see lexicon-cache.ts), its sets and maps as lists of entries. */
export interface ProvisionalLexiconData {
  firstNames: string[];
  lastsByFirst: [string, string[]][];
  firstsByLast: [string, string[]][];
}

export function provisionalLexiconToData(lexicon: ProvisionalLexicon): ProvisionalLexiconData {
  return { firstNames: [...lexicon.firstNames], lastsByFirst: [...lexicon.lastsByFirst], firstsByLast: [...lexicon.firstsByLast] };
}

/** The lexicon `provisionalLexiconToData` gave; throws on data of another shape. */
export function provisionalLexiconFromData(data: ProvisionalLexiconData): ProvisionalLexicon {
  if (![data.firstNames, data.lastsByFirst, data.firstsByLast].every(Array.isArray)) throw new Error('not a provisional lexicon');
  return { firstNames: new Set(data.firstNames), lastsByFirst: new Map(data.lastsByFirst), firstsByLast: new Map(data.firstsByLast) };
}

export const NON_WORD = /[^\p{L}\p{N}'’]+/u;

/**
 * Endings of inflected Dutch adjectives that open the name of a body, never a person's: `Nationale`,
 * `Republikeinse`, `Chinese`, `Militaire`, `Politieke`, `Koninklijke`. First names end so too (`José`, `Louise`,
 * `Marieke`): a first name of the knowledge base is never read as one, and the endings are those of adjectives.
 */
const ADJECTIVE_ENDING = /(?:ische|sche|aanse|ense|ese|itse|andse|aakse|oolse|ale|aire|itieke|ublieke|holieke|ifieke|ijke|euwe)$/;

/**
 * Words that can be a person's full name: two to five words of letters, a first word that is not an inflected
 * adjective, and at least two words that are not particles (`Al Sarraj` is a surname).
 */
export function isPersonShape(tokens: Token[], a: number, b: number, words: number[], firstNames: ReadonlySet<string> = new Set()): boolean {
  if (words.length > 5 || b - a > 7) return false;
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (/\d/.test(t.text) || (isCapitalised(t.text) && (isAllCaps(t.text) || t.text.length < 2))) return false;
  }
  const named = nameWords(tokens, words, b);
  if (named.length < 2) return false;
  const first = tokens[words[0]!]!.key;
  return firstNames.has(first) || first.length < 5 || !ADJECTIVE_ENDING.test(first);
}

/** `Nikol Pasjinian` for Nikol Pashinyan, `Sergej Lavrov` for Sergey Lavrov: a spelling of someone known. */
export function isVariantOfKnownPerson(tokens: Token[], words: number[], b: number, lexicon: ProvisionalLexicon): boolean {
  const named = nameWords(tokens, words, b);
  const first = skeleton(wordKey(tokens, named[0]!, words, b));
  const last = skeleton(wordKey(tokens, named[named.length - 1]!, words, b));
  // One letter apart in a short skeleton, two in a long one: `Zanna` is no spelling of `Sara`.
  const near = (x: string, y: string) => {
    const length = Math.min(x.length, y.length);
    return x === y || (length >= 4 && editDistance(x, y) <= (length >= 7 ? 2 : 1));
  };
  return (
    (lexicon.lastsByFirst.get(first) ?? []).some((l) => near(l, last)) ||
    (lexicon.firstsByLast.get(last) ?? []).some((f) => near(f, first))
  );
}

/**
 * The words of a name that are not particles. A particle joined by a hyphen to what follows is part of a
 * surname (`al-Obeidi`, `el-Sisi`), as the knowledge base's names are read: the word counts, without it.
 */
function nameWords(tokens: Token[], words: number[], b: number): number[] {
  return words.filter((i, n) => !NAME_PARTICLES.has(tokens[i]!.key) || (words[n + 1] ?? b) > i + 1);
}

/** The key of the word starting at token `i`, a leading hyphenated particle left off: `obeidi` for `al-Obeidi`. */
function wordKey(tokens: Token[], i: number, words: number[], b: number): string {
  const end = words[words.indexOf(i) + 1] ?? b;
  return NAME_PARTICLES.has(tokens[i]!.key) && end > i + 1 ? tokens[end - 1]!.key : tokens[i]!.key;
}

/** A rough spelling-free form of a name word, so that Dutch and English transliterations meet. */
export function skeleton(key: string): string {
  return key
    .replace(/dzj/g, 'j')
    .replace(/tsj|ch/g, 'c')
    .replace(/sj|sh|sch/g, 's')
    .replace(/zj|zh/g, 'z')
    .replace(/kh/g, 'h')
    .replace(/oe|ou/g, 'u')
    .replace(/[jy]/g, 'i')
    .replace(/ie|ee|ij/g, (m) => m[0]!)
    .replace(/[^a-z]/g, '')
    .replace(/(.)\1+/g, '$1');
}

export function editDistance(x: string, y: string): number {
  if (Math.abs(x.length - y.length) > 2) return 3;
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    }
    row = next;
  }
  return row[y.length]!;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

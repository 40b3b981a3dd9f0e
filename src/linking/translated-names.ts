import { englishReadings, englishWords, fold, wordsKey } from './dutch-names.js';
import type { LinkingKnowledgeBase } from './kb.js';
import { memoBounded } from './memo.js';
import { articleState, type ResolvedMention, type StatesNamed } from './resolve.js';
import { countries } from './states.js';
import type { Token } from './text.js';
import type { KnowledgeBase, ProvisionalActor } from './types.js';

/**
 * Organisations the knowledge base holds by their English name only (the parties of the world, imported) that a
 * Dutch text names in Dutch, word for word: `de Servische Progressieve Partij` is the Serbian Progressive Party,
 * `de Nationaal-Democratische Partij` Egypt's National Democratic Party in an article that names Egypt (and no other
 * state with a party of that name). Only the organisations of a state are read so, and only when the text names the
 * state; a name that reads as the names of two of them, or of none, stays provisional.
 */
/** Provisional names whose readings are kept worked out. */
const NAMES_KEPT = 20_000;

export type TranslatedNames = (
  provisional: ProvisionalActor[],
  tokens: Token[],
  states: StatesNamed,
  titleStates?: ReadonlySet<string>,
) => TranslatedFinding;

export interface TranslatedFinding {
  mentions: ResolvedMention[];
  /** The provisional actors left: those no actor of the knowledge base was found for. */
  provisional: ProvisionalActor[];
}

/**
 * What reading names in Dutch needs of the knowledge base, built once: the English names of the states'
 * organisations by their words (`wordsKey`), the same names without their state's words (`stateless`), the
 * state of each, and the Dutch words for the states.
 */
export interface TranslatedTables {
  byKey: Map<string, string[]>;
  /** Names read without their state's words: only for the party of the state the article is about. */
  stateless: Map<string, string[]>;
  countryOf: Map<string, string>;
  stateWords: Map<string, string>;
}

/** `TranslatedTables` as plain JSON (for the cache beside the lexicon, see lexicon-cache.ts). */
export interface TranslatedTablesData {
  byKey: [string, string[]][];
  stateless: [string, string[]][];
  countryOf: [string, string][];
  stateWords: [string, string][];
}

export function translatedTablesOf(kb: KnowledgeBase | LinkingKnowledgeBase): TranslatedTables {
  const ownWords = englishStateWordsOf(kb);
  const byKey = new Map<string, string[]>();
  const stateless = new Map<string, string[]>();
  const countryOf = new Map<string, string>();
  const index = (words: Set<string>, slug: string, into: Map<string, string[]>) => {
    // One word says too little: `Front`, `Partij`.
    if (words.size < 2) return;
    const key = wordsKey(words);
    const slugs = into.get(key);
    if (!slugs) into.set(key, [slug]);
    else if (!slugs.includes(slug)) slugs.push(slug);
  };
  for (const actor of kb.actors) {
    // Only a state's own organisations: an English name shared across states (`National Democratic Party`) is
    // read as the one of the state the text names.
    if ((actor.kind !== 'ORGANIZATION' && actor.kind !== 'ARMED_GROUP') || !actor.country) continue;
    countryOf.set(actor.slug, actor.country);
    const state = ownWords.get(actor.country);
    for (const name of [actor.name, ...actor.aliases]) {
      const words = englishWords(name);
      index(words, actor.slug, byKey);
      // `de Democratische Partij` in an article on South Korea is the `Democratic Party of Korea`: a Dutch text
      // leaves out the state its paragraph is about, so the name is also read without the state's words (and
      // only in an article about that state: `de Volkspartij` in one on Thailand and Cambodia is neither's).
      if (state && [...words].some((w) => state.has(w))) index(new Set([...words].filter((w) => !state.has(w))), actor.slug, stateless);
    }
  }
  return { byKey, stateless, countryOf, stateWords: stateWordsOf(kb) };
}

export function translatedTablesToData(tables: TranslatedTables): TranslatedTablesData {
  return { byKey: [...tables.byKey], stateless: [...tables.stateless], countryOf: [...tables.countryOf], stateWords: [...tables.stateWords] };
}

/** The tables `translatedTablesToData` gave; throws on data of another shape. */
export function translatedTablesFromData(data: TranslatedTablesData): TranslatedTables {
  if (![data.byKey, data.stateless, data.countryOf, data.stateWords].every(Array.isArray)) throw new Error('not the tables of translated names');
  return { byKey: new Map(data.byKey), stateless: new Map(data.stateless), countryOf: new Map(data.countryOf), stateWords: new Map(data.stateWords) };
}

/** Reads provisional names as the organisations of `tables` (`translatedTablesOf` of the knowledge base). */
export function createTranslatedNames(tables: TranslatedTables): TranslatedNames {
  const { byKey, stateless, countryOf, stateWords } = tables;
  // The keys a provisional name reads as, worked out once per name: the same names come back article after article.
  const readKeys = memoBounded(NAMES_KEPT, (name: string) =>
    [...new Set(englishReadings(name, stateWords).map(wordsKey))].filter((key) => byKey.has(key) || stateless.has(key)),
  );
  return (provisional, tokens, states, titleStates = new Set()) => {
    let about: string | null | undefined;
    const mentions: ResolvedMention[] = [];
    let paragraphs: Uint32Array | null = null;
    const left = provisional.filter((actor) => {
      if (actor.kind === 'PERSON') return true;
      const keys = readKeys(actor.name);
      if (keys.length === 0) return true;
      paragraphs ??= paragraphsOf(tokens);
      const at = actor.mentions.map((m) => tokenAt(tokens, m.start, 'start')).filter((i): i is number => i !== undefined);
      const slugs = new Set<string>();
      for (const key of keys) for (const slug of byKey.get(key) ?? []) if (namesState(states, countryOf.get(slug)!, at, paragraphs)) slugs.add(slug);
      if (slugs.size === 0) {
        about ??= articleState(states, titleStates);
        for (const key of keys) for (const slug of stateless.get(key) ?? []) if (countryOf.get(slug) === about) slugs.add(slug);
      }
      if (slugs.size !== 1) return true;
      const [slug] = slugs as Set<string> & [string];
      for (const m of actor.mentions) {
        const start = tokenAt(tokens, m.start, 'start');
        const last = tokenAt(tokens, m.end, 'end');
        if (start !== undefined && last !== undefined) mentions.push({ start, end: last + 1, slug, via: 'context', candidates: 1 });
      }
      return false;
    });
    return { mentions, provisional: left };
  };
}

/**
 * The token that starts (or ends) at the offset, if one does: a search of the tokens in their order, for a map of
 * every token of the article, made for the few mentions asked about, took most of the time of this rule.
 */
function tokenAt(tokens: Token[], offset: number, side: 'start' | 'end'): number | undefined {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = tokens[middle]![side];
    if (at === offset) return middle;
    if (at < offset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** A state named this often or less, in other paragraphs only, is named in passing. */
const PASSING_MENTIONS = 2;

/**
 * Whether the text names the state of a party read in Dutch: in a paragraph of the name, or more than in
 * passing. `De Democratische Partij` in an article on Kazakhstan that names the United States in other
 * paragraphs only, is not the American party.
 */
function namesState(states: StatesNamed, state: string, at: number[], paragraphs: Uint32Array): boolean {
  const named = states.get(state);
  if (!named) return false;
  const own = new Set(at.map((i) => paragraphs[i]));
  if (named.some((i) => i >= 0 && own.has(paragraphs[i]!))) return true;
  // Elsewhere in the text: only more than in passing, and only in an article about no other state.
  const about = articleState(states, new Set());
  return named.length > PASSING_MENTIONS && (about === null || about === state);
}

/** The paragraph of each token: a blank line between tokens starts the next. */
function paragraphsOf(tokens: Token[]): Uint32Array {
  const paragraph = new Uint32Array(tokens.length);
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (/\n\s*\n/.test(tokens[i]!.gapBefore)) n += 1;
    paragraph[i] = n;
  }
  return paragraph;
}

/** Per state, the folded English words of its name and demonym (`south`, `korea`, `korean`). */
function englishStateWordsOf(kb: KnowledgeBase | LinkingKnowledgeBase): Map<string, Set<string>> {
  const demonyms = new Map(countries.map((c) => [c.cca3, c.demonyms?.eng?.m ?? '']));
  const iso = 'lexicon' in kb ? new Map(kb.states.map((s) => [s.slug, s.isoAlpha3])) : new Map<string, string>();
  const words = new Map<string, Set<string>>();
  for (const state of kb.actors) {
    if (state.kind !== 'STATE') continue;
    words.set(state.slug, englishWords(`${state.name} ${demonyms.get(iso.get(state.slug) ?? '') ?? ''}`));
  }
  return words;
}

/** The folded Dutch names and adjectives of the states, to their English names and demonyms (`servische` → `serbia|serbian`). */
function stateWordsOf(kb: KnowledgeBase | LinkingKnowledgeBase): Map<string, string> {
  const words = new Map<string, string>();
  const demonyms = new Map(countries.map((c) => [c.cca3, c.demonyms?.eng?.m ?? '']));
  const lexicon = 'lexicon' in kb ? new Map(kb.lexicon.actors.map((a) => [a.slug, a.adjectives])) : new Map<string, string[]>();
  const iso = 'lexicon' in kb ? new Map(kb.states.map((s) => [s.slug, s.isoAlpha3])) : new Map<string, string>();
  for (const state of kb.actors) {
    if (state.kind !== 'STATE') continue;
    const demonym = demonyms.get(iso.get(state.slug) ?? '') ?? '';
    const english = [state.name, demonym].filter((w) => w !== '' && !/\s/.test(w)).map(fold).join('|');
    if (english === '') continue;
    for (const word of [state.nameNl, ...(lexicon.get(state.slug) ?? [])]) if (!/\s/.test(word)) words.set(fold(word), english);
  }
  return words;
}

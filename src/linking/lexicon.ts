import { isCommonWord } from './common-words.js';
import { WAR_WORDS } from './conflicts.js';
import type { ActorLexicon, KbLexicon } from './kb-schema.js';
import { foldKey, tokenize } from './text.js';
import { caseRule, TokenTrie, type TrieData } from './trie.js';
import type { KbActor, KbStateCodes, KnowledgeBase } from './types.js';
import { safeVariants, scriptsOf, transliterationVariants, type Script, type Spelling, type VariantSource } from './variants.js';

/**
 * How a name refers to its actor; the rules for linking differ per way. A `weak-surname` is a surname that is
 * also a common word (`May`, `Hunt`) or another person's first name (`Abbas`): it links only after the full name.
 * A `context` name (`PvdA`, `de Senaat`) links only when the article also names the actor's state.
 */
export type AliasType = 'name' | 'surname' | 'weak-surname' | 'adjective' | 'demonym' | 'metonym' | 'capital' | 'context';

export type ActorHit =
  | { kind: 'actor'; slug: string; type: AliasType; country?: string }
  | { kind: 'block'; name: string };

export type EvidenceHit =
  | { kind: 'alias' | 'signal'; conflict: string }
  /** A word of war of no conflict in particular (`troepen`, `luchtaanvallen`). */
  | { kind: 'war' }
  /** `conflict` is null for a place that is only known as a place; `capital` when it also stands for a state. */
  | { kind: 'place'; conflict: string | null; capital: boolean };

export interface Lexicon {
  actors: TokenTrie<ActorHit>;
  evidence: TokenTrie<EvidenceHit>;
  /** Slugs of the states, whose names after a compass word are regions (`Zuid-Libanon`). */
  states: Set<string>;
  /** The people whose given name (first word of a full name, in every spelling) each folded word is. */
  givenNames: Map<string, Set<string>>;
  /** The actors that are each state's armed forces (`armedForcesOf`). */
  forcesOf: Map<string, string[]>;
  /** The actors that are each state's national parliament (`parliamentOf`). */
  parliamentsOf: Map<string, string[]>;
  /** The state each actor that has one belongs to (`country`). */
  countryOf: Map<string, string>;
  /** The slugs of the non-state armed groups. */
  armedGroups: Set<string>;
}

const MEMBER = ["'er", "'ers"];

// Dutch genitive of a name: `Poetins`, `Bidens`, `Rohani's` (the trie reads `’s` as `'s`).
const GENITIVES = ['s', "'s"];
const GENITIVE_KEYS = GENITIVES.map(foldKey);

/**
 * The genitives Dutch spelling gives a name: `'s` after a long vowel (`Obama's`, `Rohani's`), `s` or `'s` after
 * a consonant or a mute e (`Poetins`, `Ruttes`, `Rutte's`), an apostrophe after a sibilant (`Hamas'`, which the
 * tokenizer reads as `Hamas`; the English `Hamas's` is taken too). A bare `s` only where Dutch writes one: not
 * after a vowel or sibilant (`Obamas` is a plural), nor after a name that is also a common word (`Parks`, `Mays`).
 */
export function genitivesOf(phrase: string, common = false): string[] {
  const last = foldKey(phrase.slice(-2));
  if (/(s|x|z|sh|ch)$/.test(last) || /[aiouy]$/.test(last) || /é$/.test(phrase) || common) return GENITIVES.slice(1);
  return GENITIVES;
}

/** Builds both tries once; every later `link` call only walks them. */
export function buildLexicon(kb: KnowledgeBase, lexicon: KbLexicon, stateCodes: KbStateCodes[] = []): Lexicon {
  const actors = new TokenTrie<ActorHit>();
  const byActor = new Map(lexicon.actors.map((a) => [a.slug, a]));
  const lexiconOf = (actor: KbActor) => byActor.get(actor.slug) ?? inferLexicon(actor);
  const plainNames = plainNamesOf(kb, lexiconOf);
  const firstNames = firstNamesOf(kb, lexiconOf);
  const isWeakSurname = weakSurnameTest(plainNames, firstNames);
  const givenNames = new Map([...firstNames].map(([key, slugs]) => [key, new Set(slugs)]));
  const taken = new Set<string>();
  let unlinked = new Set<string>();
  const add = (phrase: string, hit: ActorHit, genitive: boolean, lowerInner = false) => {
    const tokens = tokenize(phrase);
    const key = tokens.map((t) => t.key).join(' ');
    if (unlinked.has(key)) return;
    const words = tokens.map((t) => t.text);
    taken.add(key);
    const suffixes = genitive ? ['', ...genitivesOf(phrase, tokens.every((t) => isCommonWord(t.key)))] : [''];
    // A member of a party or body named by its acronym: `SP'er`, `VVD'ers`, `CD&V'er`.
    if (genitive && hit.kind === 'actor' && memberSuffixes.has(hit.slug) && /.[\p{Lu}\d]/u.test(words.at(-1) ?? '')) suffixes.push(...MEMBER);
    actors.addWords(words, hit, suffixes, lowerInner && allowsLowerInner(words));
  };

  const memberSuffixes = new Set(kb.actors.filter((a) => a.kind === 'ORGANIZATION').map((a) => a.slug));
  const isOthersName = othersNameTest(kb, lexiconOf, plainNames);
  for (const actor of kb.actors) {
    const extra = lexiconOf(actor);
    unlinked = new Set(extra.unlinkedNames.map(phraseKey));
    const surnames = new Set(extra.surnames.map(phraseKey));
    const contextNames = new Set((extra.contextNames ?? []).map(phraseKey));
    const hit = (type: AliasType): ActorHit => ({ kind: 'actor', slug: actor.slug, type });
    // `Socialistische Partij`: a party named by its creed alone is one of many states' (see `isCreedPartyName`).
    const shared = extra.country && actor.kind === 'ORGANIZATION' ? unique([actor.name, actor.nameNl, ...actor.aliases]).filter(isCreedPartyName) : [];
    for (const name of unique([actor.name, actor.nameNl, ...actor.aliases])) {
      const key = phraseKey(name);
      if (!surnames.has(key) && !contextNames.has(key) && !shared.includes(name)) add(name, hit('name'), true, actor.kind !== 'PERSON');
    }
    // `het Vrije Syrische Leger` for `Vrij Syrisch Leger`: after `het` or `de` Dutch inflects the adjectives.
    if (actor.kind === 'ORGANIZATION' || actor.kind === 'ARMED_GROUP') {
      for (const name of unique([actor.nameNl, ...actor.aliases])) {
        const inflected = inflectedName(name);
        if (inflected && !taken.has(phraseKey(inflected)) && !contextNames.has(phraseKey(name))) add(inflected, hit('name'), true, true);
      }
    }
    const weak = (name: string) => extra.surnamesAfterFullName === true || isWeakSurname(name, actor.slug);
    for (const name of extra.surnames) add(name, hit(weak(name) ? 'weak-surname' : 'surname'), true);
    if (extra.country) {
      for (const name of unique([...(extra.contextNames ?? []), ...shared])) {
        if (!isOthersName(name, actor.slug)) add(name, { kind: 'actor', slug: actor.slug, type: 'context', country: extra.country }, true);
      }
    }
    for (const word of extra.adjectives) add(word, hit('adjective'), false);
    for (const word of extra.demonyms) add(word, hit('demonym'), false);
    for (const word of extra.metonyms) add(word, hit('metonym'), true);
    for (const city of extra.capitals) add(city, hit('capital'), false);
  }
  for (const nonActor of lexicon.nonActors) {
    for (const name of [nonActor.name, ...nonActor.aliases]) {
      actors.add(name, { kind: 'block', name: nonActor.name });
      taken.add(phraseKey(name));
    }
  }
  // Places and names of conflicts are taken too: a derived spelling must not be one (`Kufa`).
  for (const conflict of lexicon.conflicts) for (const name of [...conflict.places, ...conflict.aliases]) taken.add(phraseKey(name));
  const scripts = scriptsOf(kb, stateCodes);
  for (const [key, slugs] of firstNames) {
    for (const slug of slugs) {
      const script = scripts.get(slug);
      if (!script) continue;
      for (const { key: variant } of transliterationVariants(key, script)) {
        givenNames.set(variant, (givenNames.get(variant) ?? new Set()).add(slug));
      }
    }
  }
  addTransliterations(kb, lexiconOf, scripts, taken, firstNames, isWeakSurname, (spelling, hit) => {
    actors.addWords(spelling.words, hit, spelling.words.length > 1 ? [''] : ['', ...genitivesOf(spelling.text)]);
  });

  const capitals = new Set(lexicon.actors.flatMap((a) => a.capitals).map(phraseKey));
  const isCapital = (place: string) => capitals.has(phraseKey(place));
  const evidence = new TokenTrie<EvidenceHit>();
  for (const conflict of lexicon.conflicts) {
    for (const alias of unique(conflict.aliases)) evidence.add(alias, { kind: 'alias', conflict: conflict.slug });
    for (const place of unique(conflict.places)) {
      evidence.add(place, { kind: 'place', conflict: conflict.slug, capital: isCapital(place) });
    }
    for (const signal of unique(conflict.signals)) evidence.add(signal, { kind: 'signal', conflict: conflict.slug });
  }
  for (const word of WAR_WORDS) evidence.add(word, { kind: 'war' });
  for (const nonActor of lexicon.nonActors) {
    if (nonActor.kind !== 'place') continue;
    for (const name of [nonActor.name, ...nonActor.aliases]) {
      evidence.add(name, { kind: 'place', conflict: null, capital: false });
    }
  }
  const states = new Set(kb.actors.filter((a) => a.kind === 'STATE').map((a) => a.slug));
  const forcesOf = new Map<string, string[]>();
  const parliamentsOf = new Map<string, string[]>();
  for (const { slug, armedForcesOf, parliamentOf } of lexicon.actors) {
    if (armedForcesOf) forcesOf.set(armedForcesOf, [...(forcesOf.get(armedForcesOf) ?? []), slug]);
    if (parliamentOf) parliamentsOf.set(parliamentOf, [...(parliamentsOf.get(parliamentOf) ?? []), slug]);
  }
  const countryOf = new Map(lexicon.actors.flatMap((a) => (a.country ? [[a.slug, a.country] as const] : [])));
  const armedGroups = new Set(kb.actors.filter((a) => a.kind === 'ARMED_GROUP').map((a) => a.slug));
  return { actors, evidence, states, givenNames, forcesOf, parliamentsOf, countryOf, armedGroups };
}

/** Endings of Dutch adjectives and their inflected forms: `Syrisch` → `Syrische`, `Nationaal` → `Nationale`. */
const INFLECTIONS: [RegExp, string][] = [
  [/isch$/, 'ische'],
  [/aal$/, 'ale'],
  [/eel$/, 'ele'],
  [/ief$/, 'ieve'],
  [/ij$/, 'ije'],
  [/ijk$/, 'ijke'],
  [/ig$/, 'ige'],
];

/**
 * The Dutch name of an organisation with its adjectives inflected, as after `het` or `de` (`Vrij Syrisch Leger`,
 * `het Vrije Syrische Leger`); null when it has none. Every word but the last, capitalised, must be an adjective
 * by its ending (`Vrij`, `Syrisch`, `Nationaal`) and the last a noun: a name with another word is left alone.
 */
export function inflectedName(name: string): string | null {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 4) return null;
  const out: string[] = [];
  for (const word of words.slice(0, -1)) {
    if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return null;
    const rule = INFLECTIONS.find(([ending]) => ending.test(word));
    if (!rule) return null;
    out.push(word.replace(rule[0], rule[1]));
  }
  const last = words.at(-1)!;
  if (!/^\p{Lu}\p{Ll}+$/u.test(last)) return null;
  return [...out, last].join(' ');
}

/** The creeds parties of many states are named by, as Dutch adjectives (`Socialistische Partij`, `Liberale Partij`). */
const CREEDS = new Set([
  'socialistische', 'communistische', 'democratische', 'republikeinse', 'liberale', 'conservatieve', 'progressieve',
  'sociaaldemocratische', 'christendemocratische', 'nationalistische', 'islamitische', 'groene', 'radicale', 'sociale',
]);

/**
 * Whether a party's name is its creed and `Partij` alone (`Socialistische Partij`, `Republikeinse Partij`): Chile, the
 * Netherlands and Senegal each have a `Socialistische Partij`, so the name links, as a context name, to the party of
 * the state the paragraph or the article names, never outright to one state's party.
 */
export function isCreedPartyName(name: string): boolean {
  const words = tokenize(name).map((t) => t.key);
  return words.length === 2 && words[1] === 'partij' && CREEDS.has(words[0]!);
}

/**
 * Whether a name of an organisation, group or state may be written with its inner words in lowercase
 * (`Europese commissie`, `Verenigde naties`): names of two or three words whose first word is capitalised.
 * People's names never (`Frans Timmermans` is no `Frans timmermans`), nor names in capitals.
 */
function allowsLowerInner(words: string[]): boolean {
  return words.length >= 2 && words.length <= 3 && caseRule(words[0]!) === 'cap' && words.slice(1).some((w) => caseRule(w) === 'cap');
}

/**
 * Other transliterations of the surnames (and one-word names) of people from states that write another script
 * (see variants.ts), added where no name of the knowledge base, common word or first name has the same form.
 * Full names need none: a surname after one of the person's given names is the full name (see given-names.ts).
 */
function addTransliterations(
  kb: KnowledgeBase,
  lexiconOf: (actor: KbActor) => ActorLexicon,
  scripts: Map<string, Script>,
  taken: Set<string>,
  firstNames: Map<string, Set<string>>,
  isWeakSurname: (surname: string, slug: string, keyed?: boolean) => boolean,
  add: (spelling: Spelling, hit: ActorHit) => void,
): void {
  const sources: VariantSource[] = [];
  for (const actor of kb.actors) {
    const script = scripts.get(actor.slug);
    if (!script) continue;
    const extra = lexiconOf(actor);
    if (extra.surnamesAfterFullName) continue;
    const surnames = new Set(extra.surnames.map(phraseKey));
    const unlinked = new Set(extra.unlinkedNames.map(phraseKey));
    const names = unique([actor.name, actor.nameNl, ...actor.aliases]).filter((name) => {
      const key = phraseKey(name);
      // A group's long one-word names are Dutch compounds (`Volksbeschermingseenheden`), not transliterations.
      const short = actor.kind === 'PERSON' || key.length <= 10;
      return short && !key.includes(' ') && !surnames.has(key) && !unlinked.has(key);
    });
    // A weak surname (`Khan`, a common word) stays weak in every spelling: it gets none.
    const strong = extra.surnames.filter((surname) => !isWeakSurname(surname, actor.slug));
    sources.push({ slug: actor.slug, script, names, surnames: strong });
  }
  // Taken: a name of the knowledge base, a genitive of one or one whose genitive it would share, a word, a given name.
  const isTaken = (key: string) =>
    taken.has(key) ||
    firstNames.has(key) ||
    key.split(' ').every(isCommonWord) ||
    GENITIVE_KEYS.some((g) => taken.has(key + g) || (key.endsWith(g) && taken.has(key.slice(0, -g.length))));
  for (const { slug, surname, variants } of safeVariants(sources, isTaken)) {
    for (const variant of variants) {
      const type: AliasType = !surname ? 'name' : isWeakSurname(variant.key, slug, true) ? 'weak-surname' : 'surname';
      add(variant, { kind: 'actor', slug, type });
    }
  }
}

/**
 * For a knowledge base built in code without the YAML extras: a person's one-word aliases are taken as surnames,
 * so they get the surname rule instead of linking everywhere.
 */
function inferLexicon(actor: KbActor): ActorLexicon {
  const surnames =
    actor.kind === 'PERSON' ? actor.aliases.filter((a) => tokenize(a).length === 1 && a !== actor.name) : [];
  return {
    slug: actor.slug,
    kind: actor.kind,
    surnames,
    adjectives: [],
    demonyms: [],
    metonyms: [],
    capitals: [],
    unlinkedNames: [],
  };
}

/**
 * A surname is weak when the article cannot be trusted to mean the person by it alone: it is a common word
 * (`May`, `Hunt`), another person's first name (`Abbas`, `Michel`), or, with or without a genitive `s`, another
 * actor's name or adjective (`Türk`, `Türks` against `Turk`, `Turks`).
 */
function weakSurnameTest(plainNames: Map<string, Set<string>>, firstNames: Map<string, Set<string>>) {
  const ofOthers = (names: Map<string, Set<string>>, key: string, slug: string) => {
    const slugs = names.get(key);
    return slugs !== undefined && (slugs.size > 1 || !slugs.has(slug));
  };
  /** `keyed`: `surname` is a key already (`phraseKey`). */
  return (surname: string, slug: string, keyed = false): boolean => {
    const key = keyed ? surname : phraseKey(surname);
    return (
      key.split(' ').every(isCommonWord) ||
      ofOthers(firstNames, key, slug) ||
      ofOthers(plainNames, key, slug) ||
      GENITIVE_KEYS.some((g) => ofOthers(plainNames, key + g, slug))
    );
  };
}

/** Whether another actor has the name as a name, surname, adjective or any other name that links without context. */
function othersNameTest(
  kb: KnowledgeBase,
  lexiconOf: (actor: KbActor) => ActorLexicon,
  plainNames: Map<string, Set<string>>,
) {
  const plain = new Map([...plainNames].map(([key, slugs]) => [key, new Set(slugs)]));
  for (const actor of kb.actors) {
    for (const surname of lexiconOf(actor).surnames) {
      const slugs = plain.get(phraseKey(surname)) ?? new Set<string>();
      slugs.add(actor.slug);
      plain.set(phraseKey(surname), slugs);
    }
  }
  return (name: string, slug: string) => [...(plain.get(phraseKey(name)) ?? [])].some((other) => other !== slug);
}

/** Every name that is not a surname (names, adjectives, demonyms, seats, capitals), with the actors whose it is. */
function plainNamesOf(kb: KnowledgeBase, lexiconOf: (actor: KbActor) => ActorLexicon): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const actor of kb.actors) {
    const extra = lexiconOf(actor);
    const all = [actor.name, actor.nameNl, ...actor.aliases];
    all.push(...extra.adjectives, ...extra.demonyms, ...extra.metonyms, ...extra.capitals);
    const skipped = new Set([...extra.surnames, ...(extra.contextNames ?? [])].map(phraseKey));
    for (const name of all) {
      const key = phraseKey(name);
      if (skipped.has(key)) continue;
      const slugs = names.get(key) ?? new Set<string>();
      slugs.add(actor.slug);
      names.set(key, slugs);
    }
  }
  return names;
}

/** The first word of every person's names of two words or more, with the people whose it is. */
function firstNamesOf(kb: KnowledgeBase, lexiconOf: (actor: KbActor) => ActorLexicon): Map<string, Set<string>> {
  const firstNames = new Map<string, Set<string>>();
  for (const actor of kb.actors) {
    if (actor.kind !== 'PERSON') continue;
    const extra = lexiconOf(actor);
    const skipped = new Set([...extra.surnames, ...(extra.contextNames ?? [])].map(phraseKey));
    for (const name of [actor.name, actor.nameNl, ...actor.aliases]) {
      if (skipped.has(phraseKey(name))) continue;
      const words = tokenize(name);
      if (words.length < 2 || !/^\p{Lu}/u.test(words[0]!.text)) continue;
      const slugs = firstNames.get(words[0]!.key) ?? new Set<string>();
      slugs.add(actor.slug);
      firstNames.set(words[0]!.key, slugs);
    }
  }
  return firstNames;
}

// Building the lexicon asks for the key of each of tens of thousands of names several times.
const phraseKeys = new Map<string, string>();

/** The words of a name as the trie keys them: `Al-Qaida` → `al qaida`. */
export function phraseKey(phrase: string): string {
  let key = phraseKeys.get(phrase);
  if (key === undefined) {
    key = tokenize(phrase)
      .map((t) => t.key)
      .join(' ');
    if (phraseKeys.size > 200_000) phraseKeys.clear();
    phraseKeys.set(phrase, key);
  }
  return key;
}

/** A lexicon as plain JSON, every map and set as a list of its entries in their order. */
export interface LexiconData {
  actors: TrieData<ActorHit>;
  evidence: TrieData<EvidenceHit>;
  states: string[];
  givenNames: [string, string[]][];
  forcesOf: [string, string[]][];
  parliamentsOf: [string, string[]][];
  countryOf: [string, string][];
  armedGroups: string[];
}

/** The lexicon as data that `lexiconFromData` turns back into the same lexicon (for the cache, see lexicon-cache.ts). */
export function lexiconToData(lexicon: Lexicon): LexiconData {
  return {
    actors: lexicon.actors.toData(),
    evidence: lexicon.evidence.toData(),
    states: [...lexicon.states],
    givenNames: [...lexicon.givenNames].map(([key, slugs]) => [key, [...slugs]]),
    forcesOf: [...lexicon.forcesOf],
    parliamentsOf: [...lexicon.parliamentsOf],
    countryOf: [...lexicon.countryOf],
    armedGroups: [...lexicon.armedGroups],
  };
}

export function lexiconFromData(data: LexiconData): Lexicon {
  return {
    actors: TokenTrie.fromData(data.actors),
    evidence: TokenTrie.fromData(data.evidence),
    states: new Set(data.states),
    givenNames: new Map(data.givenNames.map(([key, slugs]) => [key, new Set(slugs)])),
    forcesOf: new Map(data.forcesOf),
    parliamentsOf: new Map(data.parliamentsOf),
    countryOf: new Map(data.countryOf),
    armedGroups: new Set(data.armedGroups),
  };
}

export function emptyLexicon(): KbLexicon {
  return { actors: [], conflicts: [], nonActors: [] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

import { ADJECTIVE_PREFIXES, NAME_PARTICLES, SENTENCE_OPENERS } from './provisional-cues.js';
import { isAllCaps, isCapitalised, isSentenceBreak, type Token } from './text.js';

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

/** Words around a nationality adjective that make it the name of a language: "spreekt Frans", "Russisch sprekende". */
const SPEAKING_BEFORE = new Set([
  'spreekt', 'spreken', 'sprak', 'spraken', 'spreek', 'gesproken', 'verstaat', 'verstaan', 'leert', 'leren',
  'leerde', 'beheerst', 'beheersen', 'vloeiend', 'vertaald', 'vertaalt', 'vertalen', 'ondertiteld', 'praat', 'praten',
]);
const SPEAKING_AFTER = new Set([
  'taal', 'talen', 'les', 'lessen', 'ondertiteling', 'ondertitels', 'vertaling', 'sprekend', 'sprekende',
  'sprekenden', 'spreken', 'spreekt', 'sprak', 'tolk', 'dialect', 'woordenboek',
]);

/** Spans of a kind (places, language names) by their first and last token. */
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

/** "het centrum van Mogadishu", "de bewoners van Ouagadougou", "het akkoord van Pretoria": the city, not its government. */
const PLACE_OF_NOUNS = new Set([
  'centrum', 'hart', 'straten', 'wijken', 'buitenwijken', 'voorsteden', 'voorstad', 'rand', 'omgeving', 'luchthaven',
  'vliegveld', 'haven', 'bewoners', 'inwoners', 'burgemeester', 'gouverneur', 'ziekenhuizen', 'ziekenhuis',
  'universiteit', 'markten', 'markt', 'poorten', 'noorden', 'zuiden', 'oosten', 'westen',
]);
const EVENT_ENDINGS = ['akkoord', 'akkoorden', 'verdrag', 'conferentie', 'overeenkomst', 'protocol', 'top', 'proces', 'gesprekken'];

/**
 * A dateline: the place an article was written, in capitals at the start of a paragraph before a dash
 * (`NAIROBI - `, `DOHA/RIYAD - `, `NEW DELHI/ISLAMABAD – `).
 */
export function isDateline(tokens: Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isCapitalsWord(tokens, i)) return false;
  let first = start;
  while (first > 0 && DATELINE_JOIN.test(tokens[first]!.gapBefore) && isCapitalsWord(tokens, first - 1)) first -= 1;
  if (first > 0 && !tokens[first]!.gapBefore.includes('\n')) return false;
  let last = end;
  while (last < tokens.length && DATELINE_JOIN.test(tokens[last]!.gapBefore) && isCapitalsWord(tokens, last)) last += 1;
  return last < tokens.length && DATELINE_DASH.test(tokens[last]!.gapBefore);
}

// The expressions of the tests below, made once: they run for many names of every article, and a literal is a new
// object each time it is evaluated (one with the `u` flag, under tsx, a new expression compiled each time).
const TWO_LETTERS = /\p{L}{2}/u;
const DATELINE_JOIN = /^\s*\/\s*$|^ $/;
const DATELINE_DASH = /^\s*[-\u2013\u2014]\s/;
const NAME_JOIN = /^(?:[ \u00a0]+|[-\u2010\u2011])$/;
const HYPHEN = /^[-\u2010\u2011]$/;
const SHORT_LOWER = /^\p{Ll}{1,3}$/u;
const POSSESSIVE = /['’]s?$/;
const APOSTROPHE_FIRST = /^['’]/;

/** Token `i` is a word of two letters or more, all capitals (`NAIROBI`, `VS`). */
function isCapitalsWord(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  return i >= 0 && token !== undefined && TWO_LETTERS.test(token.text) && isAllCaps(token.text);
}

/**
 * `In Londen, Toronto en Parijs gaan …`: a name in a list of capitalised names (commas, a last `en` or `of`)
 * that a placing preposition opens. At most five names back, in one sentence.
 */
function isListedAfterPlaceWord(tokens: Token[], start: number): boolean {
  let i = start;
  for (let items = 0; items < 5; items++) {
    const gap = tokens[i]!.gapBefore.trim();
    let j = previousWord(tokens, i);
    if (j < 0) return false;
    // `naar Amman, en Amman zweeg`: a comma before `en` joins clauses, not the names of a list.
    if (gap === '' && (tokens[j]!.key === 'en' || tokens[j]!.key === 'of') && !tokens[j]!.gapBefore.includes(',')) j = previousWord(tokens, j);
    else if (gap !== ',') return false;
    if (j < 0 || !isCapitalised(tokens[j]!.text)) return false;
    // The list item may be a name of several words: `Den Haag`, `Kuala Lumpur`.
    while (j > 0 && /^[ \u00a0]+$/.test(tokens[j]!.gapBefore) && isCapitalised(tokens[j - 1]!.text) && !PLACE_PREPOSITIONS.has(tokens[j - 1]!.key)) j -= 1;
    const before = previousWord(tokens, j);
    if (before >= 0 && PLACE_PREPOSITIONS.has(tokens[before]!.key) && /^[ \u00a0]+$/.test(tokens[j]!.gapBefore)) return true;
    i = j;
  }
  return false;
}

/** Whether the capital at tokens [start, end) is used as a place rather than for its state. */
export function isUsedAsPlace(tokens: Token[], start: number, end: number, places: PlaceIndex): boolean {
  if (isDateline(tokens, start, end)) return true;
  const prev = previousWord(tokens, start);
  if (prev >= 0) {
    const word = tokens[prev]!.key;
    if (PLACE_NOUNS.has(word)) return true;
    const noun = word === 'van' ? previousWord(tokens, prev) : -1;
    if (noun >= 0) {
      const key = tokens[noun]!.key;
      if (PLACE_OF_NOUNS.has(key) || EVENT_ENDINGS.some((e) => key === e || (key.length > e.length + 2 && key.endsWith(e)))) return true;
    }
    if (PLACE_PREPOSITIONS.has(word)) {
      const before = previousWord(tokens, prev);
      return !(before >= 0 && GOVERNMENT_NOUNS.has(tokens[before]!.key));
    }
    if (isListedAfterPlaceWord(tokens, start)) return true;
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
  const prev = previousWord(tokens, start);
  const next = end < tokens.length && !isSentenceBreak(tokens[end]!.gapBefore) ? end : -1;
  return prev >= 0 && next >= 0 && isCapitalsWord(tokens, prev) && isCapitalsWord(tokens, next);
}

/** "Noord-Syrië", "Oost-Oekraïense steden": a state's name after a compass word is a region of it, a place. */
const COMPASS = new Set([
  'noord', 'zuid', 'oost', 'west', 'noordoost', 'noordwest', 'zuidoost', 'zuidwest', 'centraal', 'midden',
]);

/** Whether the name at `start` is joined by a hyphen to a compass word before it (`Zuid-Libanon`). */
export function isRegionName(tokens: Token[], start: number): boolean {
  const token = tokens[start]!;
  return start > 0 && /^[-\u2010\u2011]$/.test(token.gapBefore) && COMPASS.has(tokens[start - 1]!.key);
}

export type AdjectiveUse = 'state' | 'language' | 'first-name' | 'currency' | 'prefixed' | 'people';

/**
 * Nouns after which a state's adjective names a people, not the state: `de Armeense genocide` was done to Armenians
 * before any Armenian state, `de Joodse diaspora`.
 */
const PEOPLE_NOUNS = new Set(['genocide', 'volkerenmoord', 'diaspora']);

/** Currencies named by a state's adjective: `de Amerikaanse dollar` is money, not the United States. */
const CURRENCIES = new Set([
  'dollar', 'dollars', 'euro', 'euros', 'roebel', 'roebels', 'pond', 'yuan', 'renminbi', 'yen', 'frank', 'franc', 'peso',
  'pesos', 'lira', 'rial', 'real', 'rand', 'roepie', 'rupee', 'shilling', 'hryvnia', 'grivna', 'dinar', 'dirham', 'kwacha',
]);

/**
 * What a nationality adjective at [start, end) stands for. It names a language after a verb of speaking or
 * before `taal` ("spreekt Frans", "de Russische taal"), and after `het` when uninflected ("in het Russisch";
 * the state reads "het Russische leger"). Uninflected and followed by a capitalised word, it is a first name
 * ("Frans Bauer"): Dutch writes "een Frans schip", never a capital after the adjective. Before the name of a
 * currency it names the currency ("de Amerikaanse dollar"). Joined to `Inter-` or `Pan-` it names no state at all
 * ("de Inter-Amerikaanse Commissie", "het Pan-Afrikaanse Parlement").
 */
export function adjectiveUse(tokens: Token[], start: number, end: number): AdjectiveUse {
  if (start > 0 && /^[-\u2010\u2011]$/.test(tokens[start]!.gapBefore) && ADJECTIVE_PREFIXES.has(tokens[start - 1]!.key)) return 'prefixed';
  const last = tokens[end - 1]!;
  const inflected = /e$/i.test(last.text);
  const prev = previousWord(tokens, start);
  const next = tokens[end];
  const nextInSentence = next !== undefined && !isSentenceBreak(next.gapBefore);
  if (prev >= 0 && SPEAKING_BEFORE.has(tokens[prev]!.key)) return 'language';
  if (nextInSentence && SPEAKING_AFTER.has(next.key)) return 'language';
  if (inflected && nextInSentence && /^[ \u00a0]+$/.test(next.gapBefore) && CURRENCIES.has(next.key)) return 'currency';
  if (inflected && nextInSentence && /^[ \u00a0]+$/.test(next.gapBefore) && PEOPLE_NOUNS.has(next.key)) return 'people';
  const hyphenated = nextInSentence && /^[-\u2010\u2011]$/.test(next.gapBefore);
  if (!inflected && prev >= 0 && tokens[prev]!.key === 'het' && !hyphenated) return 'language';
  const spaced = nextInSentence && /^[ \u00a0]+$/.test(next.gapBefore);
  // `de Ghanees Thomas Mensah`: after `de` or `een` the uninflected adjective is the demonym, a noun, before a name.
  const demonym = prev >= 0 && (tokens[prev]!.key === 'de' || tokens[prev]!.key === 'een');
  if (!inflected && spaced && !demonym && isCapitalised(next.text) && !isAllCaps(next.text)) return 'first-name';
  // `Frans-Paul van der Putten`: a double given name, the second half and a name after it (`Frans-Duitse` is no name).
  if (!inflected && hyphenated && isDoubleGivenName(tokens, end)) return 'first-name';
  return 'state';
}

/** Whether the hyphen at token `i` joins a given name's second half, followed by a surname or a particle. */
function isDoubleGivenName(tokens: Token[], i: number): boolean {
  const half = tokens[i];
  const after = tokens[i + 1];
  if (!half || !after || !isCapitalised(half.text) || isAllCaps(half.text) || /e$/.test(half.text)) return false;
  if (!/^[ \u00a0]+$/.test(after.gapBefore)) return false;
  return (isCapitalised(after.text) && !isAllCaps(after.text)) || NAME_PARTICLES.has(after.text);
}

/** Whether the words at [start, end) are joined by `en`/`of` to one of `spans` ("Frans en Russisch spreken"). */
export function isCoordinatedWith(tokens: Token[], start: number, end: number, spans: PlaceIndex): boolean {
  const prev = previousWord(tokens, start);
  if (prev > 0 && CONJUNCTIONS.has(tokens[prev]!.key) && previousWord(tokens, prev) >= 0 && spans.endsAt(prev - 1)) {
    return true;
  }
  const next = tokens[end];
  if (next && !isSentenceBreak(next.gapBefore) && CONJUNCTIONS.has(next.key)) {
    const after = tokens[end + 1];
    if (after && !isSentenceBreak(after.gapBefore) && spans.startsAt(end + 1)) return true;
  }
  return false;
}

/** Titles before a name: "Generaal Haftar" is the general, not a man called Generaal Haftar. */
export const TITLES = new Set([
  'president', 'premier', 'minister', 'generaal', 'koning', 'koningin', 'prins', 'kroonprins', 'emir', 'sultan',
  'ayatollah', 'paus', 'kanselier', 'bondskanselier', 'commandant', 'leider', 'secretaris', 'gezant', 'ambassadeur',
  'vicepresident', 'staatssecretaris', 'sjeik', 'mullah', 'imam', 'kolonel', 'maarschalk', 'admiraal', 'senator',
  'mr', 'dr', 'mevrouw', 'meneer', 'heer', 'president-elect', 'oud-president', 'ex-president', 'oud-premier',
]);

/**
 * Whether a bare surname at [start, end) is part of the name of someone the knowledge base does not know:
 * next to a capitalised word that is no known name ("Abe Lenstra", "Melania Trump", "Austin Powers").
 * A known name beside it does not count: Dutch word order puts subject and object together ("toen Poetin
 * Oekraïne binnenviel"). A capitalised word that opens the sentence may be any word, so it counts only when it
 * is a given name (`isGivenName`: "Michelle Obama verscheen", after `withGivenName` found it is not the
 * person's own) and no word that opens sentences.
 */
export function isInUnknownName(
  tokens: Token[],
  start: number,
  end: number,
  known: (i: number) => boolean,
  isGivenName: (key: string) => boolean = noGivenName,
): boolean {
  // `Zeynep Arslan-Visser`, `Nkosazana Dlamini-Zuma`: a hyphen joins the parts of a double surname (`NAME_JOIN`).
  const prev = previousWord(tokens, start);
  // `Mazar-i-Sharif`, `Bandar-e-Abbas`: a place's name whose words a short lower-case link joins by hyphens.
  if (
    prev > 0 &&
    prev === start - 1 &&
    HYPHEN.test(tokens[start]!.gapBefore) &&
    HYPHEN.test(tokens[prev]!.gapBefore) &&
    SHORT_LOWER.test(tokens[prev]!.text) &&
    isUnknownName(tokens, prev - 1, known)
  ) {
    return true;
  }
  if (prev >= 0 && NAME_JOIN.test(tokens[start]!.gapBefore) && !TITLES.has(tokens[prev]!.key)) {
    const opensSentence = previousWord(tokens, prev) < 0;
    const key = tokens[prev]!.key;
    if (isUnknownName(tokens, prev, known) && (!opensSentence || (isGivenName(key) && !SENTENCE_OPENERS.has(key)))) return true;
  }
  // `Kibaki's Partij van Nationale Eenheid`: a possessive ends the name; what follows is the thing possessed.
  if (POSSESSIVE.test(tokens[end - 1]!.text) || APOSTROPHE_FIRST.test(tokens[end]?.gapBefore ?? '')) return false;
  const next = tokens[end];
  // `advocaat Simon van Dooren`: a given name before a particle and an unknown name opens that person's name.
  const after = tokens[end + 1];
  if (
    end - start === 1 &&
    isGivenName(tokens[start]!.key) &&
    next &&
    after &&
    NAME_JOIN.test(next.gapBefore) &&
    NAME_JOIN.test(after.gapBefore) &&
    NAME_PARTICLES.has(next.text) &&
    isUnknownName(tokens, end + 1, known)
  ) {
    return true;
  }
  return next !== undefined && NAME_JOIN.test(next.gapBefore) && isUnknownName(tokens, end, known);
}

const noGivenName = () => false;

/** A capitalised word at `i`, not in capitals, that no name of the knowledge base covers. */
function isUnknownName(tokens: Token[], i: number, known: (i: number) => boolean): boolean {
  return isCapitalised(tokens[i]!.text) && !isAllCaps(tokens[i]!.text) && !known(i);
}

/*
 * `het Erdogan-ziekenhuis`, `het Queen Elizabeth-ziekenhuis`: a person's name joined by a hyphen to the noun of a
 * building, prize or fund named after them names the thing, not the person.
 */
const NAMESAKE_NOUNS = [
  'ziekenhuis', 'kliniek', 'school', 'universiteit', 'luchthaven', 'vliegveld', 'stadion', 'brug', 'moskee', 'kerk',
  'kathedraal', 'plein', 'straat', 'laan', 'prijs', 'fonds', 'stichting', 'centrum', 'instituut', 'museum', 'kazerne',
];

/** English heads of the names of bodies named after a person (`Kofi Annan International Peacekeeping Training Centre`). */
const NAMESAKE_HEADS = new Set([
  'centre', 'center', 'foundation', 'institute', 'university', 'hospital', 'school', 'academy', 'prize', 'award', 'trust',
  'museum', 'library', 'airport', 'stadium', 'fund', 'college', ...NAMESAKE_NOUNS,
]);

/**
 * Whether the token at `end` joins the name before it by a hyphen to a namesake noun (`-ziekenhuis`), or starts
 * the rest of a name of a body named after the person, in capitals up to its head (`Kofi Annan International
 * Peacekeeping Training Centre`, `Nelson Mandela Foundation`).
 */
export function isNamesakeCompound(tokens: Token[], end: number): boolean {
  const next = tokens[end];
  if (!next) return false;
  if (/^[-\u2010\u2011]$/.test(next.gapBefore)) {
    return NAMESAKE_NOUNS.some((noun) => next.key === noun || (next.key.endsWith(noun) && next.key.length <= noun.length + 8));
  }
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const token = tokens[i]!;
    if (!/^[ \u00a0]+$/.test(token.gapBefore) || !isCapitalised(token.text) || isAllCaps(token.text)) return false;
    if (NAMESAKE_HEADS.has(token.key)) return true;
  }
  return false;
}

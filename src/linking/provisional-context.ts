import {
  ARMED_STEMS,
  isPortfolio,
  CALENDAR_WORDS,
  NON_ACTOR_ENDINGS,
  NON_ACTOR_WORDS,
  isMediaDescriptor,
  ORGANIZATION_DESCRIPTOR_ENDINGS,
  ORGANIZATION_DESCRIPTORS,
  ORGANIZATION_HEAD_ENDINGS,
  ORGANIZATION_HEADS,
  PERSON_NOUNS,
  PERSON_ROLE_ENDINGS,
  PERSON_ROLES,
  SPEECH_VERBS,
} from './provisional-cues.js';
import { afterDateline, foldKey, isAllCaps, isCapitalised, isSentenceBreak, type Token } from './text.js';
import type { ActorKind } from './types.js';

/*
 * What the words around a capitalised name say of it: the cues that make it a person or an organisation, and
 * the guards that make it a place, a day, a medium, a work or a heading. Plain functions of the tokens.
 */

// Calibrated by cue: a descriptor or an apposition says outright who the name is; a verb of saying that an
// actor speaks; a known first name only that the words look like a person's name.
export const STRONG = 0.85;

export const HEAD = 0.8;

export const SPEECH = 0.75;

export const SHAPE = 0.6;

export const COMPASS = new Set(['noord', 'zuid', 'oost', 'west', 'noordoost', 'noordwest', 'zuidoost', 'zuidwest', 'midden', 'centraal']);

export interface Cue {
  kind: 'person' | 'organization' | 'armed' | 'actor' | 'none';
  confidence: number;
  description: string | null;
}

/**
 * What the knowledge base matched in the text, a byte per token: `KNOWN` for a part of a name it knows (an
 * actor, a place, a medium), never part of a provisional name; `DEMONYM` for a state's demonym (`Spanjaard`),
 * which before a name says a person is named; `ADJECTIVE` for a nationality adjective (`Arabische`); `PERSON`.
 */
export type KnownTokens = Uint8Array;

export const KNOWN = 1;

export const DEMONYM = 2;

export const ADJECTIVE = 4;

/** A name of a person the knowledge base knows: a name beside it in a list (`Olaf Scholz en X`) is a person's too. */
export const PERSON = 8;

/** What the words before a name say it is: `minister van Defensie X`, `de denktank X`, `zegt X`. */
export function cueBefore(text: string, tokens: Token[], a: number): Cue {
  let j = previousWord(tokens, a);
  const prefixEnd = a;
  let sawBody = a < tokens.length && isPortfolio(tokens[a]!.key);
  for (let steps = 0; j >= 0 && steps < 7; steps++) {
    const key = tokens[j]!.key;
    // `Oud-Dutchbatter X`, `ex-Talibanstrijder X`: `oud-` or `ex-` before a noun makes it a former role.
    const former = j > 0 && /^[-\u2010\u2011]$/.test(tokens[j]!.gapBefore) && (tokens[j - 1]!.key === 'oud' || tokens[j - 1]!.key === 'ex') && j === a - 1;
    if (isRole(key) || former) {
      let from = j;
      while (from > 0 && /^[-\u2010\u2011]$/.test(tokens[from]!.gapBefore)) from -= 1;
      const description = text ? describe(text, tokens, from, prefixEnd, isCapitalised(tokens[j]!.text) && PERSON_ROLES.has(key)) : null;
      return { kind: 'person', confidence: STRONG, description };
    }
    const organization = ORGANIZATION_DESCRIPTORS.get(key);
    // `de denktank X`, not `de AU-commissie X`: the end of a hyphenated name describes no one after it.
    if (organization && j === a - 1 && !/^[-\u2010\u2011]$/.test(tokens[j]!.gapBefore) && !tokens[a]!.gapBefore.includes(',')) {
      return { kind: organization === 'ARMED_GROUP' ? 'armed' : 'organization', confidence: STRONG, description: tokens[j]!.text };
    }
    if (j === a - 1 && SPEECH_VERBS.has(key)) return { kind: 'actor', confidence: SPEECH, description: null };
    // `de 39-jarige Reshat Ametov`: an age says a person.
    if (j === a - 1 && key === 'jarige' && j > 0 && /^\d{1,3}$/.test(tokens[j - 1]!.text)) return { kind: 'person', confidence: STRONG, description: null };
    // `de 20-jarige cadet Diego Pérez`: an age before one lower-case noun says a person whatever the noun.
    if (j === a - 1 && isAgedNoun(tokens, j)) {
      const description = text ? describe(text, tokens, j, prefixEnd, false) : null;
      return { kind: 'person', confidence: STRONG, description };
    }
    // Only a portfolio (`van Buitenlandse Zaken`) or a title cut off the run lies between a role and the name.
    sawBody ||= isPortfolio(key);
    const skippable = isPortfolio(key) || (sawBody && (key === 'van' || key === 'de' || key === 'het' || key === 'en'));
    if (!skippable) return fieldBefore(text, tokens, j, prefixEnd);
    j = previousWord(tokens, j);
  }
  return { kind: 'none', confidence: 0, description: null };
}

// Made once: these run for many words of every article (see context.ts).
const LOWER_WORD_3 = /^\p{Ll}{3,}$/u;
const LOWER_WORD = /^\p{Ll}+$/u;
const NOT_LETTERS = /[^\p{L}]/gu;

/** `20-jarige cadet`: a lower-case noun of letters right after an age (`<digits>-jarige`). */
function isAgedNoun(tokens: Token[], j: number): boolean {
  const noun = tokens[j]!;
  const age = previousWord(tokens, j);
  return (
    LOWER_WORD_3.test(noun.text) &&
    /^[ \u00a0]+$/.test(noun.gapBefore) &&
    age >= 0 &&
    age === j - 1 &&
    tokens[age]!.key === 'jarige' &&
    age > 0 &&
    /^\d{1,3}$/.test(tokens[age - 1]!.text)
  );
}

/** Roles an academic field may follow: `hoogleraar internationaal strafrecht X`, `expert cyberveiligheid X`. */
const FIELD_ROLES = new Set(['hoogleraar', 'professor', 'docent', 'lector', 'onderzoeker', 'onderzoekster', 'expert', 'specialist', 'deskundige']);

/**
 * A field of at most three lowercase words (no verb, no particle) between such a role and the name, read back
 * from `j`, the field's last word.
 */
function fieldBefore(text: string, tokens: Token[], j: number, prefixEnd: number): Cue {
  for (let steps = 0; j >= 0 && steps < 3; steps++) {
    const token = tokens[j]!;
    if (isCapitalised(token.text) || !LOWER_WORD.test(token.text) || FIELD_STOPS.has(token.key)) break;
    const before = previousWord(tokens, j);
    if (before < 0) break;
    if (FIELD_ROLES.has(tokens[before]!.key) && /^[ \u00a0]+$/.test(token.gapBefore)) {
      const description = text ? describe(text, tokens, before, prefixEnd, true) : null;
      return { kind: 'person', confidence: STRONG, description };
    }
    j = before;
  }
  return { kind: 'none', confidence: 0, description: null };
}

const FIELD_STOPS = new Set(['van', 'de', 'het', 'een', 'en', 'of', 'is', 'was', 'zegt', 'zei', 'die', 'dat', 'met', 'voor', 'bij', 'aan', 'in', 'op', 'om', 'als', 'wordt', 'werd', 'heeft', 'had']);

const APPOSITION_DETERMINERS = new Set(['de', 'het', 'zijn', 'haar', 'hun', 'diens', 'wiens', 'een']);

/**
 * A role phrase before a name set off by commas: `de secretaris-generaal van de Arabische Liga, Amr Moussa.`,
 * `Zijn opvolger, Serhij Hajdoek, zit …`. The role noun opens its phrase after a determiner, at most eight words
 * before the comma, and the name ends at a comma or the end of the sentence.
 */
export function appositionBefore(text: string, tokens: Token[], a: number, b: number): Cue | null {
  if (tokens[a]!.gapBefore.trim() !== ',') return null;
  const after = tokens[b];
  if (after && !isSentenceBreak(after.gapBefore) && after.gapBefore.trim() !== ',') return null;
  for (let j = a - 1, steps = 0; j > 0 && steps < 8; j--, steps++) {
    // `een van de CNSP-generaals, X`: the determiner before a hyphenated compound role.
    let d = j - 1;
    while (d > 0 && /^[-\u2010\u2011]$/.test(tokens[d + 1]!.gapBefore)) d -= 1;
    // `De Amerikaanse onderminister voor Afrika, X`: an inflected adjective between the determiner and the role.
    if (d > 0 && !APPOSITION_DETERMINERS.has(tokens[d]!.key) && isInflected(tokens[d]) && /^[ \u00a0]+$/.test(tokens[d + 1]!.gapBefore)) d -= 1;
    if (isRole(tokens[j]!.key) && APPOSITION_DETERMINERS.has(tokens[d]!.key)) {
      const description = text ? text.slice(tokens[d + 1]!.start, tokens[a - 1]!.end).replace(/\s+/g, ' ') : null;
      return { kind: 'person', confidence: STRONG, description };
    }
    if (isSentenceBreak(tokens[j]!.gapBefore) || tokens[j]!.gapBefore.includes(',')) return null;
  }
  return null;
}

/** What the words after a name say it is: `X, hoogleraar …`, `X (42)`, `X zei`. */
export function cueAfter(text: string, tokens: Token[], b: number): Cue {
  const next = tokens[b];
  if (!next || isSentenceBreak(next.gapBefore)) return { kind: 'none', confidence: 0, description: null };
  const gap = next.gapBefore.trim();
  if (gap === ',') {
    let r = b;
    if (['de', 'het', 'een'].includes(tokens[r]!.key) && tokens[r + 1] && tokens[r + 1]!.gapBefore.trim() === '') r += 1;
    // `X, een 20-jarige student`: an age says a person.
    if (r > b && /^\d{1,3}$/.test(tokens[r]!.text) && tokens[r + 1]?.key === 'jarige' && /^[-\u2010\u2011]$/.test(tokens[r + 1]!.gapBefore)) {
      return { kind: 'person', confidence: STRONG, description: text ? appositionText(text, tokens, r) : null };
    }
    // `X, de Pakistaanse scholiere`: an inflected adjective or two before the role noun.
    for (let n = 0; n < 2 && r > b && isInflected(tokens[r]) && tokens[r + 1]?.gapBefore.trim() === '' && !isRoleAt(tokens, r); n++) r += 1;
    if (isRoleAt(tokens, r)) {
      return { kind: 'person', confidence: STRONG, description: text ? appositionText(text, tokens, r) : null };
    }
    if (isAge(tokens, b)) return { kind: 'person', confidence: STRONG, description: null };
    if (isOneOfPeople(tokens, b)) return { kind: 'person', confidence: STRONG, description: null };
  }
  if (gap === '(' && isAge(tokens, b)) return { kind: 'person', confidence: STRONG, description: null };
  // `Sandra Bosman (D66)`: a party or a country in brackets after a person's name.
  if (gap === '(' && isAllCaps(next.text) && (tokens[b + 1]?.gapBefore.trim() ?? '').startsWith(')')) {
    return { kind: 'actor', confidence: SPEECH, description: null };
  }
  if (gap === '' && SPEECH_VERBS.has(next.key)) return { kind: 'actor', confidence: SPEECH, description: null };
  return { kind: 'none', confidence: 0, description: null };
}

export const APPOSITION_STOPS = new Set(['aan', 'bij', 'in', 'uit', 'die', 'dat', 'wie', 'en', 'sinds', 'tot', 'tijdens']);

/** The apposition from its role noun to the first comma, stop word or sixth word: `hoogleraar internationale betrekkingen`. */
export function appositionText(text: string, tokens: Token[], r: number): string {
  let end = r + 1;
  while (end < tokens.length && end - r < 6 && /^[ \u00a0-]*$/.test(tokens[end]!.gapBefore) && !APPOSITION_STOPS.has(tokens[end]!.key)) {
    end += 1;
  }
  return text.slice(tokens[r]!.start, tokens[end - 1]!.end);
}

export function describe(text: string, tokens: Token[], from: number, to: number, lowerFirst: boolean): string {
  const words = text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, ' ');
  return lowerFirst ? words[0]!.toLowerCase() + words.slice(1) : words;
}

/** `Olaf Scholz en X`, `Olaf Scholz, X`: a name listed right after a known person's. */
export function isListedWithPerson(tokens: Token[], a: number, matched: KnownTokens): boolean {
  const prev = previousWord(tokens, a);
  if (prev < 0) return false;
  if (tokens[a]!.gapBefore.trim() === ',') return (matched[prev]! & PERSON) !== 0;
  const before = previousWord(tokens, prev);
  return ['en', 'of'].includes(tokens[prev]!.key) && before >= 0 && tokens[prev]!.gapBefore.trim() === '' && (matched[before]! & PERSON) !== 0;
}

/** `(42)` or `, 42,` after a name: an age. */
export function isAge(tokens: Token[], b: number): boolean {
  const token = tokens[b];
  const close = tokens[b + 1]?.gapBefore.trim() ?? '';
  return token !== undefined && /^\d{1,3}$/.test(token.text) && Number(token.text) < 120 && (close.startsWith(')') || close.startsWith(','));
}

/** The token inside brackets right after [.., b): `(SOHR)`; null when there is none. */
export function bracketAfter(tokens: Token[], b: number): number | null {
  const token = tokens[b];
  if (!token || token.gapBefore.trim() !== '(' || !(tokens[b + 1]?.gapBefore.trim() ?? ')').startsWith(')')) return null;
  return isAllCaps(token.text) ? b : null;
}

/** `SOHR` for `Syrisch Observatorium voor de Mensenrechten`: the acronym's letters are the capitals' initials, in order. */
export function fitsInitials(acronym: string, tokens: Token[], a: number, b: number): boolean {
  const initials = tokens.slice(a, b).map((t) => foldKey(t.text[0]!)).join('');
  const letters = foldKey(acronym.replace(NOT_LETTERS, ''));
  if (letters.length < 2 || letters[0] !== initials[0]) return false;
  let k = 0;
  for (const c of initials) if (c === letters[k]) k += 1;
  return k === letters.length;
}

export const KNOWN_AS = new Set(['bekend', 'genaamd', 'alias']);

/** `…, beter bekend als JNIM`, `bekend onder de afkorting JNIM`: a name the knowledge base knows follows. */
export function isKnownAs(tokens: Token[], b: number, matched: KnownTokens): boolean {
  const end = Math.min(tokens.length, b + 10);
  for (let i = b; i < end; i++) {
    if (i > b && /[.;:!?()]/.test(tokens[i]!.gapBefore)) return false;
    if (!KNOWN_AS.has(tokens[i]!.key)) continue;
    for (let j = i + 1; j < Math.min(end, i + 6) && !/[.,;:!?()]/.test(tokens[j]!.gapBefore); j++) {
      if ((matched[j]! & (KNOWN | ADJECTIVE)) === KNOWN) return true;
    }
    return false;
  }
  return false;
}

/**
 * `de Asean, de Associatie van …`: an organisation's name spelled out after the short name (one word, an acronym)
 * the knowledge base knows. After a known name of several words the apposition is another body, as often as not
 * (`de regeringspartij Awami League, de Chhatra League,` is its student wing).
 */
export function isAppositionOfKnown(tokens: Token[], a: number, known: (i: number) => boolean): boolean {
  let j = a - 1;
  if (j >= 0 && ['de', 'het'].includes(tokens[j]!.key) && tokens[a]!.gapBefore.trim() === '') j -= 1;
  const short = j < 1 || !known(j - 1) || /\S/.test(tokens[j]!.gapBefore);
  return j >= 0 && j < a && tokens[j + 1]!.gapBefore.trim() === ',' && known(j) && short;
}

export function organizationKind(tokens: Token[], a: number, b: number): ActorKind | null {
  let kind: ActorKind | null = null;
  for (let i = a; i < b; i++) {
    if (!isCapitalised(tokens[i]!.text)) continue;
    const key = tokens[i]!.key;
    const head = ORGANIZATION_HEADS.get(key) ?? headEnding(key);
    if (head === 'ARMED_GROUP') kind = head;
    else if (head) kind ??= head;
  }
  if (kind === 'ORGANIZATION' && tokens.slice(a, b).some((t) => ARMED_STEMS.some((stem) => t.key.includes(stem)))) return 'ARMED_GROUP';
  return kind;
}

export function isHead(key: string): boolean {
  return ORGANIZATION_HEADS.has(key) || headEnding(key) !== undefined;
}

/**
 * The kind a compound's head word gives it (`Veiligheidsraad`, `Volksfront`). Before a short head the stem is a
 * word of five letters or more: a first name may end in one (`Koenraad`), a compound of a short stem rarely names a
 * body (`Wijkraad`).
 */
export function headEnding(key: string): ActorKind | undefined {
  return ORGANIZATION_HEAD_ENDINGS.find(([ending]) => key.length >= ending.length + (ending.length <= 5 ? 5 : 3) && key.endsWith(ending))?.[1];
}

/**
 * What a descriptor noun says a name after it is: `de denktank X`, `het staatsbedrijf X`, `de militie X`; null for
 * any other word, and for media (`de mediagroep X`), which are no actors.
 */
export function descriptorOf(key: string): ActorKind | null {
  if (isMediaDescriptor(key)) return null;
  return (
    ORGANIZATION_DESCRIPTORS.get(key) ??
    ORGANIZATION_DESCRIPTOR_ENDINGS.find(([ending]) => key.length > ending.length + 2 && key.endsWith(ending))?.[1] ??
    null
  );
}

/** Endings of compound nouns that describe a company or an organisation and never head its name: `Reisorganisatie`. */
const DESCRIBING_ENDINGS = ['organisatie', 'maatschappij', 'bedrijf', 'concern', 'fabrikant', 'denktank', 'rederij', 'multinational'];

/**
 * `Reisorganisatie TUI zegt …`: a compound descriptor capitalised only because it opens the sentence, before the
 * name it describes (the name must follow at once, capitalised: `Hulporganisatie voor …` is a name of its own).
 */
export function isOpeningDescriptor(tokens: Token[], i: number): boolean {
  const key = tokens[i]!.key;
  const next = tokens[i + 1];
  return (
    isSentenceStart(tokens, i) &&
    DESCRIBING_ENDINGS.some((ending) => key.length > ending.length + 2 && key.endsWith(ending)) &&
    next !== undefined &&
    /^[ \u00a0]+$/.test(next.gapBefore) &&
    capital(next.text)
  );
}

export function descriptorKind(cue: Cue): ActorKind | null {
  return cue.kind === 'armed' ? 'ARMED_GROUP' : cue.kind === 'organization' ? 'ORGANIZATION' : null;
}

/**
 * Places, events, works, dates: `Noord-Darfoer`, `Kaap de Goede Hoop`, `Eerste Wereldoorlog`, `Operatie Barbarossa`.
 * With `endings` false, the endings of Dutch compounds (`-dag`, `-stad`) are not read: a name a role or an age
 * puts after it is a person's (`minister Bekir Bozdag`, a Turkish surname ending as `Bevrijdingsdag` does).
 */
export function isNonActorName(tokens: Token[], a: number, b: number, endings = true): boolean {
  // `Mei-ling` of `Chen Mei-ling`: a month joined to a lower-case syllable of the name is a given name.
  const joinedSyllable = (i: number) => i + 1 < b && /^[-\u2010\u2011]$/.test(tokens[i + 1]!.gapBefore) && !isCapitalised(tokens[i + 1]!.text);
  for (let i = a; i < b; i++) if (CALENDAR_WORDS.has(tokens[i]!.key) && !joinedSyllable(i)) return true;
  if (COMPASS.has(tokens[a]!.key)) return true;
  const last = b - 1;
  if (NON_ACTOR_WORDS.has(tokens[a]!.key)) return true;
  const afterParticle = last > a && !isCapitalised(tokens[last - 1]!.text);
  if (!afterParticle && NON_ACTOR_WORDS.has(tokens[last]!.key)) return true;
  const key = tokens[last]!.key;
  if (endings && NON_ACTOR_ENDINGS.some((ending) => key.length > ending.length + 2 && key.endsWith(ending))) return true;
  // `Storm Shadow-raketten`: a name that qualifies a noun is a make or a model.
  const next = tokens[b];
  return next !== undefined && /^[-\u2010\u2011]$/.test(next.gapBefore) && !isCapitalised(next.text);
}

export const HEADING_LENGTH = 120;

/** A line without a full stop, short enough to be a heading or a caption. */
export function isHeading(text: string, start: number, end: number): boolean {
  // Bounded, so that a text of one long line is not read again for every name on it.
  let from = start;
  while (from > 0 && text[from - 1] !== '\n') if (start - --from > HEADING_LENGTH) return false;
  let to = end;
  while (to < text.length && text[to] !== '\n') if (++to - from > HEADING_LENGTH) return false;
  const line = text.slice(from, to).trim();
  return !/[.!?:;"”’)]$/.test(line) && line.split(/\s+/).length <= 10;
}

export function isQuoted(tokens: Token[], a: number, b: number): boolean {
  const open = /["“‘„«']\s*$/.test(tokens[a]!.gapBefore);
  const close = /^\s*["”’»']/.test(tokens[b]?.gapBefore ?? '');
  return open && close;
}

const isInflected = (token: Token | undefined) => token !== undefined && /^\p{L}\p{Ll}+e$/u.test(token.text);

/** A role noun at token `r`, or a hyphenated compound ending in one: `oud-minister`, `VN-gezant`. */
function isRoleAt(tokens: Token[], r: number): boolean {
  let end = r;
  while (tokens[end + 1] && /^[-\u2010\u2011]$/.test(tokens[end + 1]!.gapBefore)) end += 1;
  return isRole(tokens[r]!.key) || (end > r && isRole(tokens[end]!.key));
}

export function isRole(key: string): boolean {
  return isSingularRole(key) || pluralStems(key).some(isSingularRole);
}

/** A role noun in the singular: in a run of capitals a plural look-alike is a surname (`Broers`, `Vaders`). */
export function isTitleWord(key: string): boolean {
  return isSingularRole(key);
}

function isSingularRole(key: string): boolean {
  return PERSON_ROLES.has(key) || PERSON_ROLE_ENDINGS.some((ending) => key.length > ending.length + 2 && key.endsWith(ending));
}

/**
 * What a Dutch plural may be the plural of: `generaals`, `deskundigen`, `kopstukken` (a doubled consonant),
 * `advocaten` (a long vowel written once in the open syllable).
 */
function pluralStems(key: string): string[] {
  if (key.length < 5) return [];
  if (key.endsWith("'s")) return [key.slice(0, -2)];
  if (key.endsWith('s')) return [key.slice(0, -1)];
  if (!key.endsWith('en')) return [];
  const stem = key.slice(0, -2);
  const stems = [stem, key.slice(0, -1)];
  if (/(.)\1$/.test(stem)) stems.push(stem.slice(0, -1));
  if (/[^aeiou][aeiou][^aeiou]$/.test(stem)) stems.push(stem.slice(0, -1) + stem.slice(-2));
  return stems;
}

/** `X, een van de meest gezochte mannen`, `X, een van de leiders van …`: one of a group of people. */
function isOneOfPeople(tokens: Token[], b: number): boolean {
  const words = ['een', 'van', 'de'];
  for (let k = 0; k < words.length; k++) {
    const t = tokens[b + k];
    if (!t || t.key !== words[k] || (k > 0 && t.gapBefore.trim() !== '')) return false;
  }
  for (let r = b + 3; r < Math.min(tokens.length, b + 7) && tokens[r]!.gapBefore.trim() === ''; r++) {
    if (isRole(tokens[r]!.key) || PERSON_NOUNS.has(tokens[r]!.key)) return true;
  }
  return false;
}

export function isSentenceStart(tokens: Token[], i: number): boolean {
  return i === 0 || isSentenceBreak(tokens[i]!.gapBefore) || /["“‘„«(]\s*$/.test(tokens[i]!.gapBefore) || afterDateline(tokens, i);
}


export function previousWord(tokens: Token[], i: number): number {
  return i <= 0 || isSentenceBreak(tokens[i]!.gapBefore) ? -1 : i - 1;
}

/** `isCapitalised`, without a string made for each ASCII word. */
export function capital(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return isCapitalised(word);
}

import {
  ADJECTIVE_PREFIXES,
  BODY_WORDS,
  isMediaDescriptor,
  isPortfolio,
  NAME_PARTICLES,
  NON_ACTOR_DESCRIPTORS,
  ORGANIZATION_HEADS,
  ORGANIZATION_PARTICLES,
  PLACE_PREPOSITIONS,
  SENTENCE_OPENERS,
} from './provisional-cues.js';
import {
  ADJECTIVE,
  appositionBefore,
  bracketAfter,
  capital,
  cueAfter,
  cueBefore,
  DEMONYM,
  descriptorKind,
  descriptorOf,
  fitsInitials,
  HEAD,
  headEnding,
  isAppositionOfKnown,
  isHead,
  isHeading,
  isKnownAs,
  isListedWithPerson,
  isNonActorName,
  isOpeningDescriptor,
  isQuoted,
  isRole,
  isSentenceStart,
  isTitleWord,
  KNOWN,
  organizationKind,
  PERSON,
  previousWord,
  SHAPE,
  SPEECH,
  STRONG,
  type Cue,
  type KnownTokens,
} from './provisional-context.js';
import { isPersonShape, isVariantOfKnownPerson, push, type ProvisionalLexicon } from './provisional-names.js';
import { isCommonWord } from './common-words.js';
import { slugOf } from './states.js';
import { isAllCaps, isCapitalised, isNameGap, isSentenceBreak, type Token } from './text.js';
import type { ActorKind, LinkedMention, ProvisionalActor } from './types.js';

/*
 * People and organisations named in full that the knowledge base lacks, read from the words around them as an
 * annotator would: a descriptor before the name (`Afghanistanspecialist X`), an apposition after it (`X,
 * hoogleraar`, `X (42)`), a verb of saying, the head word of an organisation's name, an acronym in brackets.
 * A name without any of these is left to the curators (see `unlinked`), unless it opens with a first name of
 * someone the knowledge base knows.
 */

export interface ProvisionalFinding {
  actors: ProvisionalActor[];
  /** Token ranges of every provisional mention, so that the curators' list leaves them out. */
  spans: { start: number; end: number }[];
}

// A surname or an acronym alone is a little less sure than the name in full.
const SHORT_FORM = 0.05;

interface Mention {
  start: number;
  end: number;
  confidence: number;
}

interface Group {
  kind: ActorKind;
  /** Folded words of the fullest name, particles included. */
  words: string[];
  name: string;
  description: string | null;
  mentions: Mention[];
  /** The folded words of each short form a later mention may take: the surnames, or the acronym. */
  short: string[][];
  accepted: boolean;
  /** The highest confidence of its mentions in full. */
  confidence: number;
}

/** The groups of one text, indexed by the last word of their names and by their short forms (texts can be long). */
class Groups {
  readonly list: Group[] = [];
  private readonly byLast = new Map<string, Group[]>();
  readonly byShort = new Map<string, Group[]>();

  find(kind: ActorKind, words: string[]): Group | undefined {
    return this.byLast.get(words[words.length - 1]!)?.find((g) => g.kind === kind && sameName(g.words, words));
  }

  add(group: Group): void {
    this.list.push(group);
    push(this.byLast, group.words[group.words.length - 1]!, group);
    this.indexShort(group);
  }

  indexShort(group: Group): void {
    for (const words of group.short) {
      const key = words.join(' ');
      if (!this.byShort.get(key)?.includes(group)) push(this.byShort, key, group);
    }
  }
}

/** The provisional actors of one text; nothing here overlaps a name the knowledge base matched. */
export function findProvisional(
  text: string,
  tokens: Token[],
  matched: KnownTokens,
  lexicon: ProvisionalLexicon,
): ProvisionalFinding {
  const found = runs(tokens, matched);
  // Every full name is a run of two capitalised words or more, or a word with an organisation's head.
  const oneWord = (t: Token, i: number) =>
    i > 0 &&
    capital(t.text) &&
    (matched[i]! & KNOWN) === 0 &&
    (headEnding(t.key) !== undefined || /^[-\u2010\u2011]$/.test(tokens[i + 1]?.gapBefore ?? '') || descriptorOf(tokens[i - 1]!.key) !== null);
  if (found.length === 0 && !tokens.some(oneWord)) return { actors: [], spans: [] };
  const known = (i: number) => (matched[i]! & KNOWN) !== 0;
  const groups = new Groups();
  const claimed = new Set<number>();
  for (const [start, end] of found) {
    // `Van der Sluys` opening a sentence: a surname with particles, before any opener is cut off.
    if (joinShortForm(groups, tokens, start, end)) {
      for (let i = start; i < end; i++) claimed.add(i);
      continue;
    }
    for (const [a, b] of segments(tokens, start, end)) {
      if (joinShortForm(groups, tokens, a, b)) {
        for (let i = a; i < b; i++) claimed.add(i);
        continue;
      }
      const found = classify(text, tokens, a, b, matched, lexicon) ?? headBeforePlace(tokens, matched, a, b);
      if (!found) continue;
      const nameSpan = found.kind === 'PERSON' ? ([a, b] as const) : fullNameSpan(tokens, matched, a, b);
      addFull(groups, tokens, a, b, text, found, nameSpan);
      for (let i = a; i < b; i++) claimed.add(i);
    }
  }
  for (const [a, b] of oneWordOrganizations(tokens, matched, claimed)) {
    const kind = organizationKind(tokens, a, a + 1) ?? 'ORGANIZATION';
    const found = { kind, cue: { kind: 'organization' as const, confidence: HEAD, description: null }, acronym: null, accepted: true };
    addFull(groups, tokens, a, b, text, found, fullNameSpan(tokens, matched, a, b));
    for (let i = a; i < b; i++) claimed.add(i);
  }
  for (const [a, b, kind] of describedWords(tokens, matched, claimed)) {
    const description = tokens[a - 1]!.text;
    // A name of one word is its own short form: later `Total` alone is the same company.
    const acronym = b === a + 1 ? tokens[a]!.key : null;
    addFull(groups, tokens, a, b, text, { kind, cue: { kind: 'organization', confidence: STRONG, description }, acronym, accepted: true });
    for (let i = a; i < b; i++) claimed.add(i);
  }
  joinLoneShortForms(groups, tokens, known, claimed);
  if (joinNicknames(groups, tokens, known, claimed)) joinLoneShortForms(groups, tokens, known, claimed);
  acceptListedPeople(groups, tokens);

  const actors: ProvisionalActor[] = [];
  const spans: ProvisionalFinding['spans'] = [];
  for (const group of groups.list) {
    // A single letter names no one: `R` of `R.Politik`, which the tokenizer splits at the full stop.
    if (!group.accepted || group.name.replace(/[^\p{L}\p{N}]/gu, '').length < 2) continue;
    const mentions = group.mentions.sort((x, y) => x.start - y.start);
    actors.push({
      key: slugOf(group.name),
      name: group.name,
      kind: group.kind,
      description: group.description,
      mentions: mentions.map((m): LinkedMention => {
        const [s, e] = [tokens[m.start]!.start, tokens[m.end - 1]!.end];
        return { start: s, end: e, text: text.slice(s, e), method: 'RULE', confidence: m.confidence };
      }),
    });
    spans.push(...mentions.map((m) => ({ start: m.start, end: m.end })));
  }
  return { actors: mergeSameKey(actors), spans };
}

/**
 * Runs of two or more capitalised words no knowledge-base name covers, with particles inside, in one sentence.
 * (A lone word is a name in full of no one; lone surnames and acronyms are joined later.)
 */
function runs(tokens: Token[], matched: KnownTokens): [number, number][] {
  const found: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if ((matched[i]! & KNOWN) !== 0 || !capital(tokens[i]!.text)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < tokens.length && (matched[end]! & KNOWN) === 0) {
      const next = tokens[end]!;
      if (!capital(next.text) && !NAME_PARTICLES.has(next.text) && !ORGANIZATION_PARTICLES.has(next.text) && !isGivenNameSyllable(tokens, end)) break;
      if (!isNameGap(next.gapBefore)) break;
      end += 1;
    }
    while (end > i + 1 && !capital(tokens[end - 1]!.text) && !isGivenNameSyllable(tokens, end - 1)) end -= 1;
    if (end > i + 1) found.push([i, end]);
    i = end;
  }
  return found;
}

/** A syllable of Chinese or Korean romanisation: an initial, one to three vowels, and `n`, `ng` or `r`. */
const ROMANISED_SYLLABLE = /^(?:ch|sh|zh|ts|hs|[bcdfghjklmnpqrstwxyz])?[aeiouü]{1,3}(?:ng|n|r)?$/;

/**
 * `Yu-ting` of `Lin Yu-ting`, `Ing-wen` of `Tsai Ing-wen`: a lower-case syllable joined by a hyphen to a short
 * capitalised one, itself after another capitalised word, is the second half of a romanised given name, not a
 * noun that a name qualifies (`Storm Shadow-raketten`). A common Dutch word (`-man`) is not one.
 */
function isGivenNameSyllable(tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  const before = tokens[i - 1];
  const first = tokens[i - 2];
  return (
    before !== undefined &&
    first !== undefined &&
    /^[-\u2010\u2011]$/.test(token.gapBefore) &&
    ROMANISED_SYLLABLE.test(token.text) &&
    !isCommonWord(token.key) &&
    capital(before.text) &&
    before.text.length <= 5 &&
    !/^[-\u2010\u2011]$/.test(tokens[i + 1]?.gapBefore ?? '') &&
    capital(first.text) &&
    isNameGap(before.gapBefore) &&
    !/^[-\u2010\u2011]$/.test(before.gapBefore)
  );
}

/**
 * The names inside a run: titles, portfolios and sentence openers before a name are cut off (`Minister van
 * Defensie X`, `Tweede Kamer X`), and `en` parts two names unless an organisation's name holds it.
 */
function segments(tokens: Token[], start: number, end: number): [number, number][] {
  let a = start;
  // `minister van Informatie- en Communicatietechnologie X`: the role before the run, its portfolio inside it.
  let role = cueBefore('', tokens, start).kind === 'person';
  let prefix = true;
  for (let i = start; i < end; i++) {
    const key = tokens[i]!.key;
    const opener = i === start && isSentenceStart(tokens, i) && (SENTENCE_OPENERS.has(key) || isOpeningDescriptor(tokens, i));
    const title = isTitleWord(key);
    // `Oud-Dutchbatter X`: a former role, whatever the noun.
    const former = (key === 'oud' || key === 'ex') && i + 1 < end && /^[-\u2010\u2011]$/.test(tokens[i + 1]!.gapBefore);
    role ||= title || former;
    if (former) {
      a = i + 2;
      i += 1;
    } else if (opener || title || BODY_WORDS.has(key) || (role && prefix && isPortfolio(key))) a = i + 1;
    else if (capital(tokens[i]!.text)) prefix = false;
  }
  while (a < end && !isCapitalised(tokens[a]!.text)) a += 1;
  if (a >= end) return [];
  // `Leden van de Partij voor …` opening a sentence: a noun capitalised by its place, then the organisation.
  if (a === start && isSentenceStart(tokens, a) && !isHead(tokens[a]!.key)) {
    let p = a + 1;
    while (p < end && !capital(tokens[p]!.text)) p += 1;
    if (p > a + 1 && p < end && organizationKind(tokens, p, end) !== null) a = p;
  }
  const parts: [number, number][] = [];
  let from = a;
  let head = false;
  for (let i = a; i < end; i++) {
    const key = tokens[i]!.key;
    if ((key === 'en' || key === 'and' || key === 'of') && !head) {
      parts.push([from, i]);
      from = i + 1;
    } else if (capital(tokens[i]!.text) && isHead(key)) {
      head = true;
    }
  }
  parts.push([from, end]);
  return parts
    .flatMap(([s, e]) => withoutAffiliation(tokens, s, e))
    .map(([s, e]): [number, number] => {
      while (s < e && !isCapitalised(tokens[s]!.text)) s += 1;
      while (e > s && !isCapitalised(tokens[e - 1]!.text) && !isGivenNameSyllable(tokens, e - 1)) e -= 1;
      return [s, e];
    })
    .filter(([s, e]) => e > s);
}

const PERSON_WORDS_AT_MOST = 6;

/**
 * A person followed by where they work is two names: `Carla Mendoza van de Centrale Universiteit`, `X Y van het
 * Baker Institute`. The person's part is two capitalised words or more without a head word of an organisation;
 * after `van`, an organisation's name (by its head word), or particles no surname has (`van het`).
 */
function withoutAffiliation(tokens: Token[], s: number, e: number): [number, number][] {
  // A person's name is a few words: looking no further keeps a long run of capitals linear.
  for (let i = s + 2; i < Math.min(e, s + PERSON_WORDS_AT_MOST + 1); i++) {
    if (tokens[i]!.key !== 'van' || !capital(tokens[i - 1]!.text)) continue;
    let q = i + 1;
    while (q < e && !capital(tokens[q]!.text)) q += 1;
    if (q >= e) break;
    // `het Instituut voor Ontwikkelingsbeleid van de Universiteit Antwerpen`: two organisations, each with its head.
    if (organizationKind(tokens, s, i) !== null && isHead(tokens[q]!.key)) return [[s, i], ...withoutAffiliation(tokens, q, e)];
    const person = tokens.slice(s, i).every((t) => !isHead(t.key)) && organizationKind(tokens, s, i) === null;
    // `van de Tufts-universiteit`: the head word of the affiliation joined by a hyphen, in lower case.
    const joinedHead = e < tokens.length && /^[-\u2010\u2011]$/.test(tokens[e]!.gapBefore) && isHead(tokens[e]!.key);
    const affiliation = organizationKind(tokens, q, e) !== null || joinedHead || tokens.slice(i + 1, q).some((t) => t.key === 'het');
    if (person && affiliation) return [[s, i], ...withoutAffiliation(tokens, q, e)];
  }
  return [[s, e]];
}

interface Found {
  kind: ActorKind;
  cue: Cue;
  /** Folded words of a later short form: an acronym given in brackets. */
  acronym: string | null;
}

/** Whether [a, b) names a person or an organisation the text says it is; null when it is no actor or unclear. */
function classify(
  text: string,
  tokens: Token[],
  a: number,
  b: number,
  matched: KnownTokens,
  lexicon: ProvisionalLexicon,
): (Found & { accepted: boolean }) | null {
  const known = (i: number) => (matched[i]! & KNOWN) !== 0;
  const words = spaced(tokens, a, b);
  if (words.length < 2) return null;
  if (isHeading(text, tokens[a]!.start, tokens[b - 1]!.end)) return null;
  // A word that ends as a Dutch compound of a place or a day (`Bozdag`) is a surname after a role or an age.
  if (isNonActorName(tokens, a, b) && (isNonActorName(tokens, a, b, false) || cueBefore(text, tokens, a).kind !== 'person')) return null;
  if (isQuoted(tokens, a, b)) return null;
  if (isPseudonym(tokens, a, b)) return null;

  const prev = previousWord(tokens, a);
  const prevKey = prev >= 0 ? tokens[prev]!.key : '';
  if (prev === a - 1 && PLACE_PREPOSITIONS.has(prevKey)) return null;
  // `de krant X`, not `… de conferentie, X`: a comma ends what the noun describes.
  // A compound of a medium's noun is one too: `de staatskrant X`, `de nieuwszender X`.
  if (prev >= 0 && (NON_ACTOR_DESCRIPTORS.has(prevKey) || isMediaDescriptor(prevKey)) && !tokens[a]!.gapBefore.includes(',')) return null;

  // The acronym may follow a state the name ends with: `Beweging voor de Wedergeboorte van Kameroen (MRC)`.
  const bracket = bracketAfter(tokens, b) ?? bracketAfter(tokens, fullNameSpan(tokens, matched, a, b)[1]);
  const before = cueBefore(text, tokens, a);
  const after = cueAfter(text, tokens, b);
  const initials = bracket !== null && fitsInitials(tokens[bracket]!.text, tokens, a, bracket);
  const headed = organizationKind(tokens, a, b);
  // `Bataljon voor Snelle Interventie (BIR)`: a name put into Dutch keeps the acronym of its own language.
  const acronym = (initials || (bracket !== null && headed !== null)) && !known(bracket!);
  const orgKind = headed ?? descriptorKind(before) ?? (initials ? 'ORGANIZATION' : null);
  if (orgKind) {
    // `Ta'ang Nationaal Bevrijdingsleger (TNLA)`, `de Asean, de Associatie van …`: an organisation the knowledge
    // base knows, by another name; left to the curators as a name to add.
    if ((bracket !== null && known(bracket)) || isAppositionOfKnown(tokens, a, known) || isKnownAs(tokens, b, matched)) return null;
    const confidence = before.kind === 'organization' || before.kind === 'armed' || acronym ? STRONG : HEAD;
    const description = before.kind === 'organization' || before.kind === 'armed' ? before.description : null;
    return {
      kind: orgKind,
      cue: { kind: 'organization', confidence, description },
      acronym: acronym ? tokens[bracket!]!.key : null,
      accepted: true,
    };
  }

  // `voorzitter van de Associatie van … (ASEAN)`: a name spelled out before an acronym the knowledge base knows is
  // that actor's, never a person's.
  if (bracket !== null && known(bracket)) return null;
  if (!isPersonShape(tokens, a, b, words, lexicon.firstNames)) return null;
  if (isVariantOfKnownPerson(tokens, words, b, lexicon)) return null;
  const glued = prev === a - 1 && known(prev) && /^[ \u00a0]+$/.test(tokens[a]!.gapBefore);
  const nationality: Cue | null = glued && (matched[prev]! & DEMONYM) !== 0 ? { kind: 'person', confidence: STRONG, description: tokens[prev]!.text } : null;
  // `toen Poetin Jan Jansen …`: a name glued to a known one is no new person unless the known one says who it is,
  // or the known one is a body in the title before it (`de voorzitter van de Tweede Kamer Jan Jansen`).
  const ofBody = glued && (matched[prev]! & PERSON) === 0 ? roleOfKnownBody(text, tokens, prev, known) : null;
  const titledAfterBody = (before.kind === 'person' && (matched[prev]! & PERSON) === 0) || ofBody !== null;
  if (glued && !nationality && after.kind !== 'person' && !titledAfterBody) return null;

  const listed: Cue | null = isListedWithPerson(tokens, a, matched) ? { kind: 'person', confidence: SPEECH, description: null } : null;
  const apposition = before.kind === 'none' ? appositionBefore(text, tokens, a, b) : null;
  const cues = [before, after, nationality, listed, apposition, ofBody].filter((c): c is Cue => c !== null && (c.kind === 'person' || c.kind === 'actor'));
  const best = cues.sort((x, y) => y.confidence - x.confidence)[0];
  const firstName = lexicon.firstNames.has(tokens[words[0]!]!.key);
  const cue = best ?? { kind: 'none', confidence: SHAPE, description: null };
  const description = [before, after, nationality, apposition, ofBody].find((c) => c && c.description !== null)?.description ?? null;
  return { kind: 'PERSON', cue: { ...cue, description }, acronym: null, accepted: best !== undefined || firstName };
}

/** `een student die zich Ah Lok noemt`: a name someone goes by, which an annotator does not take for a person. */
function isPseudonym(tokens: Token[], a: number, b: number): boolean {
  const prev = previousWord(tokens, a);
  const next = tokens[b];
  return prev >= 0 && tokens[prev]!.key === 'zich' && next !== undefined && !isSentenceBreak(next.gapBefore) && ['noemt', 'noemde', 'noemen', 'laat'].includes(next.key);
}

/**
 * `Voorzitter van de AU-commissie X`: a role of a body the knowledge base knows, the name right after the body's
 * name. `last` is the body's last token; its name is read back to its first, then `van (de|het)` and the role.
 */
function roleOfKnownBody(text: string, tokens: Token[], last: number, known: (i: number) => boolean): Cue | null {
  let first = last;
  while (first > 0 && known(first - 1) && isNameGap(tokens[first]!.gapBefore)) first -= 1;
  let j = previousWord(tokens, first);
  if (j >= 0 && ['de', 'het', 'der'].includes(tokens[j]!.key)) j = previousWord(tokens, j);
  if (j < 0 || tokens[j]!.key !== 'van') return null;
  const role = previousWord(tokens, j);
  if (role < 0 || !isRole(tokens[role]!.key)) return null;
  const description = text.slice(tokens[role]!.start, tokens[last]!.end).replace(/\s+/g, ' ');
  return { kind: 'person', confidence: STRONG, description: isCapitalised(tokens[role]!.text) ? description[0]!.toLowerCase() + description.slice(1) : description };
}

/**
 * The full name of an organisation whose run of capitals a name of the knowledge base has cut: a state's adjective
 * before it (`Servische Progressieve Partij`), a place or a state after it (`Rode Halve Maan van Kirgizië`,
 * `Universiteit Antwerpen`). The mention stays the run, so that the known words keep their own link.
 */
function fullNameSpan(tokens: Token[], matched: KnownTokens, a: number, b: number): readonly [number, number] {
  let start = a;
  const prev = a - 1;
  // `het Bahreins Centrum voor …` as `de Syrische Commissie …`: the adjective, inflected or not, opens the name.
  if (prev >= 0 && (matched[prev]! & ADJECTIVE) !== 0 && capital(tokens[prev]!.text) && /^[ \u00a0]+$/.test(tokens[a]!.gapBefore)) {
    start = prev;
    // `de Inter-Amerikaanse Raad voor …`: a prefix joined to the adjective is part of the name too.
    if (start > 0 && /^[-\u2010\u2011]$/.test(tokens[start]!.gapBefore) && capital(tokens[start - 1]!.text) && ADJECTIVE_PREFIXES.has(tokens[start - 1]!.key)) start -= 1;
  }
  let j = b;
  while (j < tokens.length && j < b + 2 && ['van', 'de', 'het', 'der', 'of'].includes(tokens[j]!.key) && isNameGap(tokens[j]!.gapBefore)) j += 1;
  const knownName = (i: number) => i < tokens.length && (matched[i]! & KNOWN) !== 0 && (matched[i]! & PERSON) === 0 && capital(tokens[i]!.text) && isNameGap(tokens[i]!.gapBefore);
  // `Reserve Bank of Zimbabwe`: English names take `of` where Dutch ones take `van`.
  if (!knownName(j) || (j > b && tokens[b]!.key !== 'van' && tokens[b]!.key !== 'of')) return [start, b];
  let end = j + 1;
  // `van Iraans Koerdistan`: the known words and the capitalised words that go on with them.
  while (end < tokens.length && (matched[end]! & PERSON) === 0 && capital(tokens[end]!.text) && isNameGap(tokens[end]!.gapBefore)) end += 1;
  return [start, end];
}

/** `Universiteit Antwerpen`, `Rijksuniversiteit van Groningen`: a head word alone, before the place it is of. */
function headBeforePlace(tokens: Token[], matched: KnownTokens, a: number, b: number): (Found & { accepted: boolean }) | null {
  if (b - a !== 1 || !isHead(tokens[a]!.key) || fullNameSpan(tokens, matched, a, b)[1] === b) return null;
  const kind = organizationKind(tokens, a, b) ?? 'ORGANIZATION';
  return { kind, cue: { kind: 'organization', confidence: HEAD, description: null }, acronym: null, accepted: true };
}

/** Stems of compounds that describe a body rather than name it: `Staatsuniversiteit`, `Oppositiepartij`. */
const INDEFINITES = ['een', 'geen', 'elke', 'iedere'];
const HYPHEN = /^[-\u2010\u2011]$/;
const GENERIC_STEMS = ['staats', 'rijks', 'regerings', 'oppositie', 'coalitie', 'hoofd', 'moeder', 'zuster', 'dochter', 'buur'];

/**
 * Names of one word that are an organisation's by their head: `de regerende Welvaartspartij`, `de Chinese
 * Volkspartij`, `de Hayastan-alliantie`. Not at the start of a sentence, where a capital marks nothing.
 */
function oneWordOrganizations(tokens: Token[], matched: KnownTokens, claimed: Set<number>): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (claimed.has(i) || (matched[i]! & KNOWN) !== 0 || !capital(token.text) || isAllCaps(token.text) || isSentenceStart(tokens, i)) continue;
    const next = tokens[i + 1];
    if (next && isNameGap(next.gapBefore) && capital(next.text)) continue;
    if (capital(tokens[i - 1]!.text) && isNameGap(token.gapBefore) && (matched[i - 1]! & ADJECTIVE) === 0) continue;
    // `een Hutu-militie` describes a kind of body, `de Hayastan-alliantie` names one.
    if (INDEFINITES.includes(tokens[i - 1]!.key)) continue;
    // `Hayastan-alliantie`: a name joined to the head noun that says what it is.
    const joined = next !== undefined && HYPHEN.test(next.gapBefore) && !capital(next.text) && ORGANIZATION_HEADS.has(next.key);
    if (joined) {
      found.push([i, i + 2]);
      i += 1;
      continue;
    }
    if (HYPHEN.test(token.gapBefore) || (next && HYPHEN.test(next.gapBefore))) continue;
    const named = fullNameSpan(tokens, matched, i, i + 1)[1] > i + 1;
    // `de Staatsuniversiteit`, `de Regeringspartij` alone describe a body; `Staatsuniversiteit van Haïti` names it.
    const generic = GENERIC_STEMS.some((stem) => token.key.startsWith(stem));
    if ((headEnding(token.key) !== undefined && (!generic || named)) || (ORGANIZATION_HEADS.has(token.key) && named)) {
      found.push([i, i + 1]);
    }
  }
  return found;
}

/**
 * Names of one word after a noun that says what they are: `het ontwikkelingsagentschap Enabel`, `de Turkse
 * wapenfabrikant Baykar`, `de veiligheidsdienst GKNB`. A name of more words is read by `classify`.
 */
function describedWords(tokens: Token[], matched: KnownTokens, claimed: Set<number>): [number, number, ActorKind][] {
  const found: [number, number, ActorKind][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (claimed.has(i) || (matched[i]! & KNOWN) !== 0 || !capital(token.text) || !/^[ \u00a0]+$/.test(token.gapBefore)) continue;
    const before = tokens[i - 1]!;
    if ((capital(before.text) && !isOpeningDescriptor(tokens, i - 1)) || (matched[i - 1]! & KNOWN) !== 0) continue;
    const next = tokens[i + 1];
    if (next && isNameGap(next.gapBefore) && (capital(next.text) || /^[-\u2010\u2011]$/.test(next.gapBefore))) continue;
    const kind = descriptorOf(before.key);
    if (!kind) continue;
    // `de mensenrechtenorganisatie Causa en Común`: words joined by a particle make one name.
    let end = i + 1;
    while (end + 1 < tokens.length && ['en', 'y', 'e', 'i', 'de', 'del', 'la'].includes(tokens[end]!.key) && /^[ \u00a0]+$/.test(tokens[end]!.gapBefore) && capital(tokens[end + 1]!.text) && /^[ \u00a0]+$/.test(tokens[end + 1]!.gapBefore)) end += 2;
    found.push([i, end, kind]);
    i = end - 1;
  }
  return found;
}

function addFull(
  groups: Groups,
  tokens: Token[],
  a: number,
  b: number,
  text: string,
  found: Found & { accepted: boolean },
  [nameStart, nameEnd]: readonly [number, number] = [a, b],
): void {
  const words = keys(tokens, nameStart, nameEnd);
  const name = text.slice(tokens[nameStart]!.start, tokens[nameEnd - 1]!.end).replace(/\s+/g, ' ');
  const confidence = found.cue.confidence;
  const same = groups.find(found.kind, words);
  if (same) {
    same.mentions.push({ start: a, end: b, confidence });
    same.accepted ||= found.accepted;
    same.description ??= found.cue.description;
    same.confidence = Math.max(same.confidence, confidence);
    if (words.length > same.words.length) {
      same.words = words;
      same.name = name;
      if (same.kind === 'PERSON') {
        same.short = surnamesOf(tokens, a, b);
        groups.indexShort(same);
      }
    }
    return;
  }
  const short = found.kind === 'PERSON' ? surnamesOf(tokens, a, b) : found.acronym ? [[found.acronym]] : [];
  const { description } = found.cue;
  groups.add({ kind: found.kind, words, name, description, mentions: [{ start: a, end: b, confidence }], short, accepted: found.accepted, confidence });
}

/**
 * `Ibrahim El Bakraoui en Najim Laachraoui`: a name of a person's shape listed with a person the text takes for one
 * (`en`, `of`, a comma) is a person too, though nothing else says so. Twice, for lists of three.
 */
function acceptListedPeople(groups: Groups, tokens: Token[]): void {
  const doubtful = groups.list.filter((g) => g.kind === 'PERSON' && !g.accepted);
  for (let round = 0; round < 2 && doubtful.some((g) => !g.accepted); round++) {
    const ends = new Set<number>();
    const starts = new Set<number>();
    for (const g of groups.list) {
      if (g.kind !== 'PERSON' || !g.accepted) continue;
      for (const m of g.mentions) [ends.add(m.end - 1), starts.add(m.start)];
    }
    const listed = (m: Mention) => {
      const prev = previousWord(tokens, m.start);
      const comma = tokens[m.start]!.gapBefore.trim() === ',';
      if (prev >= 0 && (comma ? ends.has(prev) : LIST_WORDS.has(tokens[prev]!.key) && ends.has(previousWord(tokens, prev)))) return true;
      const next = tokens[m.end];
      return next !== undefined && !isSentenceBreak(next.gapBefore) && LIST_WORDS.has(next.key) && starts.has(m.end + 1);
    };
    for (const g of doubtful) if (!g.accepted && g.mentions.some(listed)) g.accepted = true;
  }
}

const LIST_WORDS = new Set(['en', 'of']);

/** The one group whose short form `words` are, named in full before token `at`; null when none or several. */
function ownerOf(groups: Groups, words: string, at: number): Group | null {
  const owners = groups.byShort.get(words)?.filter((g) => g.mentions[0]!.start < at) ?? [];
  return owners.length === 1 ? owners[0]! : null;
}

/** A later run that is a known provisional person's surname (`Abu Hamad`) or organisation's acronym. */
function joinShortForm(groups: Groups, tokens: Token[], a: number, b: number): boolean {
  const owner = ownerOf(groups, keys(tokens, a, b).join(' '), a);
  if (owner) addShort(owner, tokens, a, b);
  return owner !== null;
}

/** Single-word surnames and acronyms after the full name: `Jansen zei`. */
function joinLoneShortForms(groups: Groups, tokens: Token[], known: (i: number) => boolean, claimed: Set<number>): void {
  if (groups.byShort.size === 0) return;
  // `Jansen` inside `Piet Jansen`, someone else, is no short form of Jan Jansen; `Volgens Jansen` is.
  const nameWord = (j: number) =>
    isCapitalised(tokens[j]!.text) &&
    !known(j) &&
    !isRole(tokens[j]!.key) &&
    !(isSentenceStart(tokens, j) && SENTENCE_OPENERS.has(tokens[j]!.key));
  for (let i = 0; i < tokens.length; i++) {
    if (!groups.byShort.has(tokens[i]!.key) || claimed.has(i) || known(i) || !isCapitalised(tokens[i]!.text)) continue;
    const owner = ownerOf(groups, tokens[i]!.key, i);
    if (!owner) continue;
    if (i > 0 && isNameGap(tokens[i]!.gapBefore) && nameWord(i - 1)) continue;
    if (i + 1 < tokens.length && isNameGap(tokens[i + 1]!.gapBefore) && nameWord(i + 1)) continue;
    addShort(owner, tokens, i, i + 1);
    claimed.add(i);
  }
}

/** Words that introduce the name a person goes by: `X, alias 'Gabino'`, `X, die bekendstond als 'Mocho Kiko'`. */
const NICKNAME_WORDS = new Set(['alias', 'bijgenaamd', 'bijnaam']);
const KNOWN_AS = new Set(['bekend', 'bekendstond', 'bekendstaat', 'bekendstaan', 'bekendstonden']);
const QUOTE = /['‘’"“”]/;

/**
 * `Nicolás Rodríguez Bautista, alias 'Gabino'`, `Rojas, die … bekendstond als 'Mocho Kiko'`: the quoted name after
 * `alias`, `bijgenaamd` or `bekend(stond) als` in the sentence of a person named before it is a mention of that
 * person, and a short form later mentions may take. Whether any was joined.
 */
function joinNicknames(groups: Groups, tokens: Token[], known: (i: number) => boolean, claimed: Set<number>): boolean {
  const people = groups.list.filter((g) => g.kind === 'PERSON' && g.accepted);
  if (people.length === 0) return false;
  let joined = false;
  for (let i = 1; i < tokens.length - 1; i++) {
    const key = tokens[i]!.key;
    const cue = NICKNAME_WORDS.has(key) || (key === 'als' && KNOWN_AS.has(tokens[i - 1]!.key));
    if (!cue) continue;
    const a = i + 1;
    const quoted = QUOTE.test(tokens[a]!.gapBefore);
    let b = a;
    while (b < tokens.length && b < a + 3 && isCapitalised(tokens[b]!.text) && !known(b) && !claimed.has(b) && (b === a || isNameGap(tokens[b]!.gapBefore))) b += 1;
    if (b === a || (!quoted && NICKNAME_WORDS.has(key) === false)) continue;
    // The person: the last mention that ends before the cue in the same sentence.
    let owner: Group | null = null;
    let at = -1;
    for (const g of people) {
      for (const m of g.mentions) {
        if (m.end > i || m.end <= at) continue;
        let broken = false;
        for (let k = m.end; k <= i && !broken; k++) broken = isSentenceBreak(tokens[k]!.gapBefore);
        if (!broken) [owner, at] = [g, m.end];
      }
    }
    if (!owner) continue;
    owner.mentions.push({ start: a, end: b, confidence: round(owner.confidence - SHORT_FORM) });
    for (let k = a; k < b; k++) claimed.add(k);
    if (b === a + 1) {
      owner.short.push([tokens[a]!.key]);
      groups.indexShort(owner);
    }
    joined = true;
  }
  return joined;
}

function addShort(group: Group, tokens: Token[], a: number, b: number): void {
  const before = cueBefore('', tokens, a);
  const after = cueAfter('', tokens, b);
  // A role given with the surname (`woordvoerder Jansen`) says who the person is; a verb of saying alone does
  // not tell a public person from a private one, whom an annotator leaves out.
  const confirmed = group.kind === 'PERSON' && [before, after].some((c) => c.kind === 'person');
  group.accepted ||= confirmed;
  const confidence = round(Math.max(group.confidence, confirmed ? STRONG : 0) - SHORT_FORM);
  group.mentions.push({ start: a, end: b, confidence });
}

/** Indexes of the first token of each word of [a, b): hyphenated parts (`Al-Anad`) make one word. */
function spaced(tokens: Token[], a: number, b: number): number[] {
  const words: number[] = [];
  for (let i = a; i < b; i++) if (i === a || !/^[-\u2010\u2011\u2013]$/.test(tokens[i]!.gapBefore)) words.push(i);
  return words;
}

function keys(tokens: Token[], a: number, b: number): string[] {
  return tokens.slice(a, b).map((t) => t.key);
}

/**
 * The words after the first name (`van der Berg` of `Jan van der Berg`, `Abu Hamad` of `Samira Abu Hamad`,
 * `Jean-Baptiste` of `Pierre-Richard Jean-Baptiste`: a hyphenated first name is one word), and each shorter run
 * of them to the end that no particle opens or follows: `Sison` of `José Maria Sison`, `López Obrador` and
 * `Obrador` of `Andrés Manuel López Obrador`; never `Berg` of `Jan van der Berg`.
 */
function surnamesOf(tokens: Token[], a: number, b: number): string[][] {
  const spacedWords = spaced(tokens, a, b);
  const [, first = b, ...later] = spacedWords;
  const starts = [first, ...later.filter((i) => !NAME_PARTICLES.has(tokens[i]!.key) && !NAME_PARTICLES.has(tokens[i - 1]!.key))];
  const short = starts.map((i) => keys(tokens, i, b));
  const paternal = paternalSurname(tokens, spacedWords, b);
  if (paternal) return [...short, [paternal]];
  // `Lin` of `Lin Yu-ting`: a romanised Chinese or Korean name puts the family name first.
  if (spacedWords.length === 2 && isGivenNameSyllable(tokens, b - 1)) return [...short, [tokens[a]!.key]];
  return short;
}

/**
 * `Rojas` of `José Aldemar Rojas Rodríguez`, `López` of `Andrés Manuel López Obrador`: a name of four words or more
 * without particles is two given names and two surnames, as in Spanish and Portuguese, and the first surname
 * alone names the person. The word must be one token of four letters or more.
 */
function paternalSurname(tokens: Token[], words: number[], b: number): string | null {
  if (words.length < 4 || words.some((i) => NAME_PARTICLES.has(tokens[i]!.key))) return null;
  const i = words[words.length - 2]!;
  const single = words[words.length - 1] === i + 1;
  return single && tokens[i]!.key.length >= 4 ? tokens[i]!.key : null;
}

/** `Jan Jansen` and `Jan Peter Jansen`: the same last word, and the shorter name's words in order in the longer one. */
function sameName(x: string[], y: string[]): boolean {
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let k = 0;
  for (const word of long) if (word === short[k]) k += 1;
  return k === short.length && short[0] === long[0];
}

/** Two groups that end on the same key (a person and an organisation of the same name) are one actor. */
function mergeSameKey(actors: ProvisionalActor[]): ProvisionalActor[] {
  const byKey = new Map<string, ProvisionalActor>();
  for (const actor of actors) {
    const same = byKey.get(actor.key);
    if (!same) byKey.set(actor.key, actor);
    else same.mentions = [...same.mentions, ...actor.mentions].sort((x, y) => x.start - y.start);
  }
  return [...byKey.values()];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

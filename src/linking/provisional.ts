import {
  ARMED_STEMS,
  BODY_WORDS,
  CALENDAR_WORDS,
  NAME_PARTICLES,
  NON_ACTOR_DESCRIPTORS,
  NON_ACTOR_ENDINGS,
  NON_ACTOR_WORDS,
  ORGANIZATION_DESCRIPTORS,
  ORGANIZATION_HEAD_ENDINGS,
  ORGANIZATION_HEADS,
  ORGANIZATION_PARTICLES,
  PERSON_ROLE_ENDINGS,
  PERSON_ROLES,
  PLACE_PREPOSITIONS,
  SENTENCE_OPENERS,
  SPEECH_VERBS,
} from './provisional-cues.js';
import { slugOf } from './states.js';
import { foldKey, isAllCaps, isCapitalised, isNameGap, isSentenceBreak, type Token } from './text.js';
import type { ActorKind, KnowledgeBase, LinkedMention, ProvisionalActor } from './types.js';

/*
 * People and organisations named in full that the knowledge base lacks, read from the words around them as an
 * annotator would: a descriptor before the name (`Afghanistanspecialist X`), an apposition after it (`X,
 * hoogleraar`, `X (42)`), a verb of saying, the head word of an organisation's name, an acronym in brackets.
 * A name without any of these is left to the curators (see `unlinked`), unless it opens with a first name of
 * someone the knowledge base knows.
 */

/** What the rules need of the knowledge base, built once. */
export interface ProvisionalLexicon {
  /** First words of the names of the knowledge base's people (`vladimir`), folded. */
  firstNames: Set<string>;
  /** Skeletons (`skeleton`) of the first and last words of the knowledge base's people, each way round. */
  lastsByFirst: Map<string, string[]>;
  firstsByLast: Map<string, string[]>;
}

export interface ProvisionalFinding {
  actors: ProvisionalActor[];
  /** Token ranges of every provisional mention, so that the curators' list leaves them out. */
  spans: { start: number; end: number }[];
}

// Calibrated by cue: a descriptor or an apposition says outright who the name is; a verb of saying that an
// actor speaks; a known first name only that the words look like a person's name.
const STRONG = 0.85;
const HEAD = 0.8;
const SPEECH = 0.75;
const SHAPE = 0.6;
const SHORT_FORM = 0.05;

const COMPASS = new Set(['noord', 'zuid', 'oost', 'west', 'noordoost', 'noordwest', 'zuidoost', 'zuidwest', 'midden', 'centraal']);

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

const NON_WORD = /[^\p{L}\p{N}'’]+/u;

interface Cue {
  kind: 'person' | 'organization' | 'armed' | 'actor' | 'none';
  confidence: number;
  description: string | null;
}

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
  /** Folded words a later short mention is made of: the surname, or the acronym. */
  short: string[] | null;
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
    if (group.short) push(this.byShort, group.short.join(' '), group);
  }
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

/** The provisional actors of one text; nothing here overlaps a name the knowledge base matched. */
export function findProvisional(
  text: string,
  tokens: Token[],
  matched: KnownTokens,
  lexicon: ProvisionalLexicon,
): ProvisionalFinding {
  const known = (i: number) => (matched[i]! & KNOWN) !== 0;
  const groups = new Groups();
  const claimed = new Set<number>();
  for (const [start, end] of runs(tokens, matched)) {
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
      const found = classify(text, tokens, a, b, matched, lexicon);
      if (!found) continue;
      addFull(groups, tokens, a, b, text, found);
      for (let i = a; i < b; i++) claimed.add(i);
    }
  }
  joinLoneShortForms(groups, tokens, known, claimed);

  const actors: ProvisionalActor[] = [];
  const spans: ProvisionalFinding['spans'] = [];
  for (const group of groups.list) {
    if (!group.accepted) continue;
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
      if (!capital(next.text) && !NAME_PARTICLES.has(next.text) && !ORGANIZATION_PARTICLES.has(next.text)) break;
      if (!isNameGap(next.gapBefore)) break;
      end += 1;
    }
    while (end > i + 1 && !capital(tokens[end - 1]!.text)) end -= 1;
    if (end > i + 1) found.push([i, end]);
    i = end;
  }
  return found;
}

/** `isCapitalised`, without a string made for each ASCII word. */
function capital(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return isCapitalised(word);
}

/**
 * The names inside a run: titles, portfolios and sentence openers before a name are cut off (`Minister van
 * Defensie X`, `Tweede Kamer X`), and `en` parts two names unless an organisation's name holds it.
 */
function segments(tokens: Token[], start: number, end: number): [number, number][] {
  let a = start;
  for (let i = start; i < end; i++) {
    const key = tokens[i]!.key;
    const opener = i === start && isSentenceStart(tokens, i) && SENTENCE_OPENERS.has(key);
    if (opener || isRole(key) || BODY_WORDS.has(key)) a = i + 1;
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
    .map(([s, e]): [number, number] => {
      while (s < e && !isCapitalised(tokens[s]!.text)) s += 1;
      while (e > s && !isCapitalised(tokens[e - 1]!.text)) e -= 1;
      return [s, e];
    })
    .filter(([s, e]) => e > s);
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
  if (isNonActorName(tokens, a, b) || isHeading(text, tokens[a]!.start, tokens[b - 1]!.end)) return null;
  if (isQuoted(tokens, a, b)) return null;

  const prev = previousWord(tokens, a);
  const prevKey = prev >= 0 ? tokens[prev]!.key : '';
  if (prev === a - 1 && PLACE_PREPOSITIONS.has(prevKey)) return null;
  if (prev >= 0 && NON_ACTOR_DESCRIPTORS.has(prevKey)) return null;

  const bracket = bracketAfter(tokens, b);
  const before = cueBefore(text, tokens, a);
  const after = cueAfter(text, tokens, b);
  const initials = bracket !== null && fitsInitials(tokens[bracket]!.text, tokens, a, b);
  const acronym = initials && !known(bracket!);
  const orgKind = organizationKind(tokens, a, b) ?? descriptorKind(before) ?? (initials ? 'ORGANIZATION' : null);
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

  if (!isPersonShape(tokens, a, b, words)) return null;
  if (isVariantOfKnownPerson(tokens, words, lexicon)) return null;
  const glued = prev === a - 1 && known(prev) && /^[ \u00a0]+$/.test(tokens[a]!.gapBefore);
  const nationality: Cue | null = glued && (matched[prev]! & DEMONYM) !== 0 ? { kind: 'person', confidence: STRONG, description: tokens[prev]!.text } : null;
  // `toen Poetin Jan Jansen …`: a name glued to a known one is no new person unless the known one says who it is.
  if (glued && !nationality && after.kind !== 'person') return null;

  const listed: Cue | null = isListedWithPerson(tokens, a, matched) ? { kind: 'person', confidence: SPEECH, description: null } : null;
  const cues = [before, after, nationality, listed].filter((c): c is Cue => c !== null && (c.kind === 'person' || c.kind === 'actor'));
  const best = cues.sort((x, y) => y.confidence - x.confidence)[0];
  const firstName = lexicon.firstNames.has(tokens[words[0]!]!.key);
  const cue = best ?? { kind: 'none', confidence: SHAPE, description: null };
  const description = [before, after, nationality].find((c) => c && c.description !== null)?.description ?? null;
  return { kind: 'PERSON', cue: { ...cue, description }, acronym: null, accepted: best !== undefined || firstName };
}

function addFull(groups: Groups, tokens: Token[], a: number, b: number, text: string, found: Found & { accepted: boolean }): void {
  const words = keys(tokens, a, b);
  const name = text.slice(tokens[a]!.start, tokens[b - 1]!.end).replace(/\s+/g, ' ');
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
        same.short = surnameOf(words);
        groups.indexShort(same);
      }
    }
    return;
  }
  const short = found.kind === 'PERSON' ? surnameOf(words) : found.acronym ? [found.acronym] : null;
  const { description } = found.cue;
  groups.add({ kind: found.kind, words, name, description, mentions: [{ start: a, end: b, confidence }], short, accepted: found.accepted, confidence });
}

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
  }
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

/** What the words before a name say it is: `minister van Defensie X`, `de denktank X`, `zegt X`. */
function cueBefore(text: string, tokens: Token[], a: number): Cue {
  let j = previousWord(tokens, a);
  const prefixEnd = a;
  let sawBody = false;
  for (let steps = 0; j >= 0 && steps < 7; steps++) {
    const key = tokens[j]!.key;
    if (isRole(key)) {
      let from = j;
      while (from > 0 && /^[-\u2010\u2011]$/.test(tokens[from]!.gapBefore)) from -= 1;
      const description = text ? describe(text, tokens, from, prefixEnd, isCapitalised(tokens[j]!.text) && PERSON_ROLES.has(key)) : null;
      return { kind: 'person', confidence: STRONG, description };
    }
    const organization = ORGANIZATION_DESCRIPTORS.get(key);
    if (organization && j === a - 1) {
      return { kind: organization === 'ARMED_GROUP' ? 'armed' : 'organization', confidence: STRONG, description: tokens[j]!.text };
    }
    if (j === a - 1 && SPEECH_VERBS.has(key)) return { kind: 'actor', confidence: SPEECH, description: null };
    // Only a portfolio (`van Buitenlandse Zaken`) or a title cut off the run lies between a role and the name.
    sawBody ||= BODY_WORDS.has(key);
    const skippable = BODY_WORDS.has(key) || (sawBody && (key === 'van' || key === 'de' || key === 'het'));
    if (!skippable) break;
    j = previousWord(tokens, j);
  }
  return { kind: 'none', confidence: 0, description: null };
}

/** What the words after a name say it is: `X, hoogleraar …`, `X (42)`, `X zei`. */
function cueAfter(text: string, tokens: Token[], b: number): Cue {
  const next = tokens[b];
  if (!next || isSentenceBreak(next.gapBefore)) return { kind: 'none', confidence: 0, description: null };
  const gap = next.gapBefore.trim();
  if (gap === ',') {
    let r = b;
    if (['de', 'het', 'een'].includes(tokens[r]!.key) && tokens[r + 1] && tokens[r + 1]!.gapBefore.trim() === '') r += 1;
    if (isRole(tokens[r]!.key)) {
      return { kind: 'person', confidence: STRONG, description: text ? appositionText(text, tokens, r) : null };
    }
    if (isAge(tokens, b)) return { kind: 'person', confidence: STRONG, description: null };
  }
  if (gap === '(' && isAge(tokens, b)) return { kind: 'person', confidence: STRONG, description: null };
  // `Sandra Bosman (D66)`: a party or a country in brackets after a person's name.
  if (gap === '(' && isAllCaps(next.text) && (tokens[b + 1]?.gapBefore.trim() ?? '').startsWith(')')) {
    return { kind: 'actor', confidence: SPEECH, description: null };
  }
  if (gap === '' && SPEECH_VERBS.has(next.key)) return { kind: 'actor', confidence: SPEECH, description: null };
  return { kind: 'none', confidence: 0, description: null };
}

const APPOSITION_STOPS = new Set(['aan', 'bij', 'in', 'uit', 'die', 'dat', 'wie', 'en', 'sinds', 'tot', 'tijdens']);

/** The apposition from its role noun to the first comma, stop word or sixth word: `hoogleraar internationale betrekkingen`. */
function appositionText(text: string, tokens: Token[], r: number): string {
  let end = r + 1;
  while (end < tokens.length && end - r < 6 && /^[ \u00a0-]*$/.test(tokens[end]!.gapBefore) && !APPOSITION_STOPS.has(tokens[end]!.key)) {
    end += 1;
  }
  return text.slice(tokens[r]!.start, tokens[end - 1]!.end);
}

function describe(text: string, tokens: Token[], from: number, to: number, lowerFirst: boolean): string {
  const words = text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, ' ');
  return lowerFirst ? words[0]!.toLowerCase() + words.slice(1) : words;
}

/** `Olaf Scholz en X`, `Olaf Scholz, X`: a name listed right after a known person's. */
function isListedWithPerson(tokens: Token[], a: number, matched: KnownTokens): boolean {
  const prev = previousWord(tokens, a);
  if (prev < 0) return false;
  if (tokens[a]!.gapBefore.trim() === ',') return (matched[prev]! & PERSON) !== 0;
  const before = previousWord(tokens, prev);
  return ['en', 'of'].includes(tokens[prev]!.key) && before >= 0 && tokens[prev]!.gapBefore.trim() === '' && (matched[before]! & PERSON) !== 0;
}

/** `(42)` or `, 42,` after a name: an age. */
function isAge(tokens: Token[], b: number): boolean {
  const token = tokens[b];
  const close = tokens[b + 1]?.gapBefore.trim() ?? '';
  return token !== undefined && /^\d{1,3}$/.test(token.text) && Number(token.text) < 120 && (close.startsWith(')') || close.startsWith(','));
}

/** The token inside brackets right after [.., b): `(SOHR)`; null when there is none. */
function bracketAfter(tokens: Token[], b: number): number | null {
  const token = tokens[b];
  if (!token || token.gapBefore.trim() !== '(' || !(tokens[b + 1]?.gapBefore.trim() ?? ')').startsWith(')')) return null;
  return isAllCaps(token.text) ? b : null;
}

/** `SOHR` for `Syrisch Observatorium voor de Mensenrechten`: the acronym's letters are the capitals' initials, in order. */
function fitsInitials(acronym: string, tokens: Token[], a: number, b: number): boolean {
  const initials = tokens.slice(a, b).map((t) => foldKey(t.text[0]!)).join('');
  const letters = foldKey(acronym.replace(/[^\p{L}]/gu, ''));
  if (letters.length < 2 || letters[0] !== initials[0]) return false;
  let k = 0;
  for (const c of initials) if (c === letters[k]) k += 1;
  return k === letters.length;
}

const KNOWN_AS = new Set(['bekend', 'genaamd', 'alias']);

/** `…, beter bekend als JNIM`, `bekend onder de afkorting JNIM`: a name the knowledge base knows follows. */
function isKnownAs(tokens: Token[], b: number, matched: KnownTokens): boolean {
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

/** `de Asean, de Associatie van …`: an organisation's name spelled out after the name the knowledge base knows. */
function isAppositionOfKnown(tokens: Token[], a: number, known: (i: number) => boolean): boolean {
  let j = a - 1;
  if (j >= 0 && ['de', 'het'].includes(tokens[j]!.key) && tokens[a]!.gapBefore.trim() === '') j -= 1;
  return j >= 0 && j < a && tokens[j + 1]!.gapBefore.trim() === ',' && known(j);
}

function organizationKind(tokens: Token[], a: number, b: number): ActorKind | null {
  let kind: ActorKind | null = null;
  for (let i = a; i < b; i++) {
    if (!isCapitalised(tokens[i]!.text)) continue;
    const key = tokens[i]!.key;
    const head = ORGANIZATION_HEADS.get(key) ?? (i === b - 1 ? headEnding(key) : undefined);
    if (head === 'ARMED_GROUP') kind = head;
    else if (head) kind ??= head;
  }
  if (kind === 'ORGANIZATION' && tokens.slice(a, b).some((t) => ARMED_STEMS.some((stem) => t.key.includes(stem)))) return 'ARMED_GROUP';
  return kind;
}

function isHead(key: string): boolean {
  return ORGANIZATION_HEADS.has(key) || headEnding(key) !== undefined;
}

function headEnding(key: string): ActorKind | undefined {
  return ORGANIZATION_HEAD_ENDINGS.find(([ending]) => key.length > ending.length + 2 && key.endsWith(ending))?.[1];
}

function descriptorKind(cue: Cue): ActorKind | null {
  return cue.kind === 'armed' ? 'ARMED_GROUP' : cue.kind === 'organization' ? 'ORGANIZATION' : null;
}

/** Places, events, works, dates: `Noord-Darfoer`, `Kaap de Goede Hoop`, `Eerste Wereldoorlog`, `Operatie Barbarossa`. */
function isNonActorName(tokens: Token[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (CALENDAR_WORDS.has(tokens[i]!.key)) return true;
  if (COMPASS.has(tokens[a]!.key)) return true;
  const last = b - 1;
  if (NON_ACTOR_WORDS.has(tokens[a]!.key)) return true;
  const afterParticle = last > a && !isCapitalised(tokens[last - 1]!.text);
  if (!afterParticle && NON_ACTOR_WORDS.has(tokens[last]!.key)) return true;
  const key = tokens[last]!.key;
  if (NON_ACTOR_ENDINGS.some((ending) => key.length > ending.length + 2 && key.endsWith(ending))) return true;
  // `Storm Shadow-raketten`: a name that qualifies a noun is a make or a model.
  const next = tokens[b];
  return next !== undefined && /^[-\u2010\u2011]$/.test(next.gapBefore) && !isCapitalised(next.text);
}

const HEADING_LENGTH = 120;

/** A line without a full stop, short enough to be a heading or a caption. */
function isHeading(text: string, start: number, end: number): boolean {
  // Bounded, so that a text of one long line is not read again for every name on it.
  let from = start;
  while (from > 0 && text[from - 1] !== '\n') if (start - --from > HEADING_LENGTH) return false;
  let to = end;
  while (to < text.length && text[to] !== '\n') if (++to - from > HEADING_LENGTH) return false;
  const line = text.slice(from, to).trim();
  return !/[.!?:;"”’)]$/.test(line) && line.split(/\s+/).length <= 10;
}

function isQuoted(tokens: Token[], a: number, b: number): boolean {
  const open = /["“‘„«']\s*$/.test(tokens[a]!.gapBefore);
  const close = /^\s*["”’»']/.test(tokens[b]?.gapBefore ?? '');
  return open && close;
}

/**
 * Words that can be a person's full name: two to five words of letters, a first word that is not an inflected
 * adjective (`Nationale`, `Republikeinse`), and at least two words that are not particles (`Al Sarraj` is a surname).
 */
function isPersonShape(tokens: Token[], a: number, b: number, words: number[]): boolean {
  if (words.length > 5 || b - a > 7) return false;
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (/\d/.test(t.text) || (isCapitalised(t.text) && (isAllCaps(t.text) || t.text.length < 2))) return false;
  }
  const named = words.filter((i) => !NAME_PARTICLES.has(tokens[i]!.key));
  if (named.length < 2) return false;
  return !/(?:se|sche|ische|ale|ieke|aire)$/.test(tokens[words[0]!]!.key);
}

/** `Nikol Pasjinian` for Nikol Pashinyan, `Sergej Lavrov` for Sergey Lavrov: a spelling of someone known. */
function isVariantOfKnownPerson(tokens: Token[], words: number[], lexicon: ProvisionalLexicon): boolean {
  const named = words.filter((i) => !NAME_PARTICLES.has(tokens[i]!.key));
  const first = skeleton(tokens[named[0]!]!.key);
  const last = skeleton(tokens[named[named.length - 1]!]!.key);
  const near = (x: string, y: string) => x === y || (Math.min(x.length, y.length) >= 4 && editDistance(x, y) <= 2);
  return (
    (lexicon.lastsByFirst.get(first) ?? []).some((l) => near(l, last)) ||
    (lexicon.firstsByLast.get(last) ?? []).some((f) => near(f, first))
  );
}

/** A rough spelling-free form of a name word, so that Dutch and English transliterations meet. */
function skeleton(key: string): string {
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

function editDistance(x: string, y: string): number {
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

function isRole(key: string): boolean {
  return PERSON_ROLES.has(key) || PERSON_ROLE_ENDINGS.some((ending) => key.length > ending.length + 2 && key.endsWith(ending));
}

function isSentenceStart(tokens: Token[], i: number): boolean {
  return i === 0 || isSentenceBreak(tokens[i]!.gapBefore) || /["“‘„«(]\s*$/.test(tokens[i]!.gapBefore);
}

function previousWord(tokens: Token[], i: number): number {
  return i <= 0 || isSentenceBreak(tokens[i]!.gapBefore) ? -1 : i - 1;
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

/** The words after the first name: `van der Berg` of `Jan van der Berg`, `Abu Hamad` of `Samira Abu Hamad`. */
function surnameOf(words: string[]): string[] {
  return words.slice(1);
}

/** `Jan Jansen` and `Jan Peter Jansen`: the same last word, and the shorter name's words in order in the longer one. */
function sameName(x: string[], y: string[]): boolean {
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let k = 0;
  for (const word of long) if (word === short[k]) k += 1;
  return k === short.length && short[0] === long[0];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

import { createConflictScorer, TITLE_SECTION, type ConflictEvidence } from './conflicts.js';
import {
  adjectiveUse,
  isCoordinatedWith,
  isInUnknownName,
  isNamesakeCompound,
  isRegionName,
  isShouted,
  isUsedAsPlace,
  TITLES,
  type PlaceIndex,
} from './context.js';
import type { LinkingKnowledgeBase } from './kb-schema.js';
import { cacheOf } from './kb-cache.js';
import { cachedLexicon } from './lexicon-cache.js';
import { buildLexicon, emptyLexicon, type ActorHit, type AliasType, type EvidenceHit, type Lexicon } from './lexicon.js';
import { ADJECTIVE, DEMONYM, isHead, isSentenceStart, KNOWN, PERSON, previousWord, type KnownTokens } from './provisional-context.js';
import { isMediaDescriptor } from './provisional-cues.js';
import { buildProvisionalLexicon } from './provisional-names.js';
import { findProvisional, type ProvisionalFinding } from './provisional.js';
import { createTranslatedNames, translatedTablesOf } from './translated-names.js';
import { anchorsOf, articleState, resolveMentions, stateIndexOf, statesNamedIn, type ActorCandidate, type DropTrace, type ResolvedMention, type StatesNamed } from './resolve.js';
import { afterDateline, isAllCaps, isCapitalised, isNameGap, isSentenceBreak, tokenizeShared, type Token } from './text.js';
import type { TrieMatch } from './trie.js';
import type { KbActor, KnowledgeBase, LinkedActor, LinkedMention, LinkInput, LinkResult, MentionSpan, ProvisionalActor } from './types.js';
import { withArmedForces } from './armed-forces.js';
import { findBareBodies, findStateBodies, type BareBody, type StateBody } from './state-bodies.js';
import { slugOf } from './states.js';
import { followsNameParticle, isPartOfAnotherName, withGivenName } from './person-names.js';
import { titleBefore } from './titles.js';
import { findUnknownNames } from './unknown-names.js';
import { innerMentions } from './inner-names.js';
import { relativesOf } from './relatives.js';
import { branchesOf, withBranches } from './branches.js';

/** Changes whenever the linker's rules change, so that stored links are made again (with the knowledge base's fingerprint). */
export const LINKER_VERSION = 25;

export interface Linker {
  link(input: LinkInput): LinkResult;
  /** Capitalised names of two words or more in `body` that the knowledge base does not know: work for curators. */
  unlinkedCandidates(body: string): MentionSpan[];
  /** Both of the above, reading the body once (what ingest needs). */
  linkWithUnknown(input: LinkInput): LinkResult & { unlinked: MentionSpan[] };
  /** The same as `linkWithUnknown`, with every name of the knowledge base found in the body but not linked, and why. */
  explain(input: LinkInput): LinkResult & { unlinked: MentionSpan[]; dropped: DroppedName[] };
}

/** A name of the knowledge base in the body that was not linked: the actors it could stand for and the rule that dropped it. */
export interface DroppedName extends MentionSpan {
  slugs: string[];
  reason: string;
}

/** A title mention weighs as much as two early body mentions. */
const TITLE_WEIGHT = 2;

export interface LinkerOptions {
  /**
   * Where to keep the lexicon built from the knowledge base for the next linker of the same knowledge base (see
   * lexicon-cache.ts), or false for nowhere. By default where `loadKnowledgeBase` cached `kb`, and nowhere for a
   * knowledge base built in code.
   */
  cache?: string | false;
}

/**
 * Builds the name tries once (or reads them from the cache, see `LinkerOptions`). `kb` is what `loadKnowledgeBase` returns; a plain `KnowledgeBase` (built in code)
 * works too, matching names and aliases only.
 */
export function createLinker(kb: KnowledgeBase | LinkingKnowledgeBase, options: LinkerOptions = {}): Linker {
  const home = options.cache === undefined ? cacheOf(kb) : options.cache === false ? null : { dir: options.cache, variant: 'given' };
  const tables = cachedLexicon(kb, home, () => ({
    lexicon: 'lexicon' in kb ? buildLexicon(kb, kb.lexicon, kb.states) : buildLexicon(kb, emptyLexicon()),
    provisional: buildProvisionalLexicon(kb),
    translated: translatedTablesOf(kb),
  }));
  const { lexicon, provisional: provisionalLexicon } = tables;
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const stateIndex = stateIndexOf(actors);
  const scoreConflicts = createConflictScorer(kb);
  const translated = createTranslatedNames(tables.translated);
  const people = new Set(kb.actors.filter((a) => a.kind === 'PERSON').map((a) => a.slug));
  const branches = branchesOf(actors, 'lexicon' in kb ? kb.lexicon.actors : []);

  const provisionalIn = (text: string, read: ReadText) => findProvisional(text, read.tokens, read.known, provisionalLexicon);

  function linkRead(input: LinkInput, body: ReadText, provisional: ProvisionalFinding, trace?: DropTrace): LinkResult {
    const title = readText(lexicon, input.title);
    const titleStates = statesNamedIn(title.candidates, stateIndex, input.publishedOn);
    const ctx = { actors, publishedOn: input.publishedOn, paragraphOf: paragraphsOf(body.tokens), titleStates: new Set(titleStates.keys()) };
    const anchors = anchorsOf(body.candidates);
    const states = statesNamedIn(body.candidates, stateIndex, input.publishedOn);
    const own = translated(provisional.actors, body.tokens, states, ctx.titleStates);
    const resolved = withBranches(resolveMentions(body.candidates, ctx, anchors, trace, states), body.tokens, branches);
    // A span the knowledge base linked by a name of its own (`PP` after `People's Party (PP)`) keeps that link.
    const translatedMentions = own.mentions.filter((m) => !resolved.some((r) => r.start < m.end && m.start < r.end));
    const added = [...translatedMentions, ...innerMentions(body.tokens, resolved, lexicon, actors)];
    const bodyMentions = added.length === 0 ? resolved : [...resolved, ...added].sort((a, b) => a.start - b.start);
    // The title is read before the body: what the body names in full counts as named before the title.
    const titleAnchors = new Map([...anchors.keys()].map((slug): [string, number] => [slug, -1]));
    for (const [slug, at] of anchorsOf(title.candidates)) if (!titleAnchors.has(slug)) titleAnchors.set(slug, at);
    for (const state of states.keys()) titleStates.set(state, [-1, ...(titleStates.get(state) ?? [])]);
    const titleMentions = resolveMentions(title.candidates, ctx, titleAnchors, undefined, titleStates);

    const evidence: ConflictEvidence = { actors: new Map(), words: new Map(), war: 0 };
    const bodyWeight = (token: Token) => 1.5 - token.start / Math.max(1, input.body.length);
    addActorEvidence(evidence, body.tokens, bodyMentions, bodyWeight);
    addActorEvidence(evidence, title.tokens, titleMentions, () => TITLE_WEIGHT);
    addWordEvidence(evidence, body.tokens, body.evidence, bodyMentions, bodyWeight, sectionsOf(body.tokens));
    addWordEvidence(evidence, title.tokens, title.evidence, titleMentions, () => TITLE_WEIGHT, () => TITLE_SECTION);

    const linked = groupMentions(input.body, body.tokens, bodyMentions);
    const bare = bareBodiesOf(body.bareBodies, states, ctx.titleStates, ctx.paragraphOf);
    const spanOf = (b: { start: number; end: number }): [number, number] => [body.tokens[b.start]!.start, body.tokens[b.end - 1]!.end];
    const found = withoutOverlaps(
      [
        // A body's name read as the body of the article's state is not also a provisional name of its own.
        ...withoutOverlaps(relativesOf(input.body, body.tokens, bodyMentions, actors, own.provisional), bare.map(spanOf)),
        ...stateBodyActors(input.body, body.tokens, [...body.stateBodies, ...bare], actors, provisional.actors),
      ],
      bodyMentions.map(spanOf),
    );
    return {
      actors: linked,
      conflicts: scoreConflicts(evidence, input.publishedOn),
      provisional: withAcronymsKnown(input.body, found, linked, actors),
    };
  }

  /**
   * The curators' queue: capitalised names that are neither linked nor provisional actors — places, events,
   * other spellings of known names, and names the text gives no cue for. A provisional actor is kept already.
   */
  function unknownIn(text: string, read: ReadText, provisional: ProvisionalFinding): MentionSpan[] {
    // A bare surname inside a longer capitalised name (`Ahmed Zubair Khan`) is part of an unknown name.
    const known = [
      ...read.matched.filter((m) => !m.values.every(isSurnameHit)),
      ...read.evidence,
      ...read.fullNames,
      ...provisional.spans,
      ...read.stateBodies,
      ...read.bareBodies,
    ];
    return findUnknownNames(text, read.tokens, known);
  }

  return {
    link(input) {
      const body = readText(lexicon, input.body, people);
      return linkRead(input, body, provisionalIn(input.body, body));
    },
    unlinkedCandidates(text) {
      const read = readText(lexicon, text, people);
      return unknownIn(text, read, provisionalIn(text, read));
    },
    linkWithUnknown(input) {
      const body = readText(lexicon, input.body, people);
      const provisional = provisionalIn(input.body, body);
      return { ...linkRead(input, body, provisional), unlinked: unknownIn(input.body, body, provisional) };
    },
    explain(input) {
      const found: { span: { start: number; end: number }; slugs: string[]; reason: string }[] = [];
      const trace: DropTrace = (span, slugs, reason) => found.push({ span: { start: span.start, end: span.end }, slugs, reason });
      const body = readText(lexicon, input.body, people, trace);
      const provisional = provisionalIn(input.body, body);
      const result = { ...linkRead(input, body, provisional, trace), unlinked: unknownIn(input.body, body, provisional) };
      const dropped = found.map(({ span, slugs, reason }): DroppedName => {
        const start = body.tokens[span.start]!.start;
        const end = body.tokens[span.end - 1]!.end;
        return { start, end, text: input.body.slice(start, end), slugs, reason };
      });
      return { ...result, dropped: dropped.sort((a, b) => a.start - b.start) };
    },
  };
}

/**
 * Whether the name of an organisation is part of a longer name of another body: joined by a hyphen to a capitalised
 * word before it (`Nationaal-Democratische Partij`), or followed by `van` and a state or place the longer name
 * is of (`Democratische Partij van Iraans Koerdistan`). `van` before an organisation (`de Raad van de VN`) is no
 * such name.
 */
function isInLongerName(
  tokens: Token[],
  match: TrieMatch<ActorHit>,
  hits: { slug: string; type: AliasType }[],
  lexicon: Lexicon,
  people: ReadonlySet<string>,
  known: (i: number) => boolean,
): boolean {
  if (hits.some((h) => h.type !== 'name' || lexicon.states.has(h.slug) || people.has(h.slug))) return false;
  const first = tokens[match.start]!;
  const before = match.start - 1;
  // `Nationaal-Democratische Partij`, `Hoge Veiligheidsraad`, `Abdul Fatah Younis`: an unknown capitalised word
  // joined to the name of an organisation, inside a sentence. An adjective before an armed group, an acronym or a
  // name that is no body's noun describes it (`de Koerdische YPG`, `de Provincie Islamitische Staat`).
  const hyphen = /^[-\u2010\u2011]$/.test(first.gapBefore);
  if (before >= 0 && isNameGap(first.gapBefore) && isCapitalised(tokens[before]!.text) && !known(before)) {
    const opens = isSentenceBreak(tokens[before]!.gapBefore) || /["“‘„«(]\s*$/.test(tokens[before]!.gapBefore) || before === 0 || afterDateline(tokens, before);
    const adjective = /e$/.test(tokens[before]!.key);
    const noun = isHead(tokens[match.end - 1]!.key);
    const armed = hits.every((h) => lexicon.armedGroups.has(h.slug));
    const other = adjective ? noun : !isAllCaps(tokens[match.start]!.text) && (!armed || noun);
    if (hyphen || (!opens && !TITLES.has(tokens[before]!.key) && other)) return true;
  }
  // `het Ministerie van Staatsveiligheid`: the portfolio of a ministry, not the service of that name.
  if (before >= 1 && tokens[before]!.key === 'van' && tokens[before - 1]!.key === 'ministerie') return true;
  const van = tokens[match.end];
  const next = tokens[match.end + 1];
  if (!van || van.key !== 'van' || !/^[ \u00a0]+$/.test(van.gapBefore) || !next || !isCapitalised(next.text)) return false;
  const place = lexicon.evidence.longest(tokens, match.end + 1)?.values.some((v) => v.kind === 'place');
  const state = lexicon.actors.longest(tokens, match.end + 1)?.values.some((v) => v.kind === 'actor' && lexicon.states.has(v.slug));
  return place === true || state === true;
}

const BLANK_LINE = /\n\s*\n/;
/** No slugs, shared where a set of them is mostly empty. */
const NO_SLUGS: Set<string> = new Set();
const ACRONYM_WORD = /^[\p{Lu}\d][\p{L}\d'’]*$/u;
const ACRONYM_JOIN = /^[-&]$/;
const CAPITAL_AFTER_FIRST = /.[\p{Lu}\d]/u;

/**
 * The section of each token, for the conflicts' words: in an article with subheadings (a paragraph of a few words
 * with no sentence end, as `**Vandecasteele**`), what runs from one heading to the next; else the paragraph.
 */
function sectionsOf(tokens: Token[]): (token: number) => number {
  const starts = [0];
  for (let i = 1; i < tokens.length; i++) {
    const gap = tokens[i]!.gapBefore;
    if (gap.length > 1 && BLANK_LINE.test(gap)) starts.push(i);
  }
  const isHeading = (p: number) => {
    const end = p + 1 < starts.length ? starts[p + 1]! : tokens.length;
    const last = tokens[end - 1];
    const after = end < tokens.length ? tokens[end]!.gapBefore : '';
    return end - starts[p]! <= HEADING_MAX_WORDS && last !== undefined && !SENTENCE_END.test(after.split('\n')[0]!);
  };
  const headings = starts.map((_, p) => p > 0 && isHeading(p));
  const byHeadings = headings.some(Boolean);
  const section = new Uint32Array(tokens.length);
  let n = 0;
  for (let p = 0; p < starts.length; p++) {
    if (p > 0 && (!byHeadings || headings[p])) n += 1;
    const end = p + 1 < starts.length ? starts[p + 1]! : tokens.length;
    section.fill(n, starts[p]!, end);
  }
  return (token) => (token >= 0 && token < section.length ? section[token]! : -1);
}
const HEADING_MAX_WORDS = 8;
const SENTENCE_END = /[.!?:;]/;

/** The paragraph of each token: paragraphs are parted by a blank line. */
function paragraphsOf(tokens: Token[]): (token: number) => number {
  const paragraph = new Uint32Array(tokens.length);
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    const gap = tokens[i]!.gapBefore;
    if (gap.length > 1 && BLANK_LINE.test(gap)) n += 1;
    paragraph[i] = n;
  }
  return (token) => (token >= 0 && token < paragraph.length ? paragraph[token]! : -1);
}

/**
 * `taxichauffeur Mehmet Kaya`: a one-word place of a conflict right after a capitalised word the text does not know,
 * inside a sentence, is the surname of a name the knowledge base lacks, not the town (`in Kaya` stays the town).
 */
function isSurnameAfterName(tokens: Token[], match: TrieMatch<EvidenceHit>, flags: KnownTokens): boolean {
  const before = tokens[match.start - 1];
  if (match.end - match.start !== 1 || !before || !match.values.every((hit) => hit.kind === 'place')) return false;
  if ((flags[match.start - 1]! & KNOWN) !== 0 || !isCapitalised(before.text) || !isNameGap(tokens[match.start]!.gapBefore)) return false;
  return match.start - 1 > 0 && !isSentenceBreak(before.gapBefore);
}

/** `PvdA`, `CD&V`, `N-VA`, `D66`, `SP'er`: one word (or words joined by `&` or `-`) with a capital after the first letter, or a digit. */
function isAcronym(tokens: Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!ACRONYM_WORD.test(tokens[i]!.text) || (i > start && !ACRONYM_JOIN.test(tokens[i]!.gapBefore))) return false;
  }
  const words = end - start === 1 ? tokens[start]!.text : tokens.slice(start, end).map((t) => t.text).join('');
  return CAPITAL_AFTER_FIRST.test(words);
}

const BRACKETED = /^\s*\(\s*([^()\s]{2,12})\s*\)/;

/**
 * `de Partij van Nationale Actie (PAN)`: an organisation named in full before an acronym in brackets that links to
 * an organisation of the knowledge base is that organisation; its provisional mentions become the organisation's.
 */
function withAcronymsKnown(text: string, found: ProvisionalActor[], linked: LinkedActor[], actors: Map<string, KbActor>): ProvisionalActor[] {
  const byStart = new Map<number, LinkedActor>();
  for (const actor of linked) {
    const kind = actors.get(actor.slug)?.kind;
    if (kind === 'ORGANIZATION' || kind === 'ARMED_GROUP') for (const m of actor.mentions) byStart.set(m.start, actor);
  }
  return found.filter((provisional) => {
    if (provisional.kind === 'PERSON') return true;
    const owner = provisional.mentions
      .map((m) => {
        const bracket = BRACKETED.exec(text.slice(m.end, m.end + 20));
        return bracket ? byStart.get(m.end + bracket[0].indexOf(bracket[1]!)) : undefined;
      })
      .find((a) => a !== undefined);
    if (!owner) return true;
    owner.mentions = [...owner.mentions, ...provisional.mentions].sort((a, b) => a.start - b.start);
    return false;
  });
}

/** The provisional actors without the mentions that overlap a mention of the knowledge base (`spans`, sorted). */
function withoutOverlaps(actors: ProvisionalActor[], spans: [number, number][]): ProvisionalActor[] {
  if (spans.length === 0) return actors;
  const overlaps = (m: LinkedMention) => spans.some(([s, e]) => s < m.end && m.start < e);
  const kept: ProvisionalActor[] = [];
  for (const actor of actors) {
    const mentions = actor.mentions.filter((m) => !overlaps(m));
    if (mentions.length === actor.mentions.length) kept.push(actor);
    else if (mentions.length > 0) kept.push({ ...actor, mentions });
  }
  return kept;
}

/**
 * The state bodies as provisional organisations, one per body and state, named `<Body> van <state>` (the key is
 * the same whatever the wording) and described by the words of their first mention.
 */
function stateBodyActors(
  text: string,
  tokens: Token[],
  bodies: StateBody[],
  actors: Map<string, KbActor>,
  provisional: ProvisionalActor[],
): ProvisionalActor[] {
  const byKey = new Map<string, ProvisionalActor>();
  const taken = new Set(provisional.map((p) => p.key));
  for (const body of bodies) {
    const state = actors.get(body.state);
    if (!state) continue;
    const name = body.ownName ?? `${body.body} van ${state.nameNl}`;
    const key = slugOf(name);
    if (taken.has(key)) continue;
    const [start, end] = [tokens[body.start]!.start, tokens[body.end - 1]!.end];
    const mention: LinkedMention = { start, end, text: text.slice(start, end), method: 'RULE', confidence: STATE_BODY_CONFIDENCE };
    const actor = byKey.get(key);
    if (actor) actor.mentions.push(mention);
    else byKey.set(key, { key, name, kind: 'ORGANIZATION', description: describeBody(text, tokens, body), mentions: [mention] });
  }
  return [...byKey.values()];
}

/**
 * A body's name with no state beside it (`het Hooggerechtshof`) is the body of the state the article is about
 * (`articleState`). A state named in the paragraph is no better guide: `vluchtte naar Rwanda` beside `het
 * Grondwettelijk Hof` of an article on Burundi. A body the knowledge base holds under that name for a state
 * (`Hooggerechtshof` of the US Supreme Court) has linked already where that state is meant, and wins.
 */
function bareBodiesOf(
  bare: BareBody[],
  states: StatesNamed,
  titleStates: ReadonlySet<string>,
  paragraphOf: (token: number) => number,
): StateBody[] {
  if (bare.length === 0) return [];
  const state = articleState(states, titleStates, paragraphOf);
  return state ? bare.map((body) => ({ ...body, state, national: false, phrase: [body.start, body.end] })) : [];
}

// A state's adjective or name and a body's noun say outright what is named, as a descriptor does.
const STATE_BODY_CONFIDENCE = 0.85;

/** `Kosovaarse politie`, `politie van Kosovo`: the words that name the body, with the state's adjective or name. */
function describeBody(text: string, tokens: Token[], { phrase: [from, to] }: StateBody): string {
  return text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/\s+/g, ' ');
}

/**
 * Whether a one-word surname and the surname after it may be one name of someone the knowledge base lacks
 * (`Rashid Khan`): the first word's people are not named in full before (`verklaarde Pence Biden` names two), and
 * it does not open a sentence (`Onder Bidens voorganger`).
 */
function isUnnamedPair(tokens: Token[], match: TrieMatch<ActorHit>, candidates: ActorCandidate[]): boolean {
  // A sentence's first word is capitalised whatever it is: `Onder Bidens voorganger`.
  if (isSentenceStart(tokens, match.start)) return false;
  const slugs = match.values.flatMap((v) => (v.kind === 'actor' ? [v.slug] : []));
  return !candidates.some((c) => c.end <= match.start && c.hits.some((h) => h.type === 'name' && slugs.includes(h.slug)));
}

/** The actors of a name's hits, each once: what a `DropTrace` is told. */
function slugsOf(hits: { slug: string }[]): string[] {
  return [...new Set(hits.map((h) => h.slug))];
}

const isSurnameHit = (hit: ActorHit) => hit.kind === 'actor' && (hit.type === 'surname' || hit.type === 'weak-surname');

interface ReadText {
  tokens: Token[];
  candidates: ActorCandidate[];
  evidence: TrieMatch<EvidenceHit>[];
  /** Every span the actor trie matched, blocked names and places included. */
  matched: TrieMatch<ActorHit>[];
  /** Full names read as a given name before a surname (`withGivenName`). */
  fullNames: { start: number; end: number }[];
  /**
   * What either trie matched, by token, for the provisional actors. A bare surname left unlinked as part of a
   * longer name the knowledge base does not know (`Melania Trump`) is not `KNOWN`: it may be part of one.
   */
  known: KnownTokens;
  /** Bodies of states the knowledge base lacks, named by the state (`de Kosovaarse politie`). */
  stateBodies: StateBody[];
  /** Names of state bodies with no state beside them (`het Hooggerechtshof`): see `bareBodiesOf`. */
  bareBodies: BareBody[];
}

function readText(lexicon: Lexicon, text: string, people: ReadonlySet<string> = new Set(), trace?: DropTrace): ReadText {
  const tokens = tokenizeShared(text);
  const evidence = lexicon.evidence.scan(tokens);
  const placeEnds = new Set<number>();
  const placeStarts = new Set<number>();
  for (const match of evidence) {
    if (match.values.some((hit) => hit.kind === 'place' && !hit.capital)) {
      placeStarts.add(match.start);
      placeEnds.add(match.end - 1);
    }
  }
  const places: PlaceIndex = { endsAt: (i) => placeEnds.has(i), startsAt: (i) => placeStarts.has(i) };

  const candidates: ActorCandidate[] = [];
  const fullNames: { start: number; end: number }[] = [];
  const matched = lexicon.actors.scan(tokens);
  const flags: KnownTokens = new Uint8Array(tokens.length);
  for (const match of matched) markKnown(flags, match, people);
  // A signal word of a conflict (`Isnilon Hapilon` for the siege of Marawi) may be an actor the knowledge base lacks.
  for (const match of evidence) {
    if (match.values.every((hit) => hit.kind === 'signal')) continue;
    if (isSurnameAfterName(tokens, match, flags)) continue;
    for (let i = match.start; i < match.end; i++) flags[i]! |= KNOWN;
  }
  const known = (i: number) => (flags[i]! & KNOWN) !== 0;
  const inUnknownName: TrieMatch<ActorHit>[] = [];
  /** Where a name read as part of someone else's full name ends: a surname there is that name's. */
  const restOfName = new Set<number>();
  let surnameStarts: Set<number> | undefined;
  const surnameAt = (i: number) => {
    surnameStarts ??= new Set(matched.filter((m) => m.values.some(isSurnameHit)).map((m) => m.start));
    return surnameStarts.has(i);
  };
  const actorsEndingAt = (i: number) => {
    const match = matched.find((m) => m.end - 1 === i);
    const slugs: string[] = [];
    if (match) for (const v of match.values) if (v.kind === 'actor' && !isSurnameHit(v)) slugs.push(v.slug);
    return slugs;
  };
  for (const match of matched) {
    let hits: ActorCandidate['hits'] = [];
    for (const hit of match.values) if (hit.kind === 'actor') hits.push({ slug: hit.slug, type: hit.type, country: hit.country });
    if (hits.length < match.values.length) {
      if (hits.length > 0) trace?.(match, slugsOf(hits), 'the knowledge base lists these words as not naming an actor');
      continue;
    }
    if (isRegionName(tokens, match.start)) {
      const states = hits.filter((h) => lexicon.states.has(h.slug));
      hits = hits.filter((h) => !lexicon.states.has(h.slug));
      if (hits.length === 0) trace?.(match, [...new Set(states.map((h) => h.slug))], 'part of the name of a region, not the state');
    }
    if (hits.length === 0) continue;
    const bareSurname = hits.every((h) => h.type === 'surname' || h.type === 'weak-surname');
    const given = bareSurname ? withGivenName(tokens, match, hits, lexicon.givenNames, known) : null;
    if (given) {
      candidates.push({ start: given.start, end: match.end, hits: given.hits });
      fullNames.push({ start: given.start, end: match.end });
      continue;
    }
    const title = bareSurname ? titleBefore(tokens, match.start, actorsEndingAt) : null;
    // After a title ("minister van Buitenlandse Zaken Blok") only the words after the surname can make it part of another name.
    const knownHere = title ? (i: number) => i < match.start || known(i) : known;
    // `inlichtingenchef Pottu Amman`: a capital's name, too, may be a word of a person's name.
    const capitalOnly = match.end - match.start === 1 && hits.every((h) => h.type === 'capital');
    if ((bareSurname || capitalOnly) && isInUnknownName(tokens, match.start, match.end, knownHere, (key) => lexicon.givenNames.has(key))) {
      trace?.(match, slugsOf(hits), `${bareSurname ? 'a surname' : 'a capital'} inside a longer name the knowledge base does not know`);
      inUnknownName.push(match);
      continue;
    }
    if (bareSurname && isPartOfAnotherName(tokens, match, lexicon.givenNames, surnameAt, TITLES, title !== null, isUnnamedPair(tokens, match, candidates))) {
      trace?.(match, slugsOf(hits), "part of someone else's full name");
      // The words are the name of someone the knowledge base lacks (`Basil Rajapaksa`, `Rashid Khan`): a provisional
      // name may take them, the surname after this word included.
      inUnknownName.push(match);
      restOfName.add(match.end);
      continue;
    }
    if (bareSurname && restOfName.has(match.start) && isNameGap(tokens[match.start]!.gapBefore)) {
      trace?.(match, slugsOf(hits), "the surname of someone else's full name");
      inUnknownName.push(match);
      continue;
    }
    const surnameOrCapital = hits.every((h) => h.type === 'surname' || h.type === 'weak-surname' || h.type === 'capital');
    if (surnameOrCapital && title === null && followsNameParticle(tokens, match.start, known, TITLES)) {
      trace?.(match, slugsOf(hits), "part of a person's name after a particle (`Leila de Lima`, `Kian delos Santos`)");
      inUnknownName.push(match);
      continue;
    }
    if (isInLongerName(tokens, match, hits, lexicon, people, known)) {
      trace?.(match, slugsOf(hits), "part of a longer name of another body (`Nationaal-Democratische Partij`, `Democratische Partij van Iraans Koerdistan`)");
      inUnknownName.push(match);
      continue;
    }
    if (hits.every((h) => people.has(h.slug)) && isNamesakeCompound(tokens, match.end)) {
      trace?.(match, slugsOf(hits), "a person's name in the name of a building or fund named after them (`Erdogan-ziekenhuis`)");
      continue;
    }
    // `het persbureau SPA`, `de zender Al Arabiya`: a medium of that name, not the actor.
    const before = previousWord(tokens, match.start);
    if (before >= 0 && isMediaDescriptor(tokens[before]!.key)) {
      trace?.(match, slugsOf(hits), 'the name of a medium, after a noun that says so');
      continue;
    }
    const allCaps = tokens.slice(match.start, match.end).every((t) => isAllCaps(t.text));
    if (allCaps && isShouted(tokens, match.start, match.end)) {
      trace?.(match, slugsOf(hits), 'written in capitals in a shouted passage, not as an acronym');
      continue;
    }
    // A capital is dropped when used as a place, unless the same words also name an actor outright.
    const onlyCapital = hits.some((h) => h.type === 'capital') ? new Set(hits.map((h) => h.slug)) : NO_SLUGS;
    if (onlyCapital !== NO_SLUGS) for (const hit of hits) if (hit.type !== 'capital') onlyCapital.delete(hit.slug);
    let kept = hits;
    if (onlyCapital.size > 0 && isUsedAsPlace(tokens, match.start, match.end, places)) {
      kept = hits.filter((h) => !onlyCapital.has(h.slug));
      if (kept.length === 0) {
        placeEnds.add(match.end - 1);
        trace?.(match, slugsOf(hits), 'a capital used as a place (as in "in Kabul"), not for its government');
      }
    }
    const acronym = isAcronym(tokens, match.start, match.end);
    if (kept.length > 0) candidates.push({ start: match.start, end: match.end, hits: kept, ...(title && { title }), ...(acronym && { acronym }) });
  }
  for (const match of inUnknownName) for (let i = match.start; i < match.end; i++) flags[i]! &= ~KNOWN;
  // A given name read before a known surname is the person's, never part of a provisional name.
  for (const name of fullNames) for (let i = name.start; i < name.end; i++) flags[i]! |= KNOWN | PERSON;
  const named = withArmedForces(tokens, withoutLanguageNames(tokens, candidates, trace), lexicon.forcesOf, lexicon.parliamentsOf);
  const { kept, bodies } = withStateBodies(tokens, named, lexicon, trace);
  for (const body of bodies) for (let i = body.start; i < body.end; i++) flags[i]! |= KNOWN;
  const bare = findBareBodies(tokens, kept, bodies);
  return { tokens, candidates: kept, evidence, matched, fullNames, known: flags, stateBodies: bodies, bareBodies: bare };
}

/**
 * The state bodies the text names (`de Kosovaarse politie`, see state-bodies.ts), and the candidates left: a name
 * of the knowledge base for the same words gives way where it is another state's (`de Nigeriaanse Senaat` is not
 * the Dutch one) or an international body's (`het Belgische Rode Kruis`), and wins where it is this state's own.
 */
function withStateBodies(
  tokens: Token[],
  candidates: ActorCandidate[],
  lexicon: Lexicon,
  trace?: DropTrace,
): { kept: ActorCandidate[]; bodies: StateBody[] } {
  const found = findStateBodies(tokens, candidates, (slug) => lexicon.states.has(slug));
  if (found.length === 0) return { kept: candidates, bodies: [] };
  const dropped = new Set<ActorCandidate>();
  const bodies: StateBody[] = [];
  for (const body of found) {
    const overlapping = candidates.filter((c) => c.start < body.end && body.start < c.end && !c.hits.some((h) => h.slug === body.state));
    const own = (h: ActorCandidate['hits'][number]) => (h.type === 'context' ? h.country : lexicon.countryOf.get(h.slug)) === body.state;
    if (overlapping.some((c) => c.hits.some(own))) {
      for (const c of overlapping) c.hits = c.hits.filter(own);
      continue;
    }
    // A body noun that is, alone, the name of a body of no state (`Veiligheidsraad`, `Rode Kruis`) names the
    // state's own body after its adjective: `de Armeense Veiligheidsraad` is not the UN's.
    const national =
      body.national ||
      overlapping.every((c) => body.start <= c.start && c.end <= body.end && c.hits.every((h) => !lexicon.countryOf.has(h.slug) && !lexicon.states.has(h.slug)));
    if (!national && overlapping.some((c) => c.hits.some((h) => h.type !== 'context'))) continue;
    for (const c of overlapping) {
      dropped.add(c);
      trace?.(c, [...new Set(c.hits.map((h) => h.slug))], "the body of the state named with it, not this actor");
    }
    bodies.push(body);
  }
  return { kept: candidates.filter((c) => !dropped.has(c) && c.hits.length > 0), bodies };
}

function markKnown(flags: KnownTokens, match: TrieMatch<ActorHit>, people: ReadonlySet<string>): void {
  // A name shared across states (`Hoge Raad`) may be the start of another body's name (`Hoge Raad van de
  // Strijdkrachten`); where it links after all, its mention wins over a provisional one (`withoutOverlaps`).
  if (match.values.every((hit) => hit.kind === 'actor' && hit.type === 'context')) return;
  let demonym = false;
  let adjective = true;
  let person = false;
  for (const hit of match.values) {
    demonym ||= hit.kind === 'actor' && hit.type === 'demonym';
    adjective &&= hit.kind === 'actor' && hit.type === 'adjective';
    person ||= hit.kind === 'actor' && people.has(hit.slug);
  }
  for (let i = match.start; i < match.end; i++) flags[i]! |= KNOWN | (adjective ? ADJECTIVE : 0) | (person ? PERSON : 0);
  if (demonym) flags[match.end - 1]! |= DEMONYM;
}

/** Drops nationality adjectives that name a language or are a first name; see `adjectiveUse`. */
function withoutLanguageNames(tokens: Token[], candidates: ActorCandidate[], trace?: DropTrace): ActorCandidate[] {
  const uses = new Map<ActorCandidate, ReturnType<typeof adjectiveUse>>();
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const candidate of candidates) {
    if (!candidate.hits.some((h) => h.type === 'adjective')) continue;
    const use = adjectiveUse(tokens, candidate.start, candidate.end);
    uses.set(candidate, use);
    if (use === 'language') {
      starts.add(candidate.start);
      ends.add(candidate.end - 1);
    }
  }
  if (uses.size === 0) return candidates;
  const languages: PlaceIndex = { startsAt: (i) => starts.has(i), endsAt: (i) => ends.has(i) };
  const kept: ActorCandidate[] = [];
  for (const candidate of candidates) {
    let use = uses.get(candidate);
    if (use === 'state' && isCoordinatedWith(tokens, candidate.start, candidate.end, languages)) use = 'language';
    if (use === undefined || use === 'state') {
      kept.push(candidate);
      continue;
    }
    // "spreekt Chinees": the word that names a language is not a person of the country either.
    const hits = candidate.hits.filter((h) => h.type !== 'adjective' && h.type !== 'demonym');
    if (hits.length === 0) trace?.(candidate, [...new Set(candidate.hits.map((h) => h.slug))], 'names a language or a currency, a group of states (`Inter-`), or is a first name; not the state');
    if (hits.length > 0) kept.push({ ...candidate, hits });
  }
  return kept;
}

function addActorEvidence(
  evidence: ConflictEvidence,
  tokens: Token[],
  mentions: ResolvedMention[],
  weight: (token: Token) => number,
): void {
  for (const mention of mentions) {
    const w = weight(tokens[mention.start]!);
    evidence.actors.set(mention.slug, (evidence.actors.get(mention.slug) ?? 0) + w);
  }
}

function addWordEvidence(
  evidence: ConflictEvidence,
  tokens: Token[],
  matches: TrieMatch<EvidenceHit>[],
  mentions: ResolvedMention[],
  weight: (token: Token) => number,
  sectionOf: (token: number) => number,
): void {
  // A name read as an actor (`Teheran` for Iran's government) counts as that actor, not as a place of a conflict.
  const actorAt = new Set(mentions.map((mention) => mention.start));
  for (const match of matches) {
    const key = tokens
      .slice(match.start, match.end)
      .map((t) => t.key)
      .join(' ');
    const w = weight(tokens[match.start]!);
    for (const hit of match.values) {
      if (hit.kind === 'war') {
        evidence.war += w;
        continue;
      }
      if (hit.conflict === null || (hit.kind === 'place' && actorAt.has(match.start))) continue;
      let words = evidence.words.get(hit.conflict);
      if (!words) {
        words = { alias: new Map(), place: new Map(), signal: new Map(), sections: new Set() };
        evidence.words.set(hit.conflict, words);
      }
      words[hit.kind].set(key, (words[hit.kind].get(key) ?? 0) + w);
      words.sections.add(sectionOf(match.start));
    }
  }
}

// Prior reliability of each kind of name, before any ambiguity: a full name is near certain, a
// capital or seat of power stands for its state less surely than the state's own name.
const RELIABILITY: Record<AliasType, number> = {
  name: 0.98,
  surname: 0.9,
  'weak-surname': 0.85,
  adjective: 0.9,
  demonym: 0.9,
  metonym: 0.85,
  capital: 0.8,
  context: 0.85,
};

function provenance(mention: ResolvedMention): Pick<LinkedMention, 'method' | 'confidence'> {
  const ambiguous = mention.candidates > 1;
  const method = mention.via === 'name' && !ambiguous ? 'DICTIONARY' : 'RULE';
  // A name the context had to choose between several actors for is as sure as one chance in two at best.
  const confidence = RELIABILITY[mention.via] * (ambiguous ? Math.max(0.5, 1 - 0.25 * (mention.candidates - 1)) : 1);
  return { method, confidence: Math.round(confidence * 100) / 100 };
}

function groupMentions(body: string, tokens: Token[], mentions: ResolvedMention[]): LinkedActor[] {
  const bySlug = new Map<string, LinkedMention[]>();
  for (const mention of mentions) {
    const start = tokens[mention.start]!.start;
    const end = tokens[mention.end - 1]!.end;
    const spans = bySlug.get(mention.slug) ?? [];
    const { method, confidence } = provenance(mention);
    spans.push({ start, end, text: body.slice(start, end), method, confidence });
    bySlug.set(mention.slug, spans);
  }
  return [...bySlug].map(([slug, spans]) => ({ slug, mentions: spans }));
}

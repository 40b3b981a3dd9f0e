import { dayNumber, isRoleActive } from './dates.js';
import type { AliasType } from './lexicon.js';
import type { TitleFit } from './titles.js';
import type { KbActor } from './types.js';

/** A name found in the text, with every actor it may stand for (token indexes, `end` exclusive). */
export interface ActorCandidate {
  start: number;
  end: number;
  /** `country`: the state a `context` name waits for. */
  hits: { slug: string; type: AliasType; country?: string | undefined }[];
  /** The office named right before a surname ("minister Blok"): which roles fit it. */
  title?: TitleFit;
  /** Written as an acronym (`PvdA`, `CD&V`, `D66`): capitals inside the word, or a digit. */
  acronym?: boolean;
}

export interface ResolvedMention {
  start: number;
  end: number;
  slug: string;
  /** The kind of name that matched for the chosen actor. */
  via: AliasType;
  /** How many actors the name could stand for before the context decided. */
  candidates: number;
}

export interface ResolveContext {
  actors: Map<string, KbActor>;
  publishedOn: string;
  /** The paragraph of each token (its index among the text's paragraphs); absent for a text of one paragraph. */
  paragraphOf?: (token: number) => number;
  /** The states the article's title names: what the article is about. */
  titleStates?: ReadonlySet<string>;
}

/** Told of every name that matched the knowledge base and was not linked, with the reason (for curators). */
export type DropTrace = (span: { start: number; end: number }, slugs: string[], reason: string) => void;

// Dates in the corpus may be known to the month only.
const ROLE_MARGIN_DAYS = 31;
/** An office left this many days before the article or less still tells apart two people of one surname. */
const RECENTLY_LEFT_DAYS = 3 * 365;

/**
 * Decides which actor each name stands for. A name with one actor links to it (a surname only when it is
 * the only person of the knowledge base with that name, a weak surname only after the person's full name);
 * a name shared by several actors is decided by, in turn, the actors named unambiguously in the same article,
 * the roles held on the article's date, and the ties of the candidates to those actors; a name still shared
 * after that is left unlinked.
 */
export function resolveMentions(
  candidates: ActorCandidate[],
  ctx: ResolveContext,
  anchors: Anchors = anchorsOf(candidates),
  trace?: DropTrace,
  states: StatesNamed = statesNamedIn(candidates, stateIndexOf(ctx.actors), ctx.publishedOn),
): ResolvedMention[] {
  const resolved: ResolvedMention[] = [];
  const linked = new Set<string>();
  const unsettled: ActorCandidate[] = [];
  const about = articleState(states, ctx.titleStates ?? new Set<string>(), ctx.paragraphOf);
  for (const candidate of candidates) {
    const titled = candidate.title && byOffice(candidate, candidate.title, ctx);
    if (titled) {
      resolved.push(titled);
      linked.add(titled.slug);
      continue;
    }
    // A surname that is also a common word or someone's first name stands for a person named in full before.
    // A name shared across states (`PvdA`, `de Senaat`) stands for the actor of the state the article names
    // (`isStateNamedFor`). Both tests are written out here, not made as functions per name: this runs for every name.
    const hits = candidate.hits.filter(
      (h) =>
        (h.type !== 'weak-surname' || (anchors.get(h.slug) ?? Infinity) < candidate.start) &&
        (h.type !== 'context' || isStateNamedFor(candidate, h.country ?? '', states, about, ctx) || isHomeAcronym(h, candidate, ctx)),
    );
    const slugs = distinctSlugs(hits);
    const slug = decide(slugs, ctx, anchors, candidate.start) ?? nearestState(hits, candidate.start, states, ctx.paragraphOf ?? (() => 0));
    if (!slug && slugs.length === 0) unsettled.push(candidate);
    else if (!slug) {
      trace?.(candidate, slugs, `the name fits ${slugs.length} actors and neither the actors named in full, nor the roles held on the date, nor their ties decide`);
    }
    if (slug) {
      const via = hits.find((h) => h.slug === slug && h.type === 'name')?.type ?? hits.find((h) => h.slug === slug)!.type;
      resolved.push({ start: candidate.start, end: candidate.end, slug, via, candidates: slugs.length });
      linked.add(slug);
    }
  }
  // A shared body's name that waited for its state stands for the one body of the name the text links elsewhere
  // (`de Nationale Assemblee` in a paragraph that does not name Venezuela, of an article that links Venezuela's).
  const settled: ResolvedMention[] = [];
  // Failing that, the one body of the name of the state the article is about (`Ecuador in oorlog met bendes` over
  // `vraagt de Nationale Vergadering`): a paragraph about that state need not name it again.
  const titleStates = ctx.titleStates ?? new Set<string>();
  for (const candidate of unsettled) {
    let slugs = distinctSlugs(candidate.hits.filter((h) => h.type === 'context' && linked.has(h.slug)));
    const about = slugs.length === 0 ? articleState(states, titleStates, ctx.paragraphOf) : null;
    if (about) slugs = distinctSlugs(candidate.hits.filter((h) => h.type === 'context' && h.country === about));
    if (slugs.length === 1) {
      settled.push({ start: candidate.start, end: candidate.end, slug: slugs[0]!, via: 'context', candidates: 1 });
      continue;
    }
    const why = 'a surname that needs the full name before it, or a name that needs its state named in the paragraph or the title';
    trace?.(candidate, distinctSlugs(candidate.hits), why);
  }
  return settled.length === 0 ? resolved : [...resolved, ...settled].sort((a, b) => a.start - b.start);
}

/**
 * Whether the text names `state` where a body's name needs it. A body's name that many states' bodies have (`de
 * Senaat`, `de Raad van State`) needs its state named in its paragraph; a party's acronym (`PvdA`) anywhere in the
 * text. (One linked elsewhere in the text: see `resolveMentions`.) In an article about another state, a state the
 * text names in passing, or any state where the article's own has a body of the name, must be named before the body: `de Nationale Vergadering …, de rechters komen uit Nigeria`
 * in an article on the Gambia is not Nigeria's chamber.
 */
function isStateNamedFor(candidate: ActorCandidate, state: string, states: StatesNamed, about: string | null, ctx: ResolveContext): boolean {
  const named = states.get(state);
  if (named === undefined) return false;
  if (candidate.acronym === true) return true;
  const paragraph = ctx.paragraphOf?.(candidate.start) ?? 0;
  // Where the article's own state has a body of the name, another state counts only when named before it: `de Senaat
  // …, een geschenk van het Franse hof` in an article on Brazil is Brazil's Senate, however often France is named.
  const passing =
    about !== null &&
    about !== state &&
    (named.length <= PASSING_MENTIONS || candidate.hits.some((h) => h.type === 'context' && h.country === about));
  return named.some((i) => (ctx.paragraphOf?.(i) ?? 0) === paragraph && (i < candidate.start || !passing));
}

/**
 * "minister Blok", "de Amerikaanse president Bush": the one person of the name who holds an office that fits the
 * title on the article's date, even by a surname too weak to link alone; null when none or several fit.
 */
function byOffice(candidate: ActorCandidate, fits: TitleFit, ctx: ResolveContext): ResolvedMention | null {
  const slugs = distinctSlugs(candidate.hits);
  const holders = slugs.filter((slug) =>
    (ctx.actors.get(slug)?.roles ?? []).some((role) => fits(role) && isRoleActive(role, ctx.publishedOn, ROLE_MARGIN_DAYS)),
  );
  if (holders.length !== 1) return null;
  const via = candidate.hits.find((h) => h.slug === holders[0])!.type;
  return { start: candidate.start, end: candidate.end, slug: holders[0]!, via, candidates: slugs.length };
}

/** A state named this often or less is named in passing, in an article about another state. */
const PASSING_MENTIONS = 2;

/** The states a text names, each with the tokens where it is named: by its own names, or by a body of its own. */
export type StatesNamed = Map<string, number[]>;

/** Per actor, the state its full name names: its own, a body's state, or the states a person governs (by dated day). */
export type StateIndex = Map<string, { state: string | null; governs: { state: string; from: number; to: number }[] }>;

/** Worked out once per knowledge base: what naming each actor says of the states (see `statesNamedIn`). */
export function stateIndexOf(actors: Map<string, KbActor>): StateIndex {
  const index: StateIndex = new Map();
  for (const actor of actors.values()) {
    const state = actor.kind === 'STATE' ? actor.slug : actor.kind === 'ORGANIZATION' ? (actor.country ?? null) : null;
    const governs =
      actor.kind !== 'PERSON'
        ? []
        : actor.roles
            .filter((role) => role.code === 'GOV' && role.for !== null && actors.get(role.for)?.kind === 'STATE')
            .map((role) => ({
              state: role.for!,
              from: role.from === null ? -Infinity : dayNumber(role.from) - ROLE_MARGIN_DAYS,
              to: role.to === null ? Infinity : dayNumber(role.to) + ROLE_MARGIN_DAYS,
            }));
    if (state !== null || governs.length > 0) index.set(actor.slug, { state, governs });
  }
  return index;
}

/**
 * Where each state is named: by a name that is its alone (its name, adjective, demonym, capital or seat of
 * power), or by the full name of a body that belongs to it (`Tweede Kamer`, `Partij van de Arbeid`), which says
 * as much as the state's name does.
 */
export function statesNamedIn(candidates: ActorCandidate[], index: StateIndex, publishedOn?: string): StatesNamed {
  const states: StatesNamed = new Map();
  const add = (state: string, at: number) => {
    const positions = states.get(state);
    if (positions) positions.push(at);
    else states.set(state, [at]);
  };
  const day = publishedOn ? dayNumber(publishedOn) : null;
  for (const candidate of candidates) {
    const slug = candidate.hits[0]?.slug;
    const of = slug === undefined ? undefined : index.get(slug);
    if (!of || candidate.hits.some((h) => h.slug !== slug)) continue;
    if (!candidate.hits.some((h) => h.type !== 'surname' && h.type !== 'weak-surname' && h.type !== 'context')) continue;
    if (of.state) add(of.state, candidate.start);
    // A head of state or government, or a minister, named in full names the state he governs on the date.
    if (day !== null && of.governs.length > 0 && candidate.hits.some((h) => h.type === 'name')) {
      for (const role of of.governs) if (role.from <= day && day <= role.to) add(role.state, candidate.start);
    }
  }
  return states;
}

/**
 * Outlets in Dutch write the acronyms of Dutch and Flemish parties (`PvdA`, `CD&V`, `D66`) without naming the
 * state: at home, the party needs no introduction. A common word (`Kamer`, `Groen`, `Volt`) is no acronym.
 */
const HOME_STATES = new Set(['netherlands', 'belgium']);

function isHomeAcronym(hit: ActorCandidate['hits'][number], candidate: ActorCandidate, ctx: ResolveContext): boolean {
  if (!HOME_STATES.has(hit.country ?? '') || ctx.actors.get(hit.slug)?.kind !== 'ORGANIZATION') return false;
  return candidate.acronym === true;
}

/**
 * A name that stays shared by the actors of several states (`de Kamer`: the Dutch or the Belgian one) stands for
 * the actor of the state of them the paragraph named last before it (`Ook in België … In de Kamer vroeg …`); a
 * state named in another paragraph says nothing of it.
 */
function nearestState(hits: ActorCandidate['hits'], at: number, states: StatesNamed, paragraphOf: (token: number) => number): string | null {
  if (hits.length < 2 || hits.some((h) => h.type !== 'context')) return null;
  const paragraph = paragraphOf(at);
  let best: string | null = null;
  let bestAt = -Infinity;
  let tie = false;
  for (const slug of distinctSlugs(hits)) {
    const country = hits.find((h) => h.slug === slug)!.country ?? '';
    const last = Math.max(-Infinity, ...(states.get(country) ?? []).filter((i) => i < at && paragraphOf(i) === paragraph));
    if (last > bestAt) [best, bestAt, tie] = [slug, last, false];
    else if (last === bestAt) tie = true;
  }
  return bestAt > -Infinity && !tie ? best : null;
}

/** Actors named in a text by a name that is theirs alone and not a bare surname, with the token where first named. */
export type Anchors = Map<string, number>;

export function anchorsOf(candidates: ActorCandidate[]): Anchors {
  const anchors: Anchors = new Map();
  for (const candidate of candidates) {
    const slugs = distinctSlugs(candidate.hits);
    const named = candidate.hits.some((h) => h.type !== 'surname' && h.type !== 'weak-surname' && h.type !== 'context');
    if (slugs.length === 1 && named && !anchors.has(slugs[0]!)) anchors.set(slugs[0]!, candidate.start);
  }
  return anchors;
}

/**
 * The one actor a shared name stands for at token `at`, if the context settles it: the actors named in full
 * before it (read in order, a surname can only mean someone already introduced), then those named in full
 * anywhere, then those holding a role on the date, then those tied to an actor named in full.
 */
function decide(slugs: string[], ctx: ResolveContext, anchors: Anchors, at: number): string | null {
  if (slugs.length <= 1) return slugs[0] ?? null;
  const roles = (slug: string) => ctx.actors.get(slug)?.roles ?? [];
  const filters: ((slug: string) => boolean)[] = [
    (slug) => (anchors.get(slug) ?? Infinity) < at,
    (slug) => anchors.has(slug),
    (slug) => roles(slug).some((role) => isRoleActive(role, ctx.publishedOn, ROLE_MARGIN_DAYS)),
    // `Assad is gevallen` in 2025: of people of the name no longer in office, the one who left it lately.
    (slug) => roles(slug).some((role) => role.to !== null && leftLately(role.to, ctx.publishedOn)),
    (slug) =>
      roles(slug).some((role) => role.for !== null && anchors.has(role.for)) ||
      [...anchors.keys()].some((anchor) => roles(anchor).some((role) => role.for === slug)),
  ];
  let left = slugs;
  for (const keep of filters) {
    if (left.length <= 1) break;
    const kept = left.filter(keep);
    if (kept.length > 0) left = kept;
  }
  return left.length === 1 ? left[0]! : null;
}

/** Whether an office that ended on `to` ended before `date`, at most RECENTLY_LEFT_DAYS before. */
function leftLately(to: string, date: string): boolean {
  const days = dayNumber(date) - dayNumber(to);
  return days >= 0 && days <= RECENTLY_LEFT_DAYS;
}

function distinctSlugs(hits: ActorCandidate['hits']): string[] {
  // Most names have one or two hits: no set for those.
  const slugs: string[] = [];
  for (const hit of hits) if (!slugs.includes(hit.slug)) slugs.push(hit.slug);
  return slugs;
}

/**
 * The state an article is about: the one state its title names; with none in the title, the state its body names
 * most (twice at least, and more often than any other); otherwise null. Where two states are named equally often,
 * the lead decides (given `paragraphOf`): the one of them the first paragraph naming a state names, when it names only one (`De
 * Keniaanse hoofdstad …` of a report on an attack in Kenya by a Somali movement, which names Somalia as often).
 */
export function articleState(
  states: StatesNamed,
  titleStates: ReadonlySet<string>,
  paragraphOf?: (token: number) => number,
): string | null {
  if (titleStates.size === 1) return [...titleStates][0]!;
  if (titleStates.size > 1) return null;
  const counts = [...states].map(([slug, at]) => [slug, at.length] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = counts;
  if (!first || first[1] < 2) return null;
  if (!second || first[1] > second[1]) return first[0];
  if (!paragraphOf) return null;
  // The lead: the first paragraph that names a state (a byline may come before it).
  let lead = Infinity;
  for (const at of states.values()) for (const i of at) if (i >= 0) lead = Math.min(lead, paragraphOf(i));
  const inLead = counts.filter(([slug, n]) => n === first[1] && states.get(slug)!.some((i) => i >= 0 && paragraphOf(i) === lead));
  return inLead.length === 1 ? inLead[0]![0] : null;
}

import type { ActorKind, LinkedMention, LinkResult, ProvisionalActor } from '../linking/types.js';
import { sameOrganizationName } from './dutch-names.js';
import { NO_IDENTITY, sameName, type Identity } from './reconcile.js';

/** What a gold actor is, for scoring by class; annotated in the registry (whether a person is in the KB is not). */
export const ACTOR_CLASSES = ['person', 'state', 'body', 'international', 'armed-group'] as const;
export type ActorClass = (typeof ACTOR_CLASSES)[number];

/**
 * The classes actors are scored in: the registry's classes, with people split by whether the knowledge base
 * has them. An actor outside the registry (a false positive) takes the class of its linked kind, an
 * organisation counting as a body.
 */
export const SCORE_CLASSES = ['people-in-kb', 'people-not-in-kb', 'states', 'bodies', 'international', 'armed-groups'] as const;
export type ScoreClass = (typeof SCORE_CLASSES)[number];

/** A span that must stay unlinked: `text` as it occurs in the first occurrence of `context` in the clean body. */
export interface GoldSpan {
  text: string;
  context: string;
}

/** A span where an actor is named in a variant form (transliteration, title plus surname, possessive, …). */
export interface GoldForm extends GoldSpan {
  /** The actor the span must link to. */
  slug: string;
}

/** What a careful annotator links in one article; slugs are English Wikipedia titles in kebab-case. */
export interface GoldArticle {
  id: string;
  actors: string[];
  /** The conflicts the article reports on: each one missing is a miss. */
  conflicts: string[];
  /** Secondary conflicts: linking them is neither a hit nor an error. */
  conflictsAllowed: string[];
  unlinked: GoldSpan[];
  forms: GoldForm[];
}

/** What the scorer needs to know of the knowledge base. */
export interface KbIndex {
  actorKinds: ReadonlyMap<string, ActorKind>;
  conflicts: ReadonlySet<string>;
  /** A conflict's other slugs (another title of it), each to the slug the knowledge base links. */
  conflictSlugs?: ReadonlyMap<string, string>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Ratios in [0, 1]; null where the denominator is zero (nothing to measure). */
export interface Metrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface SlugDiff {
  /** Linked and in the gold. */
  found: string[];
  /** Linked but not in the gold (false positives). */
  spurious: string[];
  /** In the gold but not linked (false negatives). */
  missed: string[];
  /** The misses whose slug the knowledge base does not have: the linker could not have found them. */
  missedNotInKb: string[];
}

export interface KindError {
  slug: string;
  gold: ActorKind;
  /**
   * The kind the knowledge base gives the linked actor, or the linker the provisional one; null when the linked
   * slug is not among the knowledge base's actors.
   */
  linked: ActorKind | null;
  /** Present when the actor was found only as a provisional actor. */
  provisional?: true;
}

export interface TrapHit extends GoldSpan {
  /** The slugs linked to a mention inside the span. */
  slugs: string[];
}

export interface FormHit extends GoldForm {
  /** The slugs or provisional keys linked to a mention overlapping the span. */
  linked: string[];
}

export interface ArticleScore {
  id: string;
  /** The actors' hits, false positives and misses per class. */
  classes: Record<ScoreClass, Counts>;
  forms: {
    /** Forms linked to their slug (among others, perhaps). */
    found: GoldForm[];
    /** Forms linked, not to their slug but to an actor the text does not name. */
    wrong: FormHit[];
    /** Forms not linked to their slug, nor to an actor the text does not name. */
    missed: GoldForm[];
    /** Forms whose context is not in the clean body: a gold error, which the evaluation reports. */
    notInBody: GoldForm[];
  };
  actors: SlugDiff;
  /** `allowedFound` are the acceptable conflicts that were linked; they count neither way. */
  conflicts: SlugDiff & { allowedFound: string[] };
  kinds: {
    checked: number;
    correct: number;
    errors: KindError[];
    /** Found actors whose gold kind is not annotated; left out of the kind accuracy. */
    unannotated: string[];
  };
  traps: {
    /** Traps found in the clean body, so checkable. */
    checked: number;
    linked: TrapHit[];
    /** Traps whose context is not in the clean body (credits, bylines, datelines the parser removes). */
    notInBody: GoldSpan[];
  };
  /** What the provisional actors (scored by key, with the linked ones) moved: a part of `actors` and `kinds`. */
  provisional: ProvisionalScore;
}

export interface ProvisionalScore {
  /** Gold actors found only as provisional actors (in `actors.found`). */
  found: string[];
  /** Provisional actors not in the gold (in `actors.spurious`). */
  spurious: string[];
  /** Kinds of the found ones (in `kinds`). */
  kindsChecked: number;
  kindsCorrect: number;
}

export interface ScoreInput {
  gold: GoldArticle;
  result: LinkResult;
  /** The clean body the linker read: mention offsets refer to it. */
  body: string;
  kb: KbIndex;
  goldKinds: ReadonlyMap<string, ActorKind>;
  goldClasses: ReadonlyMap<string, ActorClass>;
  /** How a linked actor spelled otherwise is told to be a gold actor; none when left out. */
  identity?: Identity;
}

/** An actor the linker gave: a knowledge-base actor (its kind from the KB) or a provisional one (keyed by its name). */
interface Linked {
  slug: string;
  kind: ActorKind | null;
  mentions: readonly LinkedMention[];
}

/**
 * Knowledge-base and provisional actors alike, a provisional actor's key standing for its slug, each under the
 * gold slug of the same entity where the text's gold spells it otherwise (`goldSlugOf`).
 */
function linkedActors(result: LinkResult, kb: KbIndex, gold: GoldArticle, body: string, identity: Identity): Linked[] {
  return [
    ...result.actors.map((actor) => ({
      slug: kbGoldSlug(actor.slug, gold, identity),
      kind: kb.actorKinds.get(actor.slug) ?? null,
      mentions: actor.mentions,
    })),
    ...result.provisional.map((actor) => ({ slug: provisionalGoldSlug(actor, gold, body, kb, identity), kind: actor.kind, mentions: actor.mentions })),
  ];
}

/** A KB actor linked under its own slug counts for the gold slug of the same name, when the text's gold lists it. */
function kbGoldSlug(slug: string, gold: GoldArticle, identity: Identity): string {
  if (gold.actors.includes(slug)) return slug;
  return identity.sameAs.get(slug)?.find((goldSlug) => gold.actors.includes(goldSlug)) ?? slug;
}

/**
 * A provisional actor is keyed by its name as written (`sergej-aksjonov`), the gold by the English title
 * (`sergey-aksyonov`). It counts for a gold actor the knowledge base lacks when one of its mentions is a gold form
 * of that actor, inside it or around it (the annotator said the span names it), or when its name is that actor's
 * English name, a person's in another transliteration (`sameName`), an organisation's read word for word in English
 * (`sameOrganizationName`: `Universiteit van Cyprus`). A gold actor that the knowledge base holds under any slug is never
 * matched so: a provisional actor for it is a duplicate, and stays an error.
 */
function provisionalGoldSlug(actor: ProvisionalActor, gold: GoldArticle, body: string, kb: KbIndex, identity: Identity): string {
  if (gold.actors.includes(actor.key)) return actor.key;
  const inKb = new Set([...identity.sameAs.values()].flat());
  const open = (slug: string) => !kb.actorKinds.has(slug) && !inKb.has(slug);
  for (const form of gold.forms) {
    if (!open(form.slug)) continue;
    const where = locateSpan(body, form);
    // Nested, not merely overlapping: `De Zwarte` is not the form `Zwarte Michael`.
    const nested = (m: LinkedMention) => (m.start >= where!.start && m.end <= where!.end) || (m.start <= where!.start && m.end >= where!.end);
    if (where && actor.mentions.some(nested)) return form.slug;
  }
  const named = gold.actors.find((slug) => {
    const name = identity.goldNames.get(slug);
    if (!open(slug) || name === undefined) return false;
    if (sameName(actor.name, name, actor.kind === 'PERSON')) return true;
    return actor.kind !== 'PERSON' && identity.stateNames !== undefined && sameOrganizationName(actor.name, name, identity.stateNames);
  });
  return named ?? actor.key;
}

export function metrics({ tp, fp, fn }: Counts): Metrics {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function diff(gold: readonly string[], linked: ReadonlySet<string>, known: (slug: string) => boolean, ignore = new Set<string>()): SlugDiff {
  const wanted = new Set(gold);
  const missed = [...wanted].filter((slug) => !linked.has(slug));
  return {
    found: [...wanted].filter((slug) => linked.has(slug)),
    spurious: [...linked].filter((slug) => !wanted.has(slug) && !ignore.has(slug)),
    missed,
    missedNotInKb: missed.filter((slug) => !known(slug)),
  };
}

/** Where `span.text` lies in the body: inside the first occurrence of its context; null when either is absent. */
export function locateSpan(body: string, span: GoldSpan): { start: number; end: number } | null {
  const context = body.indexOf(span.context);
  const offset = context === -1 ? -1 : span.context.indexOf(span.text);
  if (offset === -1 || span.text === '') return null;
  const start = context + offset;
  return { start, end: start + span.text.length };
}

/**
 * A trap is linked when a mention overlaps it without strictly enclosing it: linking "Washington" in
 * "The Washington Post" is a hit, linking the whole "Abbas Araghchi" around the trap "Abbas" is not.
 */
export function checkTraps(body: string, traps: readonly GoldSpan[], actors: readonly { slug: string; mentions: readonly LinkedMention[] }[]): ArticleScore['traps'] {
  const linked: TrapHit[] = [];
  const notInBody: GoldSpan[] = [];
  for (const trap of traps) {
    const where = locateSpan(body, trap);
    if (!where) {
      notInBody.push(trap);
      continue;
    }
    const slugs = actors
      .filter((actor) =>
        actor.mentions.some((mention) => {
          const overlaps = mention.start < where.end && mention.end > where.start;
          const encloses = mention.start <= where.start && mention.end >= where.end && mention.end - mention.start > where.end - where.start;
          return overlaps && !encloses;
        }),
      )
      .map((actor) => actor.slug);
    if (slugs.length > 0) linked.push({ ...trap, slugs: [...new Set(slugs)] });
  }
  return { checked: traps.length - notInBody.length, linked, notInBody };
}

const overlaps = (mention: LinkedMention, where: { start: number; end: number }) => mention.start < where.end && mention.end > where.start;

/**
 * A form is found when an actor with its slug has a mention overlapping the span; wrong when, instead, an actor
 * the text does not name does ("Pentagon" linked to a department the gold does not list); missed otherwise. A
 * link to another actor of the text is no error: the adjective in "het Israëlische leger" rightly names Israel.
 */
export function checkForms(
  body: string,
  forms: readonly GoldForm[],
  actors: readonly { slug: string; mentions: readonly LinkedMention[] }[],
  goldActors: readonly string[],
): ArticleScore['forms'] {
  const scored: ArticleScore['forms'] = { found: [], wrong: [], missed: [], notInBody: [] };
  for (const form of forms) {
    const where = locateSpan(body, form);
    if (!where) {
      scored.notInBody.push(form);
      continue;
    }
    const linked = [...new Set(actors.filter((actor) => actor.mentions.some((m) => overlaps(m, where))).map((actor) => actor.slug))];
    if (linked.includes(form.slug)) scored.found.push(form);
    else if (linked.some((slug) => !goldActors.includes(slug))) scored.wrong.push({ ...form, linked });
    else scored.missed.push(form);
  }
  return scored;
}

function scoreClass(slug: string, kind: ActorKind | null, kb: KbIndex, goldClasses: ReadonlyMap<string, ActorClass>): ScoreClass {
  const annotated = goldClasses.get(slug);
  if (annotated === 'person' || (!annotated && kind === 'PERSON')) return kb.actorKinds.has(slug) ? 'people-in-kb' : 'people-not-in-kb';
  if (annotated === 'state' || (!annotated && kind === 'STATE')) return 'states';
  if (annotated === 'international') return 'international';
  if (annotated === 'armed-group' || (!annotated && kind === 'ARMED_GROUP')) return 'armed-groups';
  return 'bodies';
}

function countClasses(actors: SlugDiff, kindOf: (slug: string) => ActorKind | null, kb: KbIndex, goldClasses: ReadonlyMap<string, ActorClass>) {
  const classes = Object.fromEntries(SCORE_CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<ScoreClass, Counts>;
  const add = (slugs: string[], field: keyof Counts) => {
    for (const slug of slugs) classes[scoreClass(slug, kindOf(slug), kb, goldClasses)][field] += 1;
  };
  add(actors.found, 'tp');
  add(actors.spurious, 'fp');
  add(actors.missed, 'fn');
  return classes;
}

export function scoreArticle({ gold, result, body, kb, goldKinds, goldClasses, identity = NO_IDENTITY }: ScoreInput): ArticleScore {
  const linkedList = linkedActors(result, kb, gold, body, identity);
  const fromKb = linkedList.slice(0, result.actors.length);
  const fromProvisional = linkedList.slice(result.actors.length);
  const kbLinked = new Set(fromKb.map((actor) => actor.slug));
  const provisionalKinds = new Map<string, ActorKind>();
  for (const actor of fromProvisional) if (!kbLinked.has(actor.slug) && actor.kind) provisionalKinds.set(actor.slug, actor.kind);
  // A knowledge-base actor's kind wins over a provisional actor's of the same key.
  const linkedKinds = new Map(linkedList.filter((actor) => !kbLinked.has(actor.slug) || actor.kind !== null).map((actor) => [actor.slug, actor.kind]));
  for (const actor of fromKb) linkedKinds.set(actor.slug, actor.kind);
  const actors = diff(gold.actors, new Set(linkedKinds.keys()), (slug) => kb.actorKinds.has(slug));
  // A gold slug that is another title of a knowledge-base conflict means that conflict.
  const same = (slug: string) => kb.conflictSlugs?.get(slug) ?? slug;
  const goldConflicts = [...new Set(gold.conflicts.map(same))];
  const allowed = new Set(gold.conflictsAllowed.map(same).filter((slug) => !goldConflicts.includes(slug)));
  const linkedConflicts = new Set(result.conflicts.map((conflict) => conflict.slug));
  const conflicts = diff(goldConflicts, linkedConflicts, (slug) => kb.conflicts.has(slug), allowed);

  const errors: KindError[] = [];
  const unannotated: string[] = [];
  let correct = 0;
  const provisional: ProvisionalScore = {
    found: actors.found.filter((slug) => provisionalKinds.has(slug)),
    spurious: actors.spurious.filter((slug) => provisionalKinds.has(slug)),
    kindsChecked: 0,
    kindsCorrect: 0,
  };
  for (const slug of actors.found) {
    const goldKind = goldKinds.get(slug);
    if (!goldKind) {
      unannotated.push(slug);
      continue;
    }
    const provisionalKind = provisionalKinds.get(slug);
    const linked = linkedKinds.get(slug) ?? null;
    if (provisionalKind) provisional.kindsChecked += 1;
    if (linked === goldKind) {
      correct += 1;
      if (provisionalKind) provisional.kindsCorrect += 1;
    } else {
      errors.push({ slug, gold: goldKind, linked, ...(provisionalKind ? { provisional: true as const } : {}) });
    }
  }

  return {
    id: gold.id,
    classes: countClasses(actors, (slug) => linkedKinds.get(slug) ?? goldKinds.get(slug) ?? null, kb, goldClasses),
    forms: checkForms(body, gold.forms, linkedList, gold.actors),
    actors,
    conflicts: { ...conflicts, allowedFound: [...allowed].filter((slug) => linkedConflicts.has(slug)) },
    kinds: { checked: correct + errors.length, correct, errors, unannotated },
    traps: checkTraps(body, gold.unlinked, linkedList),
    provisional,
  };
}

export interface SlugSummary extends Counts, Metrics {
  /** Misses of slugs the knowledge base does not have (included in `fn`). */
  fnNotInKb: number;
  /** Recall counting only gold slugs the knowledge base has: linking quality apart from coverage. */
  recallKnown: number | null;
  /** Distinct gold slugs, over all articles, that the knowledge base does not have. */
  notInKb: string[];
}

export interface SetSummary {
  articles: number;
  actors: SlugSummary;
  conflicts: SlugSummary;
  /** The actors by class; their counts add up to `actors`'. */
  classes: Record<ScoreClass, Counts & Metrics>;
  /** Name forms: found are hits, wrong are false positives, wrong and missed are misses. */
  forms: Counts & Metrics;
  kinds: { checked: number; correct: number; accuracy: number | null; unannotated: string[] };
  traps: { total: number; checked: number; linked: number; notInBody: number };
  provisional: {
    /** Gold actors found only as provisional actors, summed over texts, and their distinct keys. */
    found: number;
    foundKeys: string[];
    /** Provisional actors not in the gold, summed over texts, and their distinct keys. */
    spurious: number;
    spuriousKeys: string[];
    kinds: { checked: number; correct: number; accuracy: number | null };
  };
}

function summarizeSlugs(diffs: SlugDiff[]): SlugSummary {
  const sum = (pick: (d: SlugDiff) => string[]) => diffs.reduce((total, d) => total + pick(d).length, 0);
  const counts = { tp: sum((d) => d.found), fp: sum((d) => d.spurious), fn: sum((d) => d.missed) };
  const fnNotInKb = sum((d) => d.missedNotInKb);
  const known = counts.tp + counts.fn - fnNotInKb;
  return {
    ...counts,
    ...metrics(counts),
    fnNotInKb,
    recallKnown: known === 0 ? null : counts.tp / known,
    notInKb: [...new Set(diffs.flatMap((d) => d.missedNotInKb))].sort(),
  };
}

/** Micro-averages over the articles: counts are summed first, ratios taken once. */
export function summarize(scores: readonly ArticleScore[]): SetSummary {
  const checked = scores.reduce((total, s) => total + s.kinds.checked, 0);
  const correct = scores.reduce((total, s) => total + s.kinds.correct, 0);
  const total = (pick: (s: ArticleScore) => number) => scores.reduce((sum, s) => sum + pick(s), 0);
  const withMetrics = (counts: Counts) => ({ ...counts, ...metrics(counts) });
  const classes = Object.fromEntries(
    SCORE_CLASSES.map((c) => [c, withMetrics({ tp: total((s) => s.classes[c].tp), fp: total((s) => s.classes[c].fp), fn: total((s) => s.classes[c].fn) })]),
  ) as SetSummary['classes'];
  const wrong = total((s) => s.forms.wrong.length);
  return {
    articles: scores.length,
    actors: summarizeSlugs(scores.map((s) => s.actors)),
    conflicts: summarizeSlugs(scores.map((s) => s.conflicts)),
    classes,
    forms: withMetrics({ tp: total((s) => s.forms.found.length), fp: wrong, fn: wrong + total((s) => s.forms.missed.length) }),
    kinds: {
      checked,
      correct,
      accuracy: checked === 0 ? null : correct / checked,
      unannotated: [...new Set(scores.flatMap((s) => s.kinds.unannotated))].sort(),
    },
    traps: {
      total: scores.reduce((total, s) => total + s.traps.checked + s.traps.notInBody.length, 0),
      checked: scores.reduce((total, s) => total + s.traps.checked, 0),
      linked: scores.reduce((total, s) => total + s.traps.linked.length, 0),
      notInBody: scores.reduce((total, s) => total + s.traps.notInBody.length, 0),
    },
    provisional: summarizeProvisional(scores.map((s) => s.provisional)),
  };
}

function summarizeProvisional(scores: ProvisionalScore[]): SetSummary['provisional'] {
  const checked = scores.reduce((total, s) => total + s.kindsChecked, 0);
  const correct = scores.reduce((total, s) => total + s.kindsCorrect, 0);
  const distinct = (pick: (s: ProvisionalScore) => string[]) => [...new Set(scores.flatMap(pick))].sort();
  return {
    found: scores.reduce((total, s) => total + s.found.length, 0),
    foundKeys: distinct((s) => s.found),
    spurious: scores.reduce((total, s) => total + s.spurious.length, 0),
    spuriousKeys: distinct((s) => s.spurious),
    kinds: { checked, correct, accuracy: checked === 0 ? null : correct / checked },
  };
}

import type { ActorKind, LinkedActor, LinkResult } from '../linking/types.js';

/** A span that must stay unlinked: `text` as it occurs in the first occurrence of `context` in the clean body. */
export interface GoldSpan {
  text: string;
  context: string;
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
}

/** What the scorer needs to know of the knowledge base. */
export interface KbIndex {
  actorKinds: ReadonlyMap<string, ActorKind>;
  conflicts: ReadonlySet<string>;
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

export interface ArticleScore {
  id: string;
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
export function checkTraps(body: string, traps: readonly GoldSpan[], actors: readonly LinkedActor[]): ArticleScore['traps'] {
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

export function scoreArticle({ gold, result, body, kb, goldKinds }: ScoreInput): ArticleScore {
  const linkedActors = new Set(result.actors.map((actor) => actor.slug));
  const provisionalKinds = new Map<string, ActorKind>();
  for (const actor of result.provisional) if (!linkedActors.has(actor.key)) provisionalKinds.set(actor.key, actor.kind);
  const actors = diff(gold.actors, new Set([...linkedActors, ...provisionalKinds.keys()]), (slug) => kb.actorKinds.has(slug));
  const allowed = new Set(gold.conflictsAllowed.filter((slug) => !gold.conflicts.includes(slug)));
  const linkedConflicts = new Set(result.conflicts.map((conflict) => conflict.slug));
  const conflicts = diff(gold.conflicts, linkedConflicts, (slug) => kb.conflicts.has(slug), allowed);

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
    const linked = provisionalKind ?? kb.actorKinds.get(slug) ?? null;
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
    actors,
    conflicts: { ...conflicts, allowedFound: [...allowed].filter((slug) => linkedConflicts.has(slug)) },
    kinds: { checked: correct + errors.length, correct, errors, unannotated },
    traps: checkTraps(body, gold.unlinked, [...result.actors, ...result.provisional.map((p) => ({ slug: p.key, mentions: p.mentions }))]),
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
  return {
    articles: scores.length,
    actors: summarizeSlugs(scores.map((s) => s.actors)),
    conflicts: summarizeSlugs(scores.map((s) => s.conflicts)),
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

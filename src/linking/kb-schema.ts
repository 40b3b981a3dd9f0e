import { z } from 'zod';
import type { ActorKind, KbStateCodes, KnowledgeBase } from './types.js';

/*
 * The YAML files of the knowledge base. Each file holds one list: `actors` (with the file's `kind`),
 * `conflicts` or `nonActors`; entries are validated one by one so an error can name its entry.
 */

export const ACTOR_KINDS = ['PERSON', 'STATE', 'ORGANIZATION', 'ARMED_GROUP'] as const;
export const CONFLICT_KINDS = [
  'INTERSTATE_WAR',
  'CIVIL_WAR',
  'INTERNATIONALIZED_CIVIL_WAR',
  'INSURGENCY',
  'DIPLOMATIC_CRISIS',
] as const;
export const CONFLICT_ROLES = ['BELLIGERENT', 'SUPPORTER', 'MEDIATOR'] as const;
export const NON_ACTOR_KINDS = ['outlet', 'agency', 'place', 'other'] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug such as `vladimir-putin`');
const text = z.string().trim().min(1, 'must not be empty');
const name = text.regex(/[\p{L}\p{N}]/u, 'must contain a letter or a digit');
const names = z.array(name).default([]);

// YAML reads an unquoted year as a number; the year alone is a valid (imprecise) date here.
const isoDate = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().superRefine((value, ctx) => {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO date (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)' });
    } else if (!isCalendarDate(value)) {
      ctx.addIssue({ code: 'custom', message: 'is not a date of the calendar' });
    }
  }),
);

const role = z.strictObject({
  title: text,
  for: slug.nullable().default(null),
  code: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter code such as GOV, MIL, REB, IGO, DIP'),
  from: isoDate.nullable().default(null),
  to: isoDate.nullable().default(null),
});

export const actorEntrySchema = z.strictObject({
  slug,
  name: text,
  nameNl: text,
  wikidata: z.string().regex(/^Q[1-9]\d*$/, 'must be a Wikidata id such as Q30').nullable().default(null),
  /** Names a reader knows the actor by; shown in the API. */
  aliases: names,
  /** Short forms of a person's name, linked only under the surname rule. */
  surnames: names,
  adjectives: names,
  demonyms: names,
  /** Institutions that stand for the actor: `Witte Huis`, `Kremlin`. */
  metonyms: names,
  /** Cities that stand for the state unless they are used as a place. */
  capitals: names,
  /** Names of the entry (its English name, say) that must not be matched: `Jordan` is a first name as often as a state. */
  unlinkedNames: names,
  /** The state the actor belongs to (slug): a party, a chamber. It is the context of `contextNames`. */
  country: slug.nullable().default(null),
  /**
   * Names that are not the actor's alone (`PvdA`, `de Senaat`, `Labour Party`): they link only in an article that
   * also names `country`, and never when another actor of the knowledge base has the name.
   */
  contextNames: names,
  /** The state whose national armed forces this actor is: `het Malinese leger` and `de Russische strijdkrachten` link to it. */
  armedForcesOf: slug.nullable().default(null),
  /** The movement an armed group is a branch of (`islamic-state` for its provinces). */
  branchOf: slug.nullable().default(null),
  /** The state whose national parliament this actor is: `het Pakistaanse parlement` links to it. */
  parliamentOf: slug.nullable().default(null),
  roles: z.array(role).default([]),
});

const isoAlpha3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as NLD');

/**
 * A state: with `iso`, the names and codes come from the world-countries package and the entry is an overlay
 * that adds what no package has (Dutch adjectives, demonyms, capitals in Dutch, seats of power, Wikidata id).
 */
export const stateEntrySchema = actorEntrySchema.extend({
  name: text.optional(),
  nameNl: text.optional(),
  iso: isoAlpha3.optional(),
});

/** Which states of the world-countries package the knowledge base takes whether or not an overlay names them. */
const packageSelection = z.strictObject({
  package: z.literal('world-countries'),
  /** Every state the package marks as a member of the United Nations. */
  unMembers: z.boolean().default(false),
  /** Non-member observer states (the package marks the Vatican as a member; the Holy See is an observer). */
  unObservers: z.array(isoAlpha3).default([]),
  also: z.array(isoAlpha3).default([]),
  /** Give every state without curated armed forces (`armedForcesOf`) armed forces derived from its names. */
  armedForces: z.boolean().default(false),
  /** Likewise a national parliament for every state without a curated one (`parliamentOf`). */
  parliaments: z.boolean().default(false),
});

/** Where a generated file comes from (`npm run kb:import`); curated entries win over its entries. */
export const sourceSchema = z.strictObject({
  name: text,
  repository: text,
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'must be a git commit hash'),
  licence: text,
  notice: text.optional(),
  generatedBy: text,
});

export const actorFileSchema = z.strictObject({
  source: sourceSchema.optional(),
  kind: z.enum(ACTOR_KINDS),
  include: packageSelection.optional(),
  actors: z.array(z.unknown()).default([]),
});

const party = z.strictObject({
  actor: slug,
  role: z.enum(CONFLICT_ROLES),
  side: text.nullable().default(null),
});

export const conflictEntrySchema = z.strictObject({
  slug,
  name: text,
  nameNl: text,
  kind: z.enum(CONFLICT_KINDS),
  wikidata: z.string().regex(/^Q[1-9]\d*$/, 'must be a Wikidata id such as Q30').nullable().default(null),
  startedOn: isoDate,
  endedOn: isoDate.nullable().default(null),
  parties: z.array(party).min(1, 'must name at least one party'),
  /** The broader conflict this one is a part of (a Gaza war of the Israeli–Palestinian conflict). */
  partOf: slug.nullable().default(null),
  /**
   * Other slugs of the same conflict (another or an older English Wikipedia title: `libyan-civil-war-2011` for
   * `first-libyan-civil-war`), so that a reference by either means this entry; never another entry's slug.
   */
  otherSlugs: z.array(slug).default([]),
  /** Dutch and English names of the conflict itself. */
  aliases: names,
  /** Places where it is fought. */
  places: names,
  /** Words that are evidence of it. */
  signals: names,
});

export const conflictFileSchema = z.strictObject({ conflicts: z.array(z.unknown()) });

export const nonActorEntrySchema = z.strictObject({
  name: text,
  kind: z.enum(NON_ACTOR_KINDS),
  aliases: names,
});

export const nonActorFileSchema = z.strictObject({ nonActors: z.array(z.unknown()) });

export type ActorEntry = z.infer<typeof actorEntrySchema>;
export type StateEntry = z.infer<typeof stateEntrySchema>;
export type KbSource = z.infer<typeof sourceSchema>;
export type PackageSelection = z.infer<typeof packageSelection>;
export type ConflictEntry = z.infer<typeof conflictEntrySchema>;
export type NonActorEntry = z.infer<typeof nonActorEntrySchema>;
export type NonActorKind = (typeof NON_ACTOR_KINDS)[number];

/** What the linker knows of an actor beyond `KbActor`. */
export interface ActorLexicon {
  slug: string;
  kind: ActorKind;
  surnames: string[];
  adjectives: string[];
  demonyms: string[];
  metonyms: string[];
  capitals: string[];
  /** Names of the actor that are not matched. */
  unlinkedNames: string[];
  /** Names that link only when the article also names this state (slug); see `actorEntrySchema`. */
  contextNames?: string[];
  country?: string | null;
  /** From a generated file: the surnames link only after the full name, never alone. */
  surnamesAfterFullName?: boolean;
  /** Slug of the state whose national armed forces the actor is, if it is. */
  armedForcesOf?: string | null;
  /** Slug of the state whose national parliament the actor is, if it is. */
  parliamentOf?: string | null;
}

export interface ConflictLexicon {
  slug: string;
  aliases: string[];
  places: string[];
  signals: string[];
}

/** A name that is not an actor and blocks any actor name inside it (`The Washington Post`, `Belga`). */
export interface NonActor {
  name: string;
  kind: NonActorKind;
  aliases: string[];
}

export interface KbLexicon {
  actors: ActorLexicon[];
  conflicts: ConflictLexicon[];
  nonActors: NonActor[];
}

/** The normalised knowledge base of types.ts, with the words the linker matches on beside it. */
export interface LinkingKnowledgeBase extends KnowledgeBase {
  lexicon: KbLexicon;
  /** ISO codes and UN standing of every state taken from the package or given an `iso`. */
  states: KbStateCodes[];
}

function isCalendarDate(value: string): boolean {
  const [y, m = '01', d = '01'] = value.split('-');
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}`;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  actorEntrySchema,
  actorFileSchema,
  conflictEntrySchema,
  conflictFileSchema,
  nonActorEntrySchema,
  nonActorFileSchema,
  stateEntrySchema,
  type ActorEntry,
  type ActorLexicon,
  type ConflictEntry,
  type LinkingKnowledgeBase,
  type NonActor,
  type PackageSelection,
} from './kb-schema.js';
import { mergeStates, type LocatedState } from './states.js';
import type { ActorKind, KbActor, KbConflict, KbRole } from './types.js';

export type { ActorLexicon, ConflictLexicon, KbLexicon, LinkingKnowledgeBase, NonActor } from './kb-schema.js';

export const defaultKnowledgeBaseDir = fileURLToPath(new URL('../../seeds/kb/', import.meta.url));

export interface KnowledgeBaseProblem {
  /** Path of the file, relative to the knowledge base directory. */
  file: string;
  /** `"slug"` or `#index` of the entry; null for a problem with the file itself. */
  entry: string | null;
  /** Dotted path of the field (`roles[0].from`); null when the whole entry or file is wrong. */
  field: string | null;
  message: string;
}

/** The knowledge base does not load; the message names every file, entry and field that is wrong. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
  readonly problems: KnowledgeBaseProblem[];

  constructor(problems: KnowledgeBaseProblem[]) {
    const lines = problems.map(formatProblem);
    super(lines.length === 1 ? lines[0] : `${lines.length} problems in the knowledge base:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

function formatProblem(p: KnowledgeBaseProblem): string {
  return [p.file, p.entry && `entry ${p.entry}`, p.field && `field ${p.field}`, p.message].filter(Boolean).join(': ');
}

interface Located<T> {
  file: string;
  entry: string;
  value: T;
}

/** Reads every `.yaml` file under `dir` (recursively, in name order), validates it and normalises it. */
export function loadKnowledgeBase(dir: string = defaultKnowledgeBaseDir): LinkingKnowledgeBase {
  const problems: KnowledgeBaseProblem[] = [];
  const actors: Located<ActorEntry & { kind: ActorKind }>[] = [];
  const conflicts: Located<ConflictEntry>[] = [];
  const nonActors: NonActor[] = [];
  const states: LocatedState[] = [];
  const includes: { file: string; selection: PackageSelection }[] = [];

  for (const path of yamlFiles(dir)) {
    const file = relative(dir, path);
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push({ file, entry: null, field: null, message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const shape = doc !== null && typeof doc === 'object' ? Object.keys(doc) : [];
    if (shape.includes('actors') || shape.includes('include')) {
      const parsed = check(actorFileSchema, doc, file, null, problems);
      if (parsed?.include && parsed.kind !== 'STATE') {
        problems.push({ file, entry: null, field: 'include', message: 'only a file of kind STATE includes states from a package' });
      } else if (parsed?.include) {
        includes.push({ file, selection: parsed.include });
      }
      for (const [i, raw] of (parsed?.actors ?? []).entries()) {
        const entry = entryLabel(raw, 'slug', i);
        if (parsed?.kind === 'STATE') {
          const value = check(stateEntrySchema, raw, file, entry, problems);
          if (value) states.push({ file, entry, value });
          continue;
        }
        const value = check(actorEntrySchema, raw, file, entry, problems);
        if (value && parsed) actors.push({ file, entry, value: { ...value, kind: parsed.kind } });
      }
    } else if (shape.includes('conflicts')) {
      const parsed = check(conflictFileSchema, doc, file, null, problems);
      for (const [i, raw] of (parsed?.conflicts ?? []).entries()) {
        const entry = entryLabel(raw, 'slug', i);
        const value = check(conflictEntrySchema, raw, file, entry, problems);
        if (value) conflicts.push({ file, entry, value });
      }
    } else if (shape.includes('nonActors')) {
      const parsed = check(nonActorFileSchema, doc, file, null, problems);
      for (const [i, raw] of (parsed?.nonActors ?? []).entries()) {
        const value = check(nonActorEntrySchema, raw, file, entryLabel(raw, 'name', i), problems);
        if (value) nonActors.push(value);
      }
    } else {
      problems.push({ file, entry: null, field: null, message: 'must hold a list under `actors`, `conflicts` or `nonActors`' });
    }
  }

  const merged = mergeStates(includes, states, problems);
  actors.push(...merged.entries.map((e) => ({ ...e, value: { ...e.value, kind: 'STATE' as const } })));
  crossCheck(actors, conflicts, problems);
  if (problems.length > 0) throw new KnowledgeBaseError(problems);

  return {
    actors: actors.map(({ value }) => toKbActor(value)),
    conflicts: conflicts.map(({ value }) => toKbConflict(value)),
    lexicon: {
      actors: actors.map(({ value }): ActorLexicon => ({
        slug: value.slug,
        kind: value.kind,
        surnames: value.surnames,
        adjectives: value.adjectives,
        demonyms: value.demonyms,
        metonyms: value.metonyms,
        capitals: value.capitals,
        unlinkedNames: value.unlinkedNames,
        armedForcesOf: value.armedForcesOf,
      })),
      conflicts: conflicts.map(({ value }) => ({
        slug: value.slug,
        aliases: [value.name, value.nameNl, ...value.aliases],
        places: value.places,
        signals: value.signals,
      })),
      nonActors,
    },
    states: merged.codes,
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}

function entryLabel(raw: unknown, key: string, index: number): string {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? `"${value}"` : `#${index + 1}`;
}

function check<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  entry: string | null,
  problems: KnowledgeBaseProblem[],
): z.output<S> | null {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    for (const key of keys) {
      const path = key === null ? issue.path : [...issue.path, key];
      problems.push({
        file,
        entry,
        field: path.length > 0 ? formatPath(path) : null,
        message: key === null ? issue.message : 'is not a known field',
      });
    }
  }
  return null;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function crossCheck(
  actors: Located<ActorEntry & { kind: ActorKind }>[],
  conflicts: Located<ConflictEntry>[],
  problems: KnowledgeBaseProblem[],
): void {
  const actorSlugs = new Map<string, string>();
  for (const { file, entry, value } of actors) {
    const first = actorSlugs.get(value.slug);
    if (first) problems.push({ file, entry, field: 'slug', message: `duplicate slug, first defined in ${first}` });
    else actorSlugs.set(value.slug, file);
  }
  const states = new Set(actors.filter((a) => a.value.kind === 'STATE').map((a) => a.value.slug));
  for (const { file, entry, value } of actors) {
    if (value.armedForcesOf !== null && !states.has(value.armedForcesOf)) {
      problems.push({ file, entry, field: 'armedForcesOf', message: `"${value.armedForcesOf}" is not the slug of a state` });
    }
    value.roles.forEach((role, i) => {
      if (role.for !== null && !actorSlugs.has(role.for)) {
        problems.push({ file, entry, field: `roles[${i}].for`, message: `unknown actor slug "${role.for}"` });
      }
      if (role.from && role.to && startOf(role.from) > endOf(role.to)) {
        problems.push({ file, entry, field: `roles[${i}].to`, message: `ends (${role.to}) before it starts (${role.from})` });
      }
    });
  }

  const conflictSlugs = new Map<string, string>();
  for (const { file, entry, value } of conflicts) {
    const first = conflictSlugs.get(value.slug);
    if (first) problems.push({ file, entry, field: 'slug', message: `duplicate slug, first defined in ${first}` });
    else conflictSlugs.set(value.slug, file);
    if (value.endedOn && startOf(value.startedOn) > endOf(value.endedOn)) {
      problems.push({ file, entry, field: 'endedOn', message: `ends (${value.endedOn}) before it starts (${value.startedOn})` });
    }
    if (value.partOf !== null && !conflicts.some((c) => c.value.slug === value.partOf)) {
      problems.push({ file, entry, field: 'partOf', message: `unknown conflict slug "${value.partOf}"` });
    }
    if (value.partOf === value.slug) problems.push({ file, entry, field: 'partOf', message: 'a conflict is not a part of itself' });
    const seen = new Set<string>();
    value.parties.forEach((party, i) => {
      if (!actorSlugs.has(party.actor)) {
        problems.push({ file, entry, field: `parties[${i}].actor`, message: `unknown actor slug "${party.actor}"` });
      }
      const key = `${party.actor} ${party.role}`;
      if (seen.has(key)) {
        problems.push({ file, entry, field: `parties[${i}]`, message: `${party.actor} is listed twice as ${party.role}` });
      }
      seen.add(key);
    });
  }
}

function toKbActor(entry: ActorEntry & { kind: ActorKind }): KbActor {
  const aliases = [...new Set([...entry.aliases, ...entry.surnames])].filter(
    (alias) => alias !== entry.name && alias !== entry.nameNl,
  );
  return {
    slug: entry.slug,
    name: entry.name,
    nameNl: entry.nameNl,
    kind: entry.kind,
    aliases,
    wikidataId: entry.wikidata,
    roles: entry.roles.map(
      (role): KbRole => ({
        title: role.title,
        for: role.for,
        code: role.code,
        from: role.from === null ? null : startOf(role.from),
        to: role.to === null ? null : endOf(role.to),
      }),
    ),
  };
}

function toKbConflict(entry: ConflictEntry): KbConflict {
  return {
    slug: entry.slug,
    name: entry.name,
    nameNl: entry.nameNl,
    kind: entry.kind,
    startedOn: startOf(entry.startedOn),
    endedOn: entry.endedOn === null ? null : endOf(entry.endedOn),
    parties: entry.parties.map((p) => ({ actor: p.actor, role: p.role, side: p.side })),
    partOf: entry.partOf,
  };
}

/** `2019` → `2019-01-01`, `2019-09` → `2019-09-01`. */
function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** `2019` → `2019-12-31`, `2019-02` → `2019-02-28`. */
function endOf(date: string): string {
  if (date.length === 10) return date;
  const [y, m] = date.length === 4 ? [Number(date), 12] : date.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m!, 0));
  return last.toISOString().slice(0, 10);
}

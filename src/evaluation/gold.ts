import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ActorKind } from '../linking/types.js';
import type { GoldArticle } from './score.js';

export class GoldError extends Error {
  override name = 'GoldError';
}

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug');
const span = z.object({ text: z.string().min(1), context: z.string().min(1) });
const kind = z.enum(['PERSON', 'STATE', 'ORGANIZATION', 'ARMED_GROUP']);

const articleGold = z.object({
  actors: z.array(slug),
  conflicts: z.array(slug),
  conflictsAllowed: z.array(slug).default([]),
  unlinked: z.array(span).default([]),
});

const evalGoldSchema = z.object({
  $comment: z.string().optional(),
  conflicts: z.record(slug, z.object({ name: z.string().min(1), description: z.string().min(1) })),
  actors: z.record(slug, z.object({ name: z.string().min(1), kind })),
  articles: z.record(z.string().min(1), articleGold),
});

/** The held-out gold: a catalogue of conflicts, a registry of actors with their kinds, and the articles. */
export interface EvalGold {
  conflicts: Map<string, { name: string; description: string }>;
  actors: Map<string, { name: string; kind: ActorKind }>;
  articles: GoldArticle[];
}

function problems(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new GoldError(`${path}: ${(error as Error).message}`);
  }
}

/** Checks the shape and that every slug an article uses is in the registry or the catalogue. */
export function readEvalGold(json: unknown, source = 'gold'): EvalGold {
  const parsed = evalGoldSchema.safeParse(json);
  if (!parsed.success) throw new GoldError(`${source} is not valid:\n${problems(parsed.error)}`);
  const { conflicts, actors, articles } = parsed.data;
  const unknown: string[] = [];
  for (const [id, article] of Object.entries(articles)) {
    for (const s of article.actors) if (!(s in actors)) unknown.push(`${id}: actor ${s} is not in the registry`);
    for (const s of [...article.conflicts, ...article.conflictsAllowed]) {
      if (!(s in conflicts)) unknown.push(`${id}: conflict ${s} is not in the catalogue`);
    }
  }
  if (unknown.length > 0) throw new GoldError(`${source}:\n  ${unknown.join('\n  ')}`);
  return {
    conflicts: new Map(Object.entries(conflicts)),
    actors: new Map(Object.entries(actors)),
    articles: Object.entries(articles).map(([id, article]) => ({ id, ...article })),
  };
}

export async function loadEvalGold(path: string): Promise<EvalGold> {
  return readEvalGold(await readJson(path), path);
}

/** The seeds' gold keeps articles at the top level beside `$comment`; extra fields (mentions, mainConflict) are not scored. */
export function readSeedsGold(json: unknown, source = 'seeds gold'): GoldArticle[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new GoldError(`${source} must be an object`);
  const articles: GoldArticle[] = [];
  for (const [id, value] of Object.entries(json)) {
    if (id.startsWith('$')) continue;
    const parsed = articleGold.safeParse(value);
    if (!parsed.success) throw new GoldError(`${source}, article ${id}:\n${problems(parsed.error)}`);
    articles.push({ id, ...parsed.data });
  }
  return articles;
}

export async function loadSeedsGold(path: string): Promise<GoldArticle[]> {
  return readSeedsGold(await readJson(path), path);
}

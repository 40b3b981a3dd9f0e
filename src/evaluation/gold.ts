import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ActorKind } from '../linking/types.js';
import { ACTOR_CLASSES, type ActorClass, type GoldArticle } from './score.js';

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
  forms: z.array(span.extend({ slug })).default([]),
});

/** The classes each kind allows: an organisation is a domestic body or an international one. */
const CLASSES_OF_KIND: Record<ActorKind, readonly ActorClass[]> = {
  PERSON: ['person'],
  STATE: ['state'],
  ORGANIZATION: ['body', 'international'],
  ARMED_GROUP: ['armed-group'],
};

const evalGoldSchema = z.object({
  $comment: z.string().optional(),
  conflicts: z.record(slug, z.object({ name: z.string().min(1), description: z.string().min(1) })),
  actors: z.record(slug, z.object({ name: z.string().min(1), kind, class: z.enum(ACTOR_CLASSES) })),
  articles: z.record(z.string().min(1), articleGold),
  realStyle: z.record(z.string().min(1), articleGold).default({}),
  blind: z.record(z.string().min(1), articleGold).default({}),
  blind2: z.record(z.string().min(1), articleGold).default({}),
  blind3: z.record(z.string().min(1), articleGold).default({}),
  blind4: z.record(z.string().min(1), articleGold).default({}),
  blind5: z.record(z.string().min(1), articleGold).default({}),
  blind6: z.record(z.string().min(1), articleGold).default({}),
  blind7: z.record(z.string().min(1), articleGold).default({}),
  blind8: z.record(z.string().min(1), articleGold).default({}),
});

export interface GoldActor {
  name: string;
  kind: ActorKind;
  class: ActorClass;
}

/**
 * The held-out gold: a catalogue of conflicts, a registry of actors with their kinds and classes, and three
 * sets of articles sharing them (`articles`, short texts; `realStyle`, long texts as outlets publish them;
 * `blind` to `blind8`, texts of the same kind committed with their gold before the linker first ran on them).
 */
export interface EvalGold {
  conflicts: Map<string, { name: string; description: string }>;
  actors: Map<string, GoldActor>;
  articles: GoldArticle[];
  realStyle: GoldArticle[];
  blind: GoldArticle[];
  /** A second blind set, written later on further conflicts and years, committed before the linker ran on it. */
  blind2: GoldArticle[];
  /** A third blind set on further conflicts, crises and years (2010–2025), committed before any linker change made for it. */
  blind3: GoldArticle[];
  /** A fourth blind set of longer texts on further conflicts and crises (2010–2022), committed with its first score before any linker change made for it. */
  blind4: GoldArticle[];
  /** A fifth blind set on further conflicts and crises (2016–2024: Wagner, Khartoum, Iraq, Manipur, Peru, Bangladesh, Gabon, Karakalpakstan, the South China Sea award, Kenya), committed with its first score before any linker change made for it. */
  blind5: GoldArticle[];
  /** A sixth blind set of long texts on further conflicts and crises (2012–2025: Maidan, Paris, Swat, the Capitol, Brasília, Israel's judicial reform, Mozambique, Guinea, Gorno-Badakhshan, Serbia), committed with its first score before any linker change made for it. */
  blind6: GoldArticle[];
  /** A seventh blind set of long texts on further conflicts and crises (2013–2025: In Amenas, the Su-24 shootdown, Skripal, Khashoggi, Lekki, Chile, South Korea's martial law, Georgia, Cambodia–Thailand, India–Pakistan, Saudi Arabia–Iran, Moïse), committed with its first score before any linker change made for it. */
  blind7: GoldArticle[];
  /** An eighth blind set of long texts on further conflicts and crises (2011–2025: Oslo and Utøya, Ghouta, Gezi Park, Westgate, Iguala, Navalny, Cuba, Sri Lanka, Essequibo, Senegal, Madagascar, Afghanistan–Pakistan), committed with its gold before the linker first ran on it. */
  blind8: GoldArticle[];
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

/**
 * Checks the shape, that each registry class fits its kind, that every slug an article uses is in the registry
 * or the catalogue, and that every form names one of its article's actors.
 */
export function readEvalGold(json: unknown, source = 'gold'): EvalGold {
  const parsed = evalGoldSchema.safeParse(json);
  if (!parsed.success) throw new GoldError(`${source} is not valid:\n${problems(parsed.error)}`);
  const { conflicts, actors, articles, realStyle, blind, blind2, blind3, blind4, blind5, blind6, blind7, blind8 } = parsed.data;
  const wrong: string[] = [];
  for (const [s, actor] of Object.entries(actors)) {
    if (!CLASSES_OF_KIND[actor.kind].includes(actor.class)) wrong.push(`actor ${s}: class ${actor.class} does not fit kind ${actor.kind}`);
  }
  for (const [id, article] of [...Object.entries(articles), ...Object.entries(realStyle), ...Object.entries(blind), ...Object.entries(blind2), ...Object.entries(blind3), ...Object.entries(blind4), ...Object.entries(blind5), ...Object.entries(blind6), ...Object.entries(blind7), ...Object.entries(blind8)]) {
    for (const s of article.actors) if (!(s in actors)) wrong.push(`${id}: actor ${s} is not in the registry`);
    for (const s of [...article.conflicts, ...article.conflictsAllowed]) {
      if (!(s in conflicts)) wrong.push(`${id}: conflict ${s} is not in the catalogue`);
    }
    for (const form of article.forms) {
      if (!article.actors.includes(form.slug)) wrong.push(`${id}: form "${form.text}" links to ${form.slug}, which is not among the text's actors`);
    }
  }
  if (wrong.length > 0) throw new GoldError(`${source}:\n  ${wrong.join('\n  ')}`);
  const list = (record: typeof articles) => Object.entries(record).map(([id, article]) => ({ id, ...article }));
  return {
    conflicts: new Map(Object.entries(conflicts)),
    actors: new Map(Object.entries(actors)),
    articles: list(articles),
    realStyle: list(realStyle),
    blind: list(blind),
    blind2: list(blind2),
    blind3: list(blind3),
    blind4: list(blind4),
    blind5: list(blind5),
    blind6: list(blind6),
    blind7: list(blind7),
    blind8: list(blind8),
  };
}

export async function loadEvalGold(path: string): Promise<EvalGold> {
  return readEvalGold(await readJson(path), path);
}

/**
 * The seeds' gold keeps articles at the top level beside `$comment`; its `mentions` (a name form, its context and
 * slug) are scored as forms, `mainConflict` is not scored.
 */
export function readSeedsGold(json: unknown, source = 'seeds gold'): GoldArticle[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new GoldError(`${source} must be an object`);
  const articles: GoldArticle[] = [];
  for (const [id, value] of Object.entries(json)) {
    if (id.startsWith('$')) continue;
    const mentions = typeof value === 'object' && value !== null && 'mentions' in value ? value.mentions : undefined;
    const parsed = articleGold.safeParse({ ...value, forms: mentions });
    if (!parsed.success) throw new GoldError(`${source}, article ${id}:\n${problems(parsed.error)}`);
    articles.push({ id, ...parsed.data });
  }
  return articles;
}

export async function loadSeedsGold(path: string): Promise<GoldArticle[]> {
  return readSeedsGold(await readJson(path), path);
}

import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { ParsedArticle } from '../../src/corpus/types.js';
import type { Db } from '../../src/db/client.js';
import { actors, conflictActors, conflicts } from '../../src/db/schema.js';
import { storeArticle } from '../../src/ingest/store.js';
import type { ArticleLinks } from '../../src/ingest/store.js';

let counter = 0;

/** A parsed article with made-up Dutch text; each call gives a new one. */
export function parsedArticle(overrides: Partial<ParsedArticle> = {}): ParsedArticle {
  counter += 1;
  const body =
    overrides.body ??
    `Fabrieksartikel ${counter}: de gesprekken over een bestand liepen opnieuw vast.\n\nDe onderhandelaars spreken volgende week weer af.`;
  return {
    externalId: `factory_${process.pid}_${counter}`,
    title: `Fabrieksartikel ${counter}`,
    sources: ['Belga'],
    publishedOn: `2020-${String((counter % 12) + 1).padStart(2, '0')}-01`,
    datePrecision: 'MONTH',
    language: 'nl',
    raw: ` date 2020-01 ${body}`,
    ...overrides,
    body,
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
}

/**
 * Stores `count` articles through the real store path, each linked to every given actor (two
 * one-letter mentions each, at most 40 actors) and conflict, with the article fields given
 * (`publishedOn` …) over the factory's own. Returns the article ids.
 */
export async function addLinkedArticles(
  db: Db,
  count: number,
  links: { actorSlugs: string[]; conflictSlugs: string[]; article?: Partial<ParsedArticle> },
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const article = parsedArticle(links.article);
    const result: ArticleLinks = {
      provisional: [],
      unlinked: [],
      actors: links.actorSlugs.map((slug, n) => ({
        slug,
        mentions: [2 * n, 2 * n + 1].map((start) => ({
          start,
          end: start + 1,
          text: article.body.slice(start, start + 1),
          method: 'MANUAL' as const,
          confidence: 1,
        })),
      })),
      conflicts: links.conflictSlugs.map((slug) => ({ slug, score: 0.5 })),
    };
    ids.push((await storeArticle(db, article, result)).articleId);
  }
  return ids;
}

/**
 * Stores `count` articles through the real store path, spread over the given actors and
 * conflicts: article i names three actors and reports on three conflicts, taken in turn, so that
 * every actor and conflict has articles once `count` reaches a third of the longer list.
 */
export async function addArticlesAcross(
  db: Db,
  count: number,
  links: { actorSlugs: string[]; conflictSlugs: string[] },
): Promise<number[]> {
  const take = (list: string[], i: number) => [...new Set([0, 1, 2].map((k) => list[(3 * i + k) % list.length]!))];
  const run = (counter += 1);
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push(
      await addArticle(db, {
        externalId: `across_${process.pid}_${run}_${i}`,
        publishedOn: `20${String(10 + (i % 15))}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        sources: ['Belga'],
        actorSlugs: take(links.actorSlugs, i),
        conflictSlugs: take(links.conflictSlugs, i),
      }),
    );
  }
  return ids;
}

/**
 * Conflicts beyond the knowledge base's (which has fewer than 50), each with two parties, until
 * there are `count`; returns the slugs of all conflicts.
 */
export async function ensureConflicts(db: Db, count: number, partySlugs: string[]): Promise<string[]> {
  const existing = await someSlugs(db, 'conflicts', count);
  const parties = await idsOf(db, 'actors', partySlugs.slice(0, 2));
  for (let n = existing.length + 1; n <= count; n += 1) {
    const slug = `factory-conflict-${String(n).padStart(3, '0')}`;
    const [row] = await db
      .insert(conflicts)
      .values({ slug, name: `Factory conflict ${n}`, nameNl: `Fabrieksconflict ${n}`, kind: 'CIVIL_WAR', startedOn: '2000-01-01' })
      .returning({ id: conflicts.id });
    await db.insert(conflictActors).values(parties.map((actorId) => ({ conflictId: row!.id, actorId, role: 'BELLIGERENT' as const })));
    existing.push(slug);
  }
  return existing;
}

export async function someSlugs(db: Db, what: 'actors' | 'conflicts', count: number): Promise<string[]> {
  const table = what === 'actors' ? actors : conflicts;
  const rows = await db.select({ slug: table.slug }).from(table).orderBy(table.id).limit(count);
  return rows.map((row) => row.slug);
}

export async function idsOf(db: Db, what: 'actors' | 'conflicts', slugs: string[]): Promise<number[]> {
  const table = what === 'actors' ? actors : conflicts;
  const rows = await db.select({ id: table.id }).from(table).where(inArray(table.slug, slugs));
  return rows.map((row) => row.id);
}

export interface ArticleSpec {
  externalId: string;
  publishedOn: string;
  sources?: string[];
  actorSlugs?: string[];
  conflictSlugs?: string[];
  body?: string;
  title?: string;
}

/** Stores one article exactly as specified (links included) through the real store path. */
export async function addArticle(db: Db, spec: ArticleSpec): Promise<number> {
  const article = parsedArticle({
    externalId: spec.externalId,
    publishedOn: spec.publishedOn,
    sources: spec.sources ?? [],
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.title ? { title: spec.title } : {}),
  });
  const links: ArticleLinks = {
    provisional: [],
    unlinked: [],
    actors: (spec.actorSlugs ?? []).map((slug, n) => ({
      slug,
      mentions: [{ start: n, end: n + 1, text: article.body.slice(n, n + 1), method: 'MANUAL' as const, confidence: 1 }],
    })),
    conflicts: (spec.conflictSlugs ?? []).map((slug) => ({ slug, score: 0.5 })),
  };
  return (await storeArticle(db, article, links)).articleId;
}

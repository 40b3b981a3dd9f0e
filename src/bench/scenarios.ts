import { readFileSync } from 'node:fs';
import type postgres from 'postgres';
import { actorProfileFloor, articlesWithEntitiesFloor, conflictTraversalFloor, searchArticlesFloor, type FloorCall } from './floor.js';
import type { InProcessApp } from './in-process.js';
import type { QueryName } from './options.js';

/** One contract query under load: its variable sets (sent in turn) and the floor statement of each. */
export interface Scenario {
  name: QueryName;
  /** What the load is, for the report. */
  workload: string;
  operation: string;
  variableSets: Record<string, unknown>[];
  floor: FloorCall[];
  /** Whether a sampled response's data is what the operation should return. */
  check(data: Record<string, any>): boolean;
}

const operationsDir = new URL('../../schema/operations/', import.meta.url);

export function contractOperation(name: QueryName): string {
  return readFileSync(new URL(`${name}.graphql`, operationsDir), 'utf8');
}

// Names of places and conflicts as Dutch news writes them, a phrase and an OR: each occurs in a few
// per cent of the synthetic articles. Words in every other article (`sancties`) are left out.
export const SEARCH_TERMS = ['Aleppo', 'Donetsk', 'Kaboel', 'Marioepol', 'Poetin', 'chemische wapens', 'Idlib OR Homs', 'Rode Zee'];
const SEARCH_PAGE = 10;
const TRAVERSAL = { conflicts: 10, articles: 20 };
const ARTICLE_PAGE = 50;
const ARTICLE_PAGES = 5;
const PROFILE_ACTORS = 8;

async function searchTerms(sql: postgres.Sql): Promise<{ term: string; matches: number }[]> {
  const found: { term: string; matches: number }[] = [];
  for (const term of SEARCH_TERMS) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from articles where search @@ websearch_to_tsquery('public.dutch_unaccent', ${term})`;
    if ((row?.n ?? 0) > 0) found.push({ term, matches: row!.n });
  }
  if (found.length === 0) throw new Error(`none of the search terms occurs in the corpus: ${SEARCH_TERMS.join(', ')}`);
  return found;
}

async function mostCoveredActors(sql: postgres.Sql): Promise<{ slug: string; articles: number }[]> {
  const rows = await sql<{ slug: string; articles: number }[]>`
    select a.slug, count(*)::int as articles
    from article_actors aa join actors a on a.id = aa.actor_id
    group by a.slug order by articles desc, a.slug limit ${PROFILE_ACTORS}`;
  if (rows.length === 0) throw new Error('no actor is linked to any article');
  return [...rows];
}

/** The first pages of all articles: GraphQL cursors from the API itself, keys of the page ends for the floor. */
async function articlePages(sql: postgres.Sql, app: InProcessApp, operation: string) {
  const variableSets: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (let page = 0; page < ARTICLE_PAGES; page++) {
    variableSets.push({ first: ARTICLE_PAGE, after });
    const { data } = await app.run(operation, { first: ARTICLE_PAGE, after });
    if (!data.articles.pageInfo.hasNextPage) break;
    after = data.articles.pageInfo.endCursor as string;
  }
  const keys = await sql<{ publishedOn: string; id: number }[]>`
    select published_on::text as "publishedOn", id from articles
    order by published_on desc, id desc
    offset ${ARTICLE_PAGE - 1} limit ${ARTICLE_PAGE * (variableSets.length - 1)}`;
  const floor = variableSets.map((_, page) => articlesWithEntitiesFloor(ARTICLE_PAGE, page === 0 ? null : keys[(page - 1) * ARTICLE_PAGE]!));
  return { variableSets, floor };
}

const nonEmpty = (list: unknown) => Array.isArray(list) && list.length > 0;

export async function buildScenarios(sql: postgres.Sql, app: InProcessApp, names: readonly QueryName[]): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  for (const name of names) {
    const operation = contractOperation(name);
    switch (name) {
      case 'ConflictTraversal':
        scenarios.push({
          name,
          workload: `${TRAVERSAL.conflicts} conflicts × ${TRAVERSAL.articles} articles`,
          operation,
          variableSets: [TRAVERSAL],
          floor: [conflictTraversalFloor(TRAVERSAL.conflicts, TRAVERSAL.articles)],
          check: (data) => nonEmpty(data.conflicts?.edges),
        });
        break;
      case 'ArticlesWithEntities': {
        const pages = await articlePages(sql, app, operation);
        scenarios.push({
          name,
          workload: `first ${ARTICLE_PAGE}, pages 1–${pages.variableSets.length} in turn`,
          operation,
          ...pages,
          check: (data) => nonEmpty(data.articles?.edges),
        });
        break;
      }
      case 'SearchArticles': {
        const terms = await searchTerms(sql);
        scenarios.push({
          name,
          workload: `first ${SEARCH_PAGE}; ${terms.map((t) => `${t.term} (${t.matches})`).join(', ')}`,
          operation,
          variableSets: terms.map(({ term }) => ({ q: term, first: SEARCH_PAGE })),
          floor: terms.map(({ term }) => searchArticlesFloor(term, SEARCH_PAGE)),
          check: (data) => nonEmpty(data.articles?.edges),
        });
        break;
      }
      case 'ActorProfile': {
        const actors = await mostCoveredActors(sql);
        scenarios.push({
          name,
          workload: `${actors.map((a) => `${a.slug} (${a.articles})`).join(', ')}`,
          operation,
          variableSets: actors.map(({ slug }) => ({ slug })),
          floor: actors.map(({ slug }) => actorProfileFloor(slug)),
          check: (data) => Boolean(data.actor?.id),
        });
        break;
      }
    }
  }
  return scenarios;
}

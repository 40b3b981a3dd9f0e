import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../linking/kb.js';
import { createGenerator } from '../synth/generate.js';

const operationsDir = new URL('../../schema/operations/', import.meta.url);

export const QUERY_NAMES = ['ConflictTraversal', 'SearchArticles', 'ActorProfile', 'ArticlesWithEntities', 'NodeRefetch'] as const;
export type OperationName = (typeof QUERY_NAMES)[number] | 'IngestArticle';

function operation(name: OperationName): string {
  return readFileSync(new URL(`${name}.graphql`, operationsDir), 'utf8');
}

/** Ids, slugs, words and cursors from the served corpus, to vary the variables. */
export interface Samples {
  actorSlugs: string[];
  nodeIds: string[];
  searchWords: string[];
  cursors: (string | null)[];
}

const SAMPLES_QUERY = `query SoakSamples {
  actors(first: 100) { edges { node { id slug } } }
  conflicts(first: 100) { edges { node { id } } }
  articles(first: 100) { pageInfo { endCursor } edges { cursor node { id title } } }
}`;

// Always searched, whatever the corpus: common words of Dutch conflict reporting, a phrase and an OR.
const FIXED_WORDS = ['bestand', 'onderhandelingen', 'leger', 'vluchtelingen', '"staakt-het-vuren"', 'Gaza OR Oekraïne'];

const SEARCH_PROBE = 'query SoakSearchProbe($q: String!) { articles(first: 1, filter: { search: $q }) { totalCount } }';

type Post = (body: string) => Promise<{ data?: any; errors?: unknown[] }>;

/** Reads the samples through the API itself, so a soak against any server (`--url`) works the same. */
export async function fetchSamples(post: Post): Promise<Samples> {
  const result = await post(JSON.stringify({ query: SAMPLES_QUERY }));
  if (result.errors?.length || !result.data) throw new Error(`could not read samples from the server: ${JSON.stringify(result.errors)}`);
  const { actors, conflicts, articles } = result.data;
  const titleWords = articles.edges
    .flatMap((edge: any) => String(edge.node.title).split(/[^\p{L}]+/u))
    .filter((word: string) => word.length >= 6);
  const actorSlugs = actors.edges.map((edge: any) => edge.node.slug as string);
  if (actorSlugs.length === 0) throw new Error('the server knows no actors: is the knowledge base loaded?');
  // Titles hold stopwords too ('worden'), which the server refuses as a search of nothing: only
  // the words it takes are searched.
  const searchWords: string[] = [];
  for (const q of [...FIXED_WORDS, ...new Set(titleWords as string[])].slice(0, 90)) {
    const probe = await post(JSON.stringify({ query: SEARCH_PROBE, variables: { q } }));
    if (!probe.errors?.length && searchWords.length < 60) searchWords.push(q);
  }
  return {
    actorSlugs,
    nodeIds: [...actors.edges, ...conflicts.edges, ...articles.edges].map((edge: any) => edge.node.id as string),
    searchWords,
    cursors: [null, ...articles.edges.filter((_: unknown, i: number) => i % 20 === 19).map((edge: any) => edge.cursor as string)],
  };
}

export interface NextRequest {
  name: OperationName;
  body: string;
  /** Whether the request needs the write token. */
  write: boolean;
}

export interface WorkloadOptions {
  samples: Samples;
  /** One request in this many is an `ingestArticle`; 0 for none. */
  ingestEvery: number;
  /** Makes the external ids of this run's articles unique. */
  runId: string;
  seed: number;
}

/**
 * The contract queries in turn with varying variables, and every `ingestEvery`-th request an
 * `ingestArticle` of a freshly generated synthetic article under a new external id.
 */
export function createWorkload({ samples, ingestEvery, runId, seed }: WorkloadOptions): () => NextRequest {
  const texts = Object.fromEntries([...QUERY_NAMES, 'IngestArticle' as const].map((name) => [name, operation(name)])) as Record<
    OperationName,
    string
  >;
  const generator = ingestEvery > 0 ? createGenerator(loadKnowledgeBase(), seed) : null;
  let count = 0;
  let ingested = 0;
  const pick = <T>(list: readonly T[]) => list[count % list.length]!;
  const variablesOf: Record<(typeof QUERY_NAMES)[number], () => Record<string, unknown>> = {
    ConflictTraversal: () => ({ conflicts: 3 + (count % 8), articles: 2 + (count % 6) }),
    SearchArticles: () => ({ q: pick(samples.searchWords), first: 10 }),
    ActorProfile: () => ({ slug: pick(samples.actorSlugs) }),
    ArticlesWithEntities: () => ({ first: 20, after: pick(samples.cursors) }),
    NodeRefetch: () => ({ id: pick(samples.nodeIds) }),
  };
  return () => {
    count += 1;
    if (generator && count % ingestEvery === 0) {
      ingested += 1;
      const { text: article } = generator.next();
      const input = { externalId: `soak_${runId}_${String(ingested).padStart(6, '0')}`, text: article };
      return { name: 'IngestArticle', write: true, body: JSON.stringify({ query: texts.IngestArticle, variables: { input } }) };
    }
    // Indexing by count / 7 too keeps the query and its variables from cycling in lockstep.
    const name = QUERY_NAMES[(count + Math.floor(count / 7)) % QUERY_NAMES.length]!;
    return { name, write: false, body: JSON.stringify({ query: texts[name], variables: variablesOf[name]() }) };
  };
}

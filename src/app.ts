import { createHash, timingSafeEqual } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import { createContext, type Context } from './context.js';
import type { Db } from './db/client.js';
import { schema } from './graphql/index.js';
import { createIngestor, type TextLinker } from './ingest/ingest.js';

export interface AppOptions {
  db: Db;
  linker: TextLinker;
  /** The bearer token that allows writes; without one, writes are off. */
  writeToken?: string | null | undefined;
}

const CONFLICT_TRAVERSAL = `# From conflicts to their articles and the actors involved. Press ▶ to run.
query ConflictTraversal($conflicts: Int!, $articles: Int!) {
  conflicts(first: $conflicts) {
    totalCount
    edges {
      node {
        id
        name
        kind
        articles(first: $articles) {
          totalCount
          edges {
            node {
              id
              title
              publishedOn
              actors {
                mentionCount
                actor { id name kind }
              }
            }
          }
        }
        actors(first: 20) {
          totalCount
          edges {
            role
            articleCount
            node { id name kind }
          }
        }
      }
    }
  }
}
`;

const SEARCH = `# Full-text search in Dutch, with highlighted snippets.
query SearchArticles($q: String!, $first: Int!) {
  articles(first: $first, filter: { search: $q }) {
    totalCount
    edges { node { id externalId title publishedOn snippet } }
  }
}
`;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares in constant time (over fixed-length digests), so timing tells nothing about the token. */
function writeAccessOf(request: Request, token: Buffer | null): Context['writeAccess'] {
  if (!token) return 'OFF';
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return 'DENIED';
  return timingSafeEqual(digest(match[1]!), token) ? 'GRANTED' : 'DENIED';
}

/** The GraphQL server as a fetch handler; it never listens itself (see main.ts). */
export function createApp(options: AppOptions) {
  const ingestor = createIngestor(options.db, options.linker);
  const token = options.writeToken ? digest(options.writeToken) : null;
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    context: ({ request }) => createContext(options.db, ingestor, writeAccessOf(request, token)),
    // GraphiQL's assets are served inline, not from a CDN, so it works on machines without internet.
    renderGraphiQL,
    graphiql: {
      title: 'Conflict news · GraphiQL',
      defaultTabs: [
        { query: CONFLICT_TRAVERSAL, variables: JSON.stringify({ conflicts: 5, articles: 3 }, null, 2) },
        { query: SEARCH, variables: JSON.stringify({ q: 'taliban', first: 10 }, null, 2) },
      ],
    },
  });
}

export type App = ReturnType<typeof createApp>;

import './types/article-filter.js';
import './types/article.js';
import './types/actor.js';
import './types/conflict.js';
import './types/article-links.js';
import './types/article-copies.js';
import './types/place.js';
import './types/entity-articles.js';
import './types/conflict-actors.js';
import './types/co-actors.js';
import './types/timeline.js';
import './types/facets.js';
import './types/network.js';
import './types/ingest.js';
import './types/article-ingested.js';
import './types/unlinked-names.js';
import './types/curation.js';
import './types/roles.js';
import './types/related-conflicts.js';
import './types/suggest.js';
import './types/story.js';
import { GraphQLSchema } from 'graphql';
import { KINDS, LINKED_KINDS } from '../kinds.js';
import { builder } from './builder.js';
import { resolveNodeIdsSynchronously } from './ids.js';

/** The docs' root page in GraphiQL: what the corpus is and where to start. */
const DESCRIPTION = [
  'Dutch-language news articles about international conflicts, each linked to the actors it mentions (people, states, ' +
    'organisations, armed groups) and to the conflicts it reports on.',
  'Where to start: `conflicts(orderBy: ARTICLE_COUNT)` lists the conflicts most covered first; `actor(slug: "vladimir-putin")` and ' +
    '`conflict(slug: "russo-ukrainian-war")` open one, and from there `articles` (with `facets` and `timeline`), `actors` and `timeline` follow. ' +
    '`articles(filter:)` searches the whole corpus in Dutch, by words, actors, conflicts, sources and dates; a filter names ' +
    'actors and conflicts by slug or by global id. `actorSuggest` and `conflictSuggest` find a slug from the first letters of a name.',
  'Every list is a connection: ask for `first` items (at most 100) and pass `pageInfo.endCursor` as `after` for the next page.',
].join('\n\n');

// Pothos takes no schema description: the built schema is copied with one.
const built = builder.toSchema({ sortSchema: true });
export const schema = resolveNodeIdsSynchronously(new GraphQLSchema({ ...built.toConfig(), description: DESCRIPTION }), [
  'Article',
  'Place',
  ...KINDS.map((kind) => LINKED_KINDS[kind].typename),
]);

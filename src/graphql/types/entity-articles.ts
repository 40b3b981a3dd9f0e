import type { GraphQLResolveInfo } from 'graphql';
import type { Loaders } from '../../loaders.js';
import { isEmptyFilter } from '../../queries/article-filter.js';
import { articleKeyOf } from '../../queries/article-list.js';
import type { ArticleParent } from '../../queries/linked-articles.js';
import { KINDS } from '../../kinds.js';
import { builder } from '../builder.js';
import { toConnection } from '../pagination.js';
import { selectsAnyOf } from '../selection.js';
import { Actor } from './actor.js';
import { articleListArgs, readArticleList, type ArticleListArgs } from './article-filter.js';
import { ArticleConnection, articleColumnsAt } from './article.js';
import { Conflict } from './conflict.js';

async function articlesOf(parent: ArticleParent, id: number, args: ArticleListArgs, loaders: Loaders, info: GraphQLResolveInfo) {
  const { query: listed, page } = await readArticleList(args, loaders);
  const query = { ...listed, columns: articleColumnsAt(info, ['edges', 'node']) };
  // Unfiltered, the total is read from the monthly counts: asked for, it comes in the page's
  // statement instead of one of its own sent after the page's answer. Stories are counted apart.
  const withTotal = isEmptyFilter(query.filter) && !query.distinctStories && selectsAnyOf(info, ['totalCount']);
  const { rows, total } = withTotal
    ? await loaders.articlesWithTotalOf(parent, query, page).load(id)
    : { rows: await loaders.articlesOf(parent, query, page).load(id), total: null };
  const connection = toConnection(
    rows,
    page,
    (row) => articleKeyOf(query.order, row),
    (row) => ({ node: row }),
    () => total ?? (query.distinctStories ? loaders.storyCountOfList(parent, query.filter) : loaders.articleCountOf(parent, query.filter)).load(id),
  );
  return { ...connection, articleScope: { parent: { kind: parent, id }, filter: query.filter } };
}

/** The `articles` field of each linked kind's type. */
const ARTICLES_OF = {
  conflict: {
    type: Conflict,
    description: 'The articles that report on this conflict, newest first (best match first when searching); one a story with `distinctStories`.',
  },
  actor: {
    type: Actor,
    description: 'The articles that mention this actor, newest first (best match first when searching); one a story with `distinctStories`.',
  },
} satisfies Record<ArticleParent, { type: unknown; description: string }>;

for (const kind of KINDS) {
  const { type, description } = ARTICLES_OF[kind];
  builder.objectField(type, 'articles', (t) =>
    t.field({
      type: ArticleConnection,
      description,
      args: { ...t.arg.connectionArgs(), ...articleListArgs(t.arg) },
      resolve: (parent, args, { loaders }, info) => articlesOf(kind, parent.id, args, loaders, info),
    }),
  );
}

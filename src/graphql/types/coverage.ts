import type { Loaders } from '../../loaders/index.js';
import { articleKeyOf } from '../../loaders/article-list.js';
import type { ArticleParent } from '../../loaders/linked-articles.js';
import { builder } from '../builder.js';
import { toConnection } from '../pagination.js';
import { Actor } from './actor.js';
import { articleListArgs, readArticleList, type ArticleListArgs } from './article-filter.js';
import { ArticleConnection } from './article.js';
import { Conflict } from './conflict.js';

async function articlesOf(parent: ArticleParent, id: number, args: ArticleListArgs, loaders: Loaders) {
  const { query, page } = await readArticleList(args, loaders);
  const rows = await loaders.articlesOf(parent, query, page).load(id);
  const connection = toConnection(
    rows,
    page,
    (row) => articleKeyOf(query.order, row),
    (row) => ({ node: row }),
    () => loaders.articleCountOf(parent, query.filter).load(id),
  );
  return { ...connection, articleScope: { parent: { kind: parent, id }, filter: query.filter } };
}

builder.objectField(Conflict, 'articles', (t) =>
  t.field({
    type: ArticleConnection,
    description: 'The articles that report on this conflict, newest first (best match first when searching).',
    args: { ...t.arg.connectionArgs(), ...articleListArgs(t.arg) },
    resolve: (conflict, args, { loaders }) => articlesOf('conflict', conflict.id, args, loaders),
  }),
);

builder.objectField(Actor, 'articles', (t) =>
  t.field({
    type: ArticleConnection,
    description: 'The articles that mention this actor, newest first (best match first when searching).',
    args: { ...t.arg.connectionArgs(), ...articleListArgs(t.arg) },
    resolve: (actor, args, { loaders }) => articlesOf('actor', actor.id, args, loaders),
  }),
);

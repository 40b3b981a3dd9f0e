import type { ArticleParent } from '../../loaders/linked-articles.js';
import type { Loaders } from '../../loaders/index.js';
import { articleKeyShape } from '../../loaders/article-list.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { readPage, toConnection, type ConnectionArgs } from '../pagination.js';
import { Actor } from './actor.js';
import { ArticleConnection, ArticleOrder } from './article.js';
import { Conflict } from './conflict.js';

type NestedOrder = 'NEWEST' | 'OLDEST' | 'RELEVANCE';

function articlesOf(parent: ArticleParent, id: number, args: ConnectionArgs & { orderBy?: NestedOrder | null }, loaders: Loaders) {
  const order = args.orderBy ?? 'NEWEST';
  if (order === 'RELEVANCE') throw badInput('`orderBy: RELEVANCE` needs a search; use NEWEST or OLDEST here', { argument: 'orderBy' });
  const page = readPage(args, articleKeyShape(order));
  const count = parent === 'conflict' ? loaders.articleCountOfConflict : loaders.articleCountOfActor;
  return loaders
    .articlesOf(parent, page, order === 'NEWEST' ? 'desc' : 'asc')
    .load(id)
    .then((rows) =>
      toConnection(rows, page, (row) => [row.publishedOn, row.id], (row) => ({ node: row }), () => count.load(id)),
    );
}

builder.objectField(Conflict, 'articles', (t) =>
  t.field({
    type: ArticleConnection,
    description: 'The articles that report on this conflict, newest first.',
    args: {
      ...t.arg.connectionArgs(),
      orderBy: t.arg({ type: ArticleOrder, description: 'NEWEST (the default) or OLDEST.' }),
    },
    resolve: (conflict, args, { loaders }) => articlesOf('conflict', conflict.id, args, loaders),
  }),
);

builder.objectField(Actor, 'articles', (t) =>
  t.field({
    type: ArticleConnection,
    description: 'The articles that mention this actor, newest first.',
    args: {
      ...t.arg.connectionArgs(),
      orderBy: t.arg({ type: ArticleOrder, description: 'NEWEST (the default) or OLDEST.' }),
    },
    resolve: (actor, args, { loaders }) => articlesOf('actor', actor.id, args, loaders),
  }),
);

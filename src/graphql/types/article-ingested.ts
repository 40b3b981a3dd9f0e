import { renewLoaders } from '../../context.js';
import { builder } from '../builder.js';
import { clientError } from '../errors.js';
import { Article } from './article.js';
import { ArticleFilter, readFilter, resolveFilter } from './article-filter.js';

/** Subscriptions one server keeps open at most, over all connections and both transports. */
export const MAX_OPEN_SUBSCRIPTIONS = 1_000;

builder.subscriptionType({
  description:
    'Live updates, over Server-Sent Events (POST or GET /graphql with `Accept: text/event-stream`) or WebSocket ' +
    '(the graphql-ws protocol, `graphql-transport-ws`, on /graphql).',
});

builder.subscriptionField('articleIngested', (t) =>
  t.field({
    type: Article,
    description:
      'Each article stored from now on that meets the filter, once, shortly after its transaction commits: new articles and ' +
      'articles whose text changed, whether sent to `ingestArticle` on any server of this corpus or loaded with `npm run ingest`. ' +
      'Ingesting an unchanged article again and duplicates of stored texts are not delivered. Nothing is replayed: ' +
      'what was stored while no subscription was open is found with `articles`.',
    args: {
      filter: t.arg({
        type: ArticleFilter,
        description: 'Only articles that meet these conditions, exactly as `articles(filter:)` reads them; every article when absent.',
      }),
    },
    subscribe: async (_root, args, { live, loaders, client }) => {
      // Names in a search are looked up once, when the subscription starts.
      const filter = await resolveFilter(await readFilter(args.filter, loaders), loaders);
      if (live.open >= MAX_OPEN_SUBSCRIPTIONS) {
        throw clientError('TOO_MANY_SUBSCRIPTIONS', `this server holds ${MAX_OPEN_SUBSCRIPTIONS} subscriptions, its limit; try again later`, {
          limit: MAX_OPEN_SUBSCRIPTIONS,
        });
      }
      if (live.openBy(client) >= live.perClientLimit) {
        throw clientError(
          'TOO_MANY_SUBSCRIPTIONS',
          `this client holds ${live.perClientLimit} subscriptions, the most one client may hold; end one before starting another`,
          { limit: live.perClientLimit },
        );
      }
      return live.matching(filter, client);
    },
    resolve: async (articleId, _args, context) => {
      renewLoaders(context);
      const article = await context.loaders.articleById.load(articleId);
      if (!article) throw new Error(`article ${articleId} was announced but is not stored`);
      return article;
    },
  }),
);

import type { NetworkEdgeRow, NetworkNodeRow, NetworkQuery } from '../../queries/network.js';
import type { ActorRow } from '../../queries/rows.js';
import { readLimit, readPeriod } from '../aggregate-args.js';
import { associationFields } from '../association-fields.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Actor, CURATED_ONLY, readStatuses, statusArg } from './actor.js';
import { Conflict } from './conflict.js';
import { unitArgOptions } from './count-unit.js';

interface NetworkRequest {
  conflictId: number;
  query: NetworkQuery;
}

interface Edge extends NetworkEdgeRow {
  source: ActorRow;
  target: ActorRow;
}

const NetworkNode = builder.objectRef<NetworkNodeRow>('NetworkNode').implement({
  description: 'An actor in a co-mention network.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The actor.', resolve: (node) => node.actor }),
    articleCount: t.exposeInt('articleCount', {
      description: 'How many of the network’s articles mention the actor; with `unit: STORY`, how many of its stories have an article that does.',
    }),
  }),
});

const NetworkEdge = builder.objectRef<Edge>('NetworkEdge').implement({
  description: 'Two actors of a co-mention network named in the same articles. Edges have no direction.',
  fields: (t) => ({
    source: t.field({
      type: Actor,
      description: 'One actor of the pair: the one whose name sorts first.',
      resolve: (edge) => edge.source,
    }),
    target: t.field({ type: Actor, description: 'The other actor of the pair.', resolve: (edge) => edge.target }),
    weight: t.exposeInt('weight', {
      description: 'How many of the network’s articles name both actors; with `unit: STORY`, how many of its stories have an article naming both.',
    }),
    ...associationFields(t, 'conflict', (edge) => edge),
  }),
});

const ConflictNetwork = builder.objectRef<NetworkRequest>('ConflictNetwork').implement({
  description: 'Who is named with whom in the articles on a conflict: actors as nodes, shared articles as weighted edges.',
  fields: (t) => ({
    nodes: t.field({
      type: [NetworkNode],
      description: 'The actors most mentioned in the articles (at least `minArticles` each), most articles first, then by name.',
      resolve: ({ conflictId, query }, _args, { loaders }) => loaders.networkNodesOf(query).load(conflictId),
    }),
    edges: t.field({
      type: [NetworkEdge],
      description: 'The pairs of `nodes` named together in at least `minArticles` articles, heaviest first, then by the names of source and target.',
      resolve: async ({ conflictId, query }, _args, { loaders }) => {
        const [nodes, edges] = await Promise.all([
          loaders.networkNodesOf(query).load(conflictId),
          loaders.networkEdgesOf(query).load(conflictId),
        ]);
        const actors = new Map(nodes.map((node) => [node.actor.id, node.actor]));
        return edges.map((edge) => ({ ...edge, source: actors.get(edge.sourceId)!, target: actors.get(edge.targetId)! }));
      },
    }),
  }),
});

builder.objectField(Conflict, 'network', (t) =>
  t.field({
    type: ConflictNetwork,
    description: 'The co-mention network of the articles on this conflict (in a period, when given): which actors are named together, and how strongly.',
    args: {
      from: t.arg({ type: 'Date', description: 'Only articles published on or after this date.' }),
      to: t.arg({ type: 'Date', description: 'Only articles published on or before this date.' }),
      minArticles: t.arg.int({
        defaultValue: 1,
        description: 'The fewest articles an actor must be mentioned in to be a node, and a pair named together in to be an edge (1 or more).',
      }),
      status: t.arg(statusArg(CURATED_ONLY)),
      unit: t.arg(unitArgOptions('nodes, edges, `minArticles` and the association measures (N is then the stories of the conflict)')),
      first: t.arg.int({
        defaultValue: 50,
        description: `How many actors at most, the most mentioned (1 to ${MAX_PAGE_SIZE}; 50 by default).`,
      }),
    },
    resolve: (conflict, args) => {
      const minArticles = args.minArticles ?? 1;
      if (!Number.isInteger(minArticles) || minArticles < 1) {
        throw badInput(`\`minArticles\` must be 1 or more, got ${minArticles}`, { argument: 'minArticles' });
      }
      return { conflictId: conflict.id, query: { ...readPeriod(args), unit: args.unit ?? 'ARTICLE', minArticles, limit: readLimit(args.first, 50), statuses: readStatuses(args.status, CURATED_ONLY) } };
    },
  }),
);

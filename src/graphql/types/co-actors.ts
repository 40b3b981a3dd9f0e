import type { CoActorRow } from '../../queries/co-actors.js';
import { readLimit, readPeriod } from '../aggregate-args.js';
import { associationFields } from '../association-fields.js';
import { builder } from '../builder.js';
import { selectsAnyOf } from '../selection.js';
import { refToRowId } from '../refs.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Actor, CURATED_ONLY, readStatuses, statusArg } from './actor.js';
import { unitArgOptions } from './count-unit.js';

const CoActorOrder = builder.enumType('CoActorOrder', {
  description: 'How to rank the actors named together with another.',
  values: {
    ARTICLE_COUNT: { description: 'Most shared articles first: favors actors named everywhere, such as the United States.' },
    JACCARD: { description: 'Highest Jaccard index first: actors mostly named together with this one, whatever their size.' },
    PMI: { description: 'Highest pointwise mutual information first: pairs named together far more than chance; favors rare actors.' },
  },
});

const CoActor = builder.objectRef<CoActorRow>('CoActor').implement({
  description: 'An actor named in the same articles as another actor.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The other actor.', resolve: (row) => row.actor }),
    articleCount: t.exposeInt('articleCount', {
      description:
        'How many articles name both actors (within the restriction of `coActors`); with `unit: STORY`, how many stories have an article naming both.',
    }),
    ...associationFields(t, 'actor', (row) => {
      // The resolver of `coActors` asks for the measures whenever its selection holds these fields.
      if (!row.association) throw new Error('co-actor measures were not read for this selection');
      return row.association;
    }),
  }),
});

builder.objectField(Actor, 'coActors', (t) =>
  t.field({
    type: [CoActor],
    description:
      'The actors named in the same articles as this one (of a conflict and a period, when given), most shared articles first ' +
      'unless `orderBy` says otherwise; ties by name.',
    args: {
      first: t.arg.int({ defaultValue: 10, description: `How many to return (1 to ${MAX_PAGE_SIZE}).` }),
      conflict: t.arg.id({ description: 'Only count articles that report on this conflict, named by its global id or its slug (`syrian-civil-war`).' }),
      from: t.arg({ type: 'Date', description: 'Only count articles published on or after this date.' }),
      to: t.arg({ type: 'Date', description: 'Only count articles published on or before this date.' }),
      status: t.arg(statusArg(CURATED_ONLY)),
      unit: t.arg(unitArgOptions('`articleCount`, `jaccard` and `pmi` (each actor’s count and N are then stories too)')),
      orderBy: t.arg({
        type: CoActorOrder,
        defaultValue: 'ARTICLE_COUNT',
        description: 'How to rank them: ARTICLE_COUNT (the default), JACCARD or PMI.',
      }),
    },
    resolve: async (actor, args, { loaders }, info) => {
      const query = {
        ...readPeriod(args),
        conflictId: args.conflict != null ? await refToRowId(String(args.conflict), 'Conflict', 'conflict', loaders) : null,
        unit: args.unit ?? 'ARTICLE',
        order: args.orderBy ?? 'ARTICLE_COUNT',
        limit: readLimit(args.first, 10),
        statuses: readStatuses(args.status, CURATED_ONLY),
        measures: selectsAnyOf(info, ['jaccard', 'pmi']),
      };
      return loaders.coActorsOf(query).load(actor.id);
    },
  }),
);

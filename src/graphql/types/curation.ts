import { GraphQLError } from 'graphql';
import { CurationError, type CurationResult } from '../../ingest/curation.js';
import { CANDIDATE_KEY, countCandidates, listCandidates, type CandidateRow } from '../../queries/curation.js';
import { builder } from '../builder.js';
import { badInput, clientError } from '../errors.js';
import { rowIdOf } from '../ids.js';
import { readPage, toConnection } from '../pagination.js';
import { requireWriteAccess } from '../write-access.js';
import { Actor, ActorKind } from './actor.js';
import { Mention } from './article-links.js';

const MAX_EXAMPLES = 10;

const CurationCandidate = builder.objectRef<CandidateRow>('CurationCandidate').implement({
  description: 'A provisional actor waiting for a curator, with how widespread it is and where articles name it.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The provisional actor (its `description` says what the articles call it).', resolve: (row) => row.actor }),
    articleCount: t.exposeInt('articleCount', { description: 'In how many articles it is named.' }),
    mentionCount: t.exposeInt('mentionCount', { description: 'How often it is named in all.' }),
    examples: t.field({
      type: [Mention],
      description: 'Where it is named: its first mention in each of its latest articles, newest first, with the sentence around it.',
      args: { first: t.arg.int({ defaultValue: 3, description: `How many examples (1 to ${MAX_EXAMPLES}; 3 by default).` }) },
      resolve: (row, args, { loaders }) => {
        const limit = args.first ?? 3;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXAMPLES) {
          throw badInput(`\`first\` must be between 1 and ${MAX_EXAMPLES}, got ${limit}`, { argument: 'first' });
        }
        return loaders.exampleMentionsOf(limit).load(row.actor.id);
      },
    }),
  }),
});

builder.queryField('curationQueue', (t) =>
  t.connection(
    {
      type: CurationCandidate,
      description:
        'The provisional actors that articles name, in the most articles first, then by name: what curators promote, merge or reject next ' +
        '(`promoteActor`, `mergeActor`, `rejectActor`).',
      resolve: async (_root, args, { db }) => {
        const page = readPage(args, CANDIDATE_KEY);
        const rows = await listCandidates(db, page);
        return toConnection(
          rows,
          page,
          (row) => [-row.articleCount, row.actor.name, row.actor.id],
          (row) => ({ node: row }),
          () => countCandidates(db),
        );
      },
    },
    { name: 'CurationCandidateConnection', description: 'A page of the curation queue.' },
    { name: 'CurationCandidateEdge', description: 'A provisional actor in the curation queue.' },
  ),
);

const ActorCurationPayload = builder.objectRef<CurationResult>('ActorCurationPayload').implement({
  description: 'The outcome of `promoteActor`, `mergeActor` or `rejectActor`.',
  fields: (t) => ({
    actor: t.field({
      type: Actor,
      description: 'The actor as it is now: the promoted one, the one merged into, or the rejected one (status REJECTED, found by no query from now on).',
      resolve: (result) => result.actor,
    }),
    articleCount: t.int({
      description:
        'How many articles named the provisional actor: those the curation touched (now linked to the promoted actor or to the one merged into, or no longer linked at all).',
      resolve: (result) => result.articleIds.length,
    }),
  }),
});

/** A global id of an actor given as `argument`; a wrong one is reported under that argument's name. */
function actorIdOf(globalId: string | number, argument: string): number {
  try {
    return rowIdOf(String(globalId), 'Actor');
  } catch (error) {
    if (error instanceof GraphQLError) throw badInput(`\`${argument}\`: ${error.message}`, { argument });
    throw error;
  }
}

async function curating(work: () => Promise<CurationResult>): Promise<CurationResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CurationError) throw clientError(error.code, error.message, { argument: error.argument });
    throw error;
  }
}

const WRITE = 'Needs `Authorization: Bearer <WRITE_TOKEN>`. One transaction.';

builder.mutationFields((t) => ({
  promoteActor: t.field({
    type: ActorCurationPayload,
    description:
      `Makes a provisional actor curated, optionally with a new slug, names, kind and description; it stays linked to its articles, and future articles naming it link to it. ${WRITE}`,
    args: {
      id: t.arg.id({ required: true, description: 'The global id of the provisional actor.' }),
      slug: t.arg.string({ description: 'A new slug: lower-case words joined by hyphens (`jan-de-vries`), not used by another actor; unchanged when left out.' }),
      name: t.arg.string({ description: 'The canonical English name; unchanged when left out (the name it had stays an alias).' }),
      nameNl: t.arg.string({ description: 'The Dutch name; unchanged when left out (follows `name` when it was the same).' }),
      kind: t.arg({ type: ActorKind, description: 'What kind of actor it is; unchanged when left out.' }),
      description: t.arg.string({ description: 'Who or what the actor is, in a few words (at most 500 characters); unchanged when left out.' }),
    },
    resolve: (_root, args, context) => {
      requireWriteAccess(context);
      const id = actorIdOf(args.id, 'id');
      return curating(() =>
        context.curator.promote(id, { slug: args.slug, name: args.name, nameNl: args.nameNl, kind: args.kind, description: args.description }),
      );
    },
  }),
  mergeActor: t.field({
    type: ActorCurationPayload,
    description:
      'Folds a provisional actor into another actor (a duplicate spelling, or a known actor): its links and mentions move to that actor ' +
      `(an article naming both keeps one link with all mentions), its name becomes an alias there, future articles naming it link there, and it is deleted. ${WRITE}`,
    args: {
      id: t.arg.id({ required: true, description: 'The global id of the provisional actor to fold in.' }),
      into: t.arg.id({ required: true, description: 'The global id of the actor it is the same as (curated or provisional, not itself).' }),
    },
    resolve: (_root, args, context) => {
      requireWriteAccess(context);
      const id = actorIdOf(args.id, 'id');
      const into = actorIdOf(args.into, 'into');
      return curating(() => context.curator.merge(id, into));
    },
  }),
  rejectActor: t.field({
    type: ActorCurationPayload,
    description:
      'Marks a provisional actor as no actor: its links go, its mentions become unlinked names of their articles again, ' +
      `and the name is never linked again (until the knowledge base names it). ${WRITE}`,
    args: { id: t.arg.id({ required: true, description: 'The global id of the provisional actor.' }) },
    resolve: (_root, args, context) => {
      requireWriteAccess(context);
      const id = actorIdOf(args.id, 'id');
      return curating(() => context.curator.reject(id));
    },
  }),
}));

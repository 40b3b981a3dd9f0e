import type { ArticleActorRow, ArticleConflictRow } from '../../queries/article-links.js';
import type { ActorFields } from '../../queries/rows.js';
import type { MentionRow } from '../../queries/article-links.js';
import { sentenceAround } from '../../corpus/sentence-around.js';
import type { Loaders } from '../../loaders.js';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import { selectsAnyOf } from '../selection.js';
import { Actor, actorColumnsAt, EVERY_NAMED, readStatuses, statusArg } from './actor.js';
import { Article } from './article.js';
import { Conflict } from './conflict.js';

/** A link with its mentions when `Article.actors` read them with it (see mentionsWanted). */
type ArticleActorLink = ArticleActorRow & { mentions?: MentionRow[] };

const NO_MENTIONS: MentionRow[] = [];

/**
 * The link's mentions: given with the link when read with it, without a promise (an answer of 50
 * articles has some 500 links, each a promise less to the executor); else by the article's loader.
 */
function mentionsOf(link: ArticleActorLink, loaders: Loaders): MentionRow[] | Promise<MentionRow[]> {
  return link.mentions ?? loaders.mentionsOfArticle.load(link.articleId).then((byActor) => byActor.get(link.actor.id) ?? NO_MENTIONS);
}

/** `read` applied to the link's mentions, without a promise when they came with the link. */
function fromMentions<T>(link: ArticleActorLink, loaders: Loaders, read: (mentions: MentionRow[]) => T): T | Promise<T> {
  const mentions = mentionsOf(link, loaders);
  return Array.isArray(mentions) ? read(mentions) : mentions.then(read);
}

/** The fields of ArticleActor made of the article's mentions. */
const FROM_MENTIONS = ['mentions', 'method', 'confidence'];
const asksForMentions = new WeakMap<readonly FieldNode[], boolean>();

/**
 * Whether the links' mentions will be read: then they are asked for with the links, so that their
 * statement goes in the same wave as the links' (one statement less, one level sooner) instead of
 * waiting for the links to come back.
 */
function mentionsWanted(info: GraphQLResolveInfo): boolean {
  let wanted = asksForMentions.get(info.fieldNodes);
  if (wanted === undefined) asksForMentions.set(info.fieldNodes, (wanted = selectsAnyOf(info, FROM_MENTIONS)));
  return wanted;
}

/**
 * The columns of the linked actors the selection under `Article.actors` reads (null: all of them),
 * with `status` when the list is filtered by it: the statement reads no other.
 */
function actorFieldsWanted(info: GraphQLResolveInfo, filtered: boolean): ActorFields {
  const fields = actorColumnsAt(info, ['actor']);
  return fields && filtered ? [...fields, 'status'] : fields;
}

export const LinkMethod = builder.enumType('LinkMethod', {
  description: 'How a link between an article and an actor or conflict was made.',
  values: {
    DICTIONARY: { description: 'The text names the actor by one of its own names in the knowledge base, which fits no other actor.' },
    RULE: {
      description:
        'A rule decided: a surname, adjective, demonym or seat of power standing for the actor, a name shared by several actors settled by the context, or (for conflicts) the evidence score.',
    },
    MANUAL: { description: 'A curator set the link by hand.' },
  },
});

export const Mention = builder.objectRef<MentionRow>('Mention').implement({
  description: 'One place in an article where an actor is named.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character in `Article.body` (UTF-16 code units, from 0).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last character in `Article.body`.' }),
    text: t.exposeString('text', { description: 'The words as they stand in the text (`Poetin`, `het Kremlin`, `Russische`).' }),
    method: t.field({ type: LinkMethod, description: 'How this mention was linked.', resolve: (m) => m.method }),
    confidence: t.exposeFloat('confidence', {
      description: 'How sure the link is, from just above 0 to 1: lower for surnames, capitals and names shared by several actors.',
    }),
    sentence: t.string({
      description: 'The sentence of `Article.body` the mention stands in: the evidence for the link.',
      resolve: async (mention, _args, { loaders }) => {
        const article = await loaders.articleById.load(mention.articleId);
        return article?.body ? sentenceAround(article.body, mention.start, mention.end) : mention.text;
      },
    }),
  }),
});

export const ArticleActor = builder.objectRef<ArticleActorRow>('ArticleActor').implement({
  description: 'An actor as mentioned in one article.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The actor mentioned.', resolve: (link) => link.actor }),
    mentionCount: t.exposeInt('mentionCount', { description: 'How often the article names the actor.' }),
    mentions: t.field({
      type: [Mention],
      description: 'Where the article names the actor, in reading order.',
      resolve: (link, _args, { loaders }) => mentionsOf(link, loaders),
    }),
    method: t.field({
      type: LinkMethod,
      description: 'How the link was made: DICTIONARY when any mention names the actor by its own name, else how the mentions were linked.',
      resolve: (link, _args, { loaders }) =>
        fromMentions(link, loaders, (mentions) => {
          const methods = new Set(mentions.map((m) => m.method));
          return methods.has('DICTIONARY') ? ('DICTIONARY' as const) : methods.has('MANUAL') ? ('MANUAL' as const) : ('RULE' as const);
        }),
    }),
    confidence: t.float({
      description: 'How sure the link is: the confidence of its surest mention.',
      resolve: (link, _args, { loaders }) => fromMentions(link, loaders, (mentions) => Math.max(0, ...mentions.map((m) => m.confidence))),
    }),
  }),
});

const ArticleConflict = builder.objectRef<ArticleConflictRow>('ArticleConflict').implement({
  description: 'A conflict an article reports on, with how strongly the text points to it.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The conflict reported on.', resolve: (link) => link.conflict }),
    method: t.field({
      type: LinkMethod,
      description: 'How the link was made: RULE, the linker weighing the evidence in the text.',
      resolve: () => 'RULE' as const,
    }),
    confidence: t.exposeFloat('score', { description: 'How sure the link is; the same as `score`.' }),
    score: t.exposeFloat('score', {
      description: 'Strength of the evidence in the text, from just above 0 to 1 (parties, places and words of the conflict).',
    }),
  }),
});

builder.objectFields(Article, (t) => ({
  actors: t.field({
    type: [ArticleActor],
    description: 'The actors the article mentions, most mentioned first; provisional ones too unless `status` leaves them out.',
    args: { status: t.arg(statusArg(EVERY_NAMED)) },
    resolve: async (article, args, { loaders }, info) => {
      const statuses = readStatuses(args.status, EVERY_NAMED);
      // Loaded with the links and handed to them; a failure shows at the links' fields, which
      // then ask the loader again, not here.
      const mentions = mentionsWanted(info) ? loaders.mentionsOfArticle.load(article.id).catch(() => null) : null;
      const filtered = statuses.length !== EVERY_NAMED.length;
      const links: ArticleActorLink[] = await loaders.actorsOfArticle(actorFieldsWanted(info, filtered)).load(article.id);
      const byActor = await mentions;
      if (byActor) for (const link of links) link.mentions = byActor.get(link.actor.id) ?? NO_MENTIONS;
      return !filtered ? links : links.filter((link) => (statuses as string[]).includes(link.actor.status));
    },
  }),
  conflicts: t.field({
    type: [ArticleConflict],
    description: 'The conflicts the article reports on, strongest evidence first.',
    resolve: (article, _args, { loaders }) => loaders.conflictsOfArticle.load(article.id),
  }),
}));

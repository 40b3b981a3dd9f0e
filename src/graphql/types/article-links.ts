import type { ArticleActorRow, ArticleConflictRow } from '../../loaders/article-links.js';
import type { MentionRow } from '../../loaders/article-links.js';
import { sentenceAround } from '../../loaders/sentence.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { Article } from './article.js';
import { Conflict } from './conflict.js';

const Mention = builder.objectRef<MentionRow>('Mention').implement({
  description: 'One place in an article where an actor is named.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character in `Article.body` (UTF-16 code units, from 0).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last character in `Article.body`.' }),
    text: t.exposeString('text', { description: 'The words as they stand in the text (`Poetin`, `het Kremlin`, `Russische`).' }),
    sentence: t.string({
      description: 'The sentence of `Article.body` the mention stands in: the evidence for the link.',
      resolve: async (mention, _args, { loaders }) => {
        const article = await loaders.articleById.load(mention.articleId);
        return article ? sentenceAround(article.body, mention.start, mention.end) : mention.text;
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
      resolve: async (link, _args, { loaders }) =>
        (await loaders.mentionsOfArticle.load(link.articleId)).filter((m) => m.actorId === link.actor.id),
    }),
  }),
});

const ArticleConflict = builder.objectRef<ArticleConflictRow>('ArticleConflict').implement({
  description: 'A conflict an article reports on, with how strongly the text points to it.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The conflict reported on.', resolve: (link) => link.conflict }),
    score: t.exposeFloat('score', {
      description: 'Strength of the evidence in the text, from just above 0 to 1 (parties, places and words of the conflict).',
    }),
  }),
});

builder.objectFields(Article, (t) => ({
  actors: t.field({
    type: [ArticleActor],
    description: 'The actors the article mentions, most mentioned first.',
    resolve: (article, _args, { loaders }) => loaders.actorsOfArticle.load(article.id),
  }),
  conflicts: t.field({
    type: [ArticleConflict],
    description: 'The conflicts the article reports on, strongest evidence first.',
    resolve: (article, _args, { loaders }) => loaders.conflictsOfArticle.load(article.id),
  }),
}));

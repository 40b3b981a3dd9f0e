import { ArticleFormatError } from '../../corpus/parse.js';
import type { IngestResult } from '../../ingest/ingest.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { requireWriteAccess } from '../write-access.js';
import { Article } from './article.js';

const IngestStatus = builder.enumType('IngestStatus', {
  description: 'What ingesting an article did.',
  values: {
    CREATED: { description: 'The article is new and was stored.' },
    UPDATED: { description: 'An article with this external id existed with another text; it was replaced and linked anew.' },
    UNCHANGED: { description: 'The same article was already stored; nothing changed.' },
    DUPLICATE: { description: 'The same text is already stored under another external id; that article is returned.' },
  },
});

const IngestArticleInput = builder.inputType('IngestArticleInput', {
  description: 'One article in the corpus format.',
  fields: (t) => ({
    externalId: t.string({
      required: true,
      description: 'A stable id for the article, as a file name would give it: letters, digits, `.`, `_` and `-`, at most 200.',
    }),
    text: t.string({
      required: true,
      description: 'The article text: a first line ` date YYYY-MM ` followed by the article, as in the corpus files (at most 1 MiB).',
    }),
  }),
});

const IngestArticlePayload = builder.objectRef<IngestResult>('IngestArticlePayload').implement({
  description: 'The outcome of `ingestArticle`.',
  fields: (t) => ({
    created: t.boolean({ description: 'Whether a new article was stored.', resolve: (result) => result.status === 'CREATED' }),
    status: t.field({ type: IngestStatus, description: 'What ingesting did.', resolve: (result) => result.status }),
    article: t.field({
      type: Article,
      description: 'The stored article, with its actors and conflicts.',
      resolve: async (result, _args, { loaders }) => {
        const article = await loaders.articleById.load(result.articleId);
        if (!article) throw new Error(`article ${result.articleId} is missing right after ingest`);
        return article;
      },
    }),
  }),
});

builder.mutationField('ingestArticle', (t) =>
  t.field({
    type: IngestArticlePayload,
    description:
      'Parses, links and stores one article in one transaction. Needs `Authorization: Bearer <WRITE_TOKEN>`. ' +
      'Ingesting the same article again changes nothing.',
    args: { input: t.arg({ type: IngestArticleInput, required: true, description: 'The article.' }) },
    resolve: async (_root, { input }, context) => {
      requireWriteAccess(context);
      const { ingestor } = context;
      try {
        return await ingestor.ingestText({ externalId: input.externalId, text: input.text });
      } catch (error) {
        if (error instanceof ArticleFormatError) {
          throw badInput(error.message, { argument: 'input', problem: error.problem, externalId: error.externalId });
        }
        throw error;
      }
    },
  }),
);

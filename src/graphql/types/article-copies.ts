import type { ArticleRow } from '../../queries/rows.js';
import { builder } from '../builder.js';
import { Article } from './article.js';

interface ArticleCopyValue {
  similarity: number;
  article: ArticleRow;
}

const ArticleCopy = builder.objectRef<ArticleCopyValue>('ArticleCopy').implement({
  description:
    'Another article that carries the same text, lightly edited: the same agency dispatch retitled, cut, extended or with its quotes moved. ' +
    'Found at ingest by comparing MinHash signatures of the clean texts (see the README, "Copies").',
  fields: (t) => ({
    article: t.field({ type: Article, description: 'The copy.', resolve: (copy) => copy.article }),
    similarity: t.exposeFloat('similarity', {
      description:
        'The estimated share of the shorter text that the longer one holds, from 0 to 1 (word shingles of three words; ' +
        'articles are copies from 0.6). 1 for a copy that was only cut.',
    }),
  }),
});

/** An article before another: earlier publication, then first stored. */
function earlier(a: ArticleRow, b: ArticleRow): boolean {
  return a.publishedOn < b.publishedOn || (a.publishedOn === b.publishedOn && a.id < b.id);
}

builder.objectFields(Article, (t) => ({
  copies: t.field({
    type: [ArticleCopy],
    description:
      'The other articles that carry the same text (an agency dispatch in several outlets, a paragraph-for-paragraph rerun), ' +
      'earliest publication first, then first stored; empty when the text is its own. Every article of the list also lists this one. ' +
      'A list, not a connection: one dispatch is carried by a few dozen outlets at most.',
    resolve: (article, _args, { loaders }) => loaders.copiesOfArticle.load(article.id),
  }),
  original: t.field({
    type: Article,
    description:
      'The earliest of this article and its copies (first published, then first stored): the article itself when it has no copy ' +
      'published before it. Count this one to count a dispatch once.',
    resolve: async (article, _args, { loaders }) => {
      const copies = await loaders.copiesOfArticle.load(article.id);
      return copies.reduce((first, copy) => (earlier(copy.article, first) ? copy.article : first), article);
    },
  }),
}));

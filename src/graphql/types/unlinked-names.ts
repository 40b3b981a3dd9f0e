import { countUnlinkedNames, listUnlinkedNames, UNLINKED_NAME_KEY, type UnlinkedMentionRow, type UnlinkedNameRow } from '../../queries/unlinked-names.js';
import { builder } from '../builder.js';
import { readPage, toConnection } from '../pagination.js';
import { Article } from './article.js';

const UnlinkedMention = builder.objectRef<UnlinkedMentionRow>('UnlinkedMention').implement({
  description: 'A name in an article that looks like an actor but is not in the knowledge base.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character in `Article.body` (UTF-16 code units, from 0).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last character in `Article.body`.' }),
    text: t.exposeString('text', { description: 'The name as it stands in the text.' }),
  }),
});

const UnlinkedName = builder.objectRef<UnlinkedNameRow>('UnlinkedName').implement({
  description: 'A name the linker saw but could not link, with how widespread it is: a candidate for the knowledge base.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name, white space folded.' }),
    articleCount: t.exposeInt('articleCount', { description: 'In how many articles the name appears.' }),
    mentionCount: t.exposeInt('mentionCount', { description: 'How often the name appears in all.' }),
  }),
});

builder.objectField(Article, 'unlinkedMentions', (t) =>
  t.field({
    type: [UnlinkedMention],
    description: 'Names in the article that look like actors (two or more capitalised words) but are not in the knowledge base, in reading order.',
    resolve: (article, _args, { loaders }) => loaders.unlinkedOfArticle.load(article.id),
  }),
);

builder.queryField('unlinkedNames', (t) =>
  t.connection(
    {
      type: UnlinkedName,
      description:
        'The names the linker could not link, in the most articles first: what curators should add to the knowledge base next. ' +
        'People and organisations named in full become provisional actors instead (see `curationQueue`); names of rejected actors stay here.',
      resolve: async (_root, args, { db }) => {
        const page = readPage(args, UNLINKED_NAME_KEY);
        const rows = await listUnlinkedNames(db, page);
        return toConnection(rows, page, (row) => [-row.articleCount, row.name], (row) => ({ node: row }), () => countUnlinkedNames(db));
      },
    },
    { name: 'UnlinkedNameConnection', description: 'A page of unlinked names.' },
    { name: 'UnlinkedNameEdge', description: 'An unlinked name in a list.' },
  ),
);

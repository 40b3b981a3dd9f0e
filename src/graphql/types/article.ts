import { articleKeyOf, countArticles, countArticleStories, listArticles, MARK_END, MARK_START } from '../../queries/article-list.js';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { ARTICLE_FIELDS, type ArticleField, type ArticleRow } from '../../queries/rows.js';
import type { Loaders } from '../../loaders.js';
import { builder } from '../builder.js';
import { exactlyOne, parseRowId, rowIdOf } from '../ids.js';
import { toConnection } from '../pagination.js';
import { selectedFieldsAt } from '../selection.js';
import { articleListArgs, readArticleList } from './article-filter.js';

export const Article = builder.objectRef<ArticleRow>('Article');

export const DatePrecision = builder.enumType('DatePrecision', {
  description: 'How precisely the publication date is known.',
  values: {
    DAY: { description: 'The day is known (the byline gives it).' },
    MONTH: { description: 'Only the month is known; `publishedOn` is then the first of that month.' },
  },
});

const SNIPPET_LENGTH = 200;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The search headline as safe HTML: escaped text with the matched words in <mark> tags. */
function markedSnippet(headline: string): string {
  return headline
    .split(MARK_START)
    .map((part, i) => {
      if (i === 0) return escapeHtml(part.replaceAll(MARK_END, ''));
      const [marked = '', rest = ''] = part.split(MARK_END);
      return `<mark>${escapeHtml(marked)}</mark>${escapeHtml(rest)}`;
    })
    .join('');
}

/** The article's text: from its row when the statement read it, else by id (one statement for all articles asking). */
export async function bodyOf(article: ArticleRow, loaders: Loaders): Promise<string> {
  return article.body ?? (await loaders.articleById.load(article.id))?.body ?? '';
}

function opening(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_LENGTH) return escapeHtml(flat);
  const cut = flat.slice(0, SNIPPET_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${escapeHtml(cut.slice(0, space > SNIPPET_LENGTH / 2 ? space : SNIPPET_LENGTH))} …`;
}

builder.node(Article, {
  description: 'A news article of the corpus, cleaned of bylines, timestamps, credits and repeated paragraphs.',
  id: { resolve: (article) => article.id, parse: parseRowId('Article') },
  loadMany: (ids, { loaders }) => ids.map((id) => loaders.articleById.load(id)),
  fields: (t) => ({
    externalId: t.exposeString('externalId', {
      description: 'The id the article came with: its file name without extension, or the id given to `ingestArticle`.',
    }),
    title: t.exposeString('title', {
      description: 'The headline, or where the text has none, its first sentence (at most 120 characters).',
    }),
    body: t.string({
      description: 'The clean text: paragraphs separated by a blank line. Mention offsets point into it.',
      resolve: (article, _args, { loaders }) => bodyOf(article, loaders),
    }),
    paragraphs: t.stringList({
      description: 'The clean text as a list of paragraphs.',
      resolve: async (article, _args, { loaders }) => (await bodyOf(article, loaders)).split('\n\n'),
    }),
    text: t.string({
      description: 'The article exactly as it was ingested, boilerplate and all.',
      resolve: async (article, _args, { loaders }) => (await loaders.rawTextById.load(article.id)) ?? '',
    }),
    snippet: t.string({
      description:
        'A short HTML-safe excerpt: when the article was found by `filter.search`, the passages that match with the matched words in `<mark>` tags; otherwise the opening of the text. ' +
        'Everything but the `<mark>` tags is escaped.',
      resolve: async (article, _args, { loaders }) =>
        article.headline ? markedSnippet(article.headline) : opening(await bodyOf(article, loaders)),
    }),
    sources: t.exposeStringList('sources', {
      description: 'The agencies and outlets credited as sources, normalised (`Belga`, `AFP`, `De Morgen` …); empty when none is credited.',
    }),
    publishedOn: t.expose('publishedOn', {
      type: 'Date',
      description: 'The publication date; the first of the month when `datePrecision` is MONTH.',
    }),
    datePrecision: t.expose('datePrecision', { type: DatePrecision, description: 'How precisely `publishedOn` is known.' }),
    language: t.exposeString('language', { description: 'Language of the text as an ISO 639-1 code (`nl`).' }),
  }),
});

/**
 * The fields of Article that read no column of its row but `id` (which every read takes): those made
 * of the text (read by id when the row lacks it, see bodyOf) and the links, looked up by id.
 * `original` is not among them: it may answer with the row itself, whose other fields a client reads.
 */
const BY_ID_ONLY = ['body', 'paragraphs', 'text', 'snippet', 'actors', 'conflicts', 'places', 'unlinkedMentions', 'copies', 'story', '__typename'];
const SHOWN_ALONE = new Set<string>([...ARTICLE_FIELDS, ...BY_ID_ONLY]);
/** What every list reads whatever the selection: the key of its cursors. */
const ALWAYS_READ: readonly ArticleField[] = ['id', 'publishedOn'];

const articleColumnsOfField = new WeakMap<readonly FieldNode[], readonly ArticleField[] | null>();

/**
 * The columns of the articles selected at `path` below the field being resolved: those of the
 * column fields selected (and `id` and `publishedOn`), or all of them (null) once the selection has
 * a field not known to read none, which may read any. Worked out once per field of a document.
 * ConflictTraversal shows title and date of 200 articles: the rest was a third of their JSON.
 */
export function articleColumnsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): readonly ArticleField[] | null {
  let columns = articleColumnsOfField.get(info.fieldNodes);
  if (columns === undefined) {
    const selected = selectedFieldsAt(info, path);
    columns = [...selected].every((name) => SHOWN_ALONE.has(name))
      ? ARTICLE_FIELDS.filter((name) => selected.has(name) || ALWAYS_READ.includes(name))
      : null;
    if (columns?.length === ARTICLE_FIELDS.length) columns = null;
    articleColumnsOfField.set(info.fieldNodes, columns);
  }
  return columns;
}

export const ArticleConnection = builder.connectionObject(
  {
    type: Article,
    name: 'ArticleConnection',
    description: 'A page of articles.',
  },
  { name: 'ArticleEdge', description: 'An article in a list of articles.' },
);

builder.queryFields((t) => ({
  article: t.field({
    type: Article,
    nullable: true,
    description: 'One article, by global id or by external id (exactly one of the two); null when there is no such article.',
    args: {
      id: t.arg.id({ description: 'The global id of the article.' }),
      externalId: t.arg.string({ description: 'The external id of the article (its file name without extension).' }),
    },
    resolve: async (_root, args, { loaders }) => {
      exactlyOne(args, ['id', 'externalId']);
      if (args.id) return loaders.articleById.load(rowIdOf(args.id, 'Article'));
      return loaders.articleByExternalId.load(args.externalId!);
    },
  }),
  articles: t.field({
    type: ArticleConnection,
    description:
      'All articles, or those matching `filter`, newest first (best match first when searching); one a story with `distinctStories`.',
    args: { ...t.arg.connectionArgs(), ...articleListArgs(t.arg) },
    resolve: async (_root, args, { db, loaders }, info) => {
      const { query: listed, page } = await readArticleList(args, loaders);
      const query = { ...listed, columns: articleColumnsAt(info, ['edges', 'node']) };
      const rows = await listArticles(db, query, page);
      const connection = toConnection(
        rows,
        page,
        (row) => articleKeyOf(query.order, row),
        (row) => ({ node: row }),
        () => (query.distinctStories ? countArticleStories(db, query.filter) : countArticles(db, query.filter)),
      );
      return { ...connection, articleScope: { parent: null, filter: query.filter } };
    },
  }),
}));

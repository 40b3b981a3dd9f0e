import { h, link } from '../dom.js';

export interface ArticleItem {
  externalId: string;
  title: string;
  publishedOn: string;
  snippet?: string;
  sources: readonly string[];
}

/** A list of articles: title as a link to the article view, date, sources, and the snippet (HTML-safe from the API: only `<mark>`). */
export function articleList(articles: readonly ArticleItem[], extra?: (article: ArticleItem, index: number) => Node | null): HTMLElement {
  return h(
    'ol',
    { class: 'articles' },
    articles.map((article, index) => {
      const snippet = article.snippet === undefined ? null : h('p', { class: 'snippet' });
      // The API escapes everything but the <mark> tags of a search's matches.
      if (snippet) snippet.innerHTML = article.snippet!;
      return h(
        'li',
        {},
        link(`/article/${encodeURIComponent(article.externalId)}`, article.title, {}, { class: 'title' }),
        h('span', { class: 'meta' }, ` ${article.publishedOn}${article.sources.length ? ` · ${article.sources.join(', ')}` : ''}`),
        snippet,
        extra?.(article, index) ?? null,
      );
    }),
  );
}

/** Where to go when the corpus is empty. */
export function howToIngest(): HTMLElement {
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, 'No articles yet. Load some into this server’s database, then reload this page:'),
    h(
      'pre',
      {},
      'WRITE_TOKEN=… npm run ingest -- seeds/articles   # through this server (started with that WRITE_TOKEN)\n' +
        'npm run ingest -- your/articles/                 # with the server stopped, straight into its database',
    ),
    h('p', {}, 'Or send articles to the ingestArticle mutation of /graphql. The README’s “Start” tells more.'),
  );
}

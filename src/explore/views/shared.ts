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
    h('p', {}, 'No articles yet. Load articles into this server, then reload this page:'),
    h('pre', {}, 'npm run ingest -- seeds/articles        # the seed corpus, straight into the database\nWRITE_TOKEN=… npm run ingest -- files…    # through a running server’s ingestArticle mutation'),
  );
}

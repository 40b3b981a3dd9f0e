import type { LinkInput } from '../linking/types.js';
import type { ArticleLinks } from './store.js';

export interface TextLinker {
  /** Links an article and collects the names the knowledge base is missing, reading the body once. */
  linkWithUnknown(input: LinkInput): ArticleLinks;
}

export function linkArticle(linker: TextLinker, article: LinkInput): ArticleLinks {
  return linker.linkWithUnknown({ title: article.title, body: article.body, publishedOn: article.publishedOn });
}

import { parseArticleFile } from '../corpus/parse.js';
import type { ParsedArticle } from '../corpus/types.js';
import { linkArticle, type TextLinker } from './link.js';
import type { ArticleLinks } from './store.js';

/** A file to read, with the content hash stored under its external id (if any) so an unchanged file is not linked again. */
export interface FileTask {
  path: string;
  storedHash: string | null;
}

export type FileResult =
  | { kind: 'linked'; path: string; article: ParsedArticle; links: ArticleLinks }
  | { kind: 'unchanged'; path: string }
  | { kind: 'failed'; path: string; message: string };

/** Reads, parses and links one file; a file not in the corpus format (or unreadable) is a result, not a throw. */
export async function readAndLink(linker: TextLinker, task: FileTask): Promise<FileResult> {
  let article: ParsedArticle;
  try {
    article = await parseArticleFile(task.path);
  } catch (error) {
    return { kind: 'failed', path: task.path, message: (error as Error).message };
  }
  if (article.contentHash === task.storedHash) return { kind: 'unchanged', path: task.path };
  return { kind: 'linked', path: task.path, article, links: linkArticle(linker, article) };
}

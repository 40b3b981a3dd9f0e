import { splitSentences } from './sentences.js';

export const TITLE_MAX = 120;
const HEADLINE_MAX = 150;

/** A headline is a short line that does not end like a sentence. */
export function looksLikeHeadline(line: string): boolean {
  // The length first: stripping closing quotes is quadratic on a long run of them (`"""…x`).
  if (line.length > HEADLINE_MAX) return false;
  const end = line.replace(/["'”’»)\]]+$/u, '');
  return /\p{L}/u.test(line) && !/[.!?…:;,]$/u.test(end);
}

/** Cuts at a word boundary so that the title, with its `…`, stays within TITLE_MAX characters. */
export function cutTitle(text: string): string {
  if (text.length <= TITLE_MAX) return text;
  const room = text.slice(0, TITLE_MAX - 1);
  const space = room.lastIndexOf(' ');
  const cut = (space > 0 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/u, '');
  return `${cut}…`;
}

export function titleFromBody(firstParagraph: string): string {
  return cutTitle(splitSentences(firstParagraph)[0] ?? firstParagraph);
}

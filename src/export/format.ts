import { KINDS, LINKED_KINDS, type Kind } from '../kinds.js';
import type { ExportedArticle } from './read.js';

export type ExportFormat = 'ndjson' | 'csv';

/** One JSON object per line. */
export function ndjsonLine(article: ExportedArticle): string {
  return `${JSON.stringify(article)}\n`;
}

/** A string for each of the columns. */
type Values<Columns extends readonly string[]> = { [I in keyof Columns]: string };

/** The values of a kind's export columns (LinkedKind.exportColumns), one for each. */
type KindValues = { [K in Kind]: (article: ExportedArticle) => Values<(typeof LINKED_KINDS)[K]['exportColumns']> };

const KIND_VALUES: KindValues = {
  actor: (article) => [
    article.actors.map((a) => a.slug).join('|'),
    article.actors.map((a) => a.kind).join('|'),
    article.actors.map((a) => String(a.mentions.length)).join('|'),
  ],
  conflict: (article) => [article.conflicts.map((c) => c.slug).join('|'), article.conflicts.map((c) => c.score.toFixed(3)).join('|')],
};

const CSV_COLUMNS = ['id', 'published_on', 'date_precision', 'title', 'sources', ...KINDS.flatMap((kind) => LINKED_KINDS[kind].exportColumns)];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header; with `withStory`, a last column `story` (the story's global id). */
export function csvHeader(withStory = false): string {
  return `${[...CSV_COLUMNS, ...(withStory ? ['story'] : [])].join(',')}\r\n`;
}

/** One row per article; lists inside a field are joined with `|`, in the same order across columns. */
export function csvLine(article: ExportedArticle, withStory = false): string {
  const values = [
    article.id,
    article.publishedOn,
    article.datePrecision,
    article.title,
    article.sources.join('|'),
    ...KINDS.flatMap((kind): readonly string[] => KIND_VALUES[kind](article)),
    ...(withStory ? [article.story ?? ''] : []),
  ];
  return `${values.map(field).join(',')}\r\n`;
}

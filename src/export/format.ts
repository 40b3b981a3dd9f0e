import type { ExportedArticle } from './read.js';

export type ExportFormat = 'ndjson' | 'csv';

/** One JSON object per line. */
export function ndjsonLine(article: ExportedArticle): string {
  return `${JSON.stringify(article)}\n`;
}

const CSV_COLUMNS = ['id', 'published_on', 'date_precision', 'title', 'sources', 'actors', 'actor_kinds', 'mention_counts', 'conflicts', 'conflict_scores'];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One row per article; lists inside a field are joined with `|`, in the same order across columns. */
export function csvLine(article: ExportedArticle): string {
  const values = [
    article.id,
    article.publishedOn,
    article.datePrecision,
    article.title,
    article.sources.join('|'),
    article.actors.map((a) => a.slug).join('|'),
    article.actors.map((a) => a.kind).join('|'),
    article.actors.map((a) => String(a.mentions.length)).join('|'),
    article.conflicts.map((c) => c.slug).join('|'),
    article.conflicts.map((c) => c.score.toFixed(3)).join('|'),
  ];
  return `${values.map(field).join(',')}\r\n`;
}

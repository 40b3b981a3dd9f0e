import { stripHeadlineByline, stripLine } from './boilerplate.js';
import type { CalendarDay, YearMonth } from './dates.js';
import { dropRepeatedSentences } from './dedupe.js';
import { splitBlocks } from './text.js';
import { looksLikeHeadline, titleFromBody, cutTitle } from './title.js';

export interface CleanArticle {
  title: string;
  paragraphs: string[];
  sources: string[];
  /** The first day named in the boilerplate that falls in the header's month, if any. */
  day: CalendarDay | null;
}

interface Line {
  block: number;
  text: string;
}

/** Turns the text after the date header into title, clean paragraphs, sources and day; null when no text is left. */
export function cleanArticle(content: string, header: YearMonth): CleanArticle | null {
  const sources: string[] = [];
  let day: CalendarDay | null = null;
  const lines: Line[] = [];
  splitBlocks(content).forEach((block, index) => {
    for (const raw of block) {
      const stripped = stripLine(raw, header);
      sources.push(...stripped.sources);
      day ??= stripped.dates.find((date) => date.year === header.year && date.month === header.month) ?? null;
      const text = lines.length === 0 ? stripHeadlineByline(stripped.text) : stripped.text;
      if (text) lines.push({ block: index, text });
    }
  });

  const [first, second] = lines;
  // A headline stands alone in its block: a first line that runs on into the next is wrapped text.
  const alone = first !== undefined && second !== undefined && second.block !== first.block;
  const headline = alone && looksLikeHeadline(first.text) ? first.text : null;
  const bodyLines = headline === null ? lines : lines.slice(1);
  const paragraphs = dropRepeatedSentences(joinBlocks(bodyLines));
  if (paragraphs.length === 0) return null;
  return {
    title: headline === null ? titleFromBody(paragraphs[0]!) : cutTitle(headline),
    paragraphs,
    sources: unique(sources),
    day,
  };
}

function joinBlocks(lines: Line[]): string[] {
  const paragraphs: string[] = [];
  let block = -1;
  for (const line of lines) {
    if (line.block === block) paragraphs[paragraphs.length - 1] += ` ${line.text}`;
    else paragraphs.push(line.text);
    block = line.block;
  }
  return paragraphs;
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

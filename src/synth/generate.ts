import type { LinkingKnowledgeBase } from '../linking/kb.js';
import { createCasting } from './cast.js';
import { Composer } from './compose.js';
import { buildNameIndex } from './naming.js';
import { createRandom, type Random } from './random.js';
import {
  AGENCIES, HEADLINES, MENTIONS, MONTHS, QUOTES, REPORTERS_FIRST, REPORTERS_LAST, SENTENCES,
} from './templates.js';

export interface SynthArticle {
  /** `synth_000001`, numbered from 1 in the order generated. */
  externalId: string;
  /** The article in the corpus format: ` date YYYY-MM ` and the text on the first line. */
  text: string;
  /** The day the parser should read: given by a dated byline, else the first of the month. */
  publishedOn: string;
}

export interface SynthGenerator {
  next(): SynthArticle;
}

export const FIRST_YEAR = 2010;
export const LAST_YEAR = 2025;
const MIN_WORDS = 170;
const MAX_WORDS = 560;
/** No article grows beyond this, boilerplate and repeated paragraphs included. */
export const WORD_LIMIT = 600;

/** Articles from the knowledge base and a seed: the same seed gives the same articles, byte for byte. */
export function createGenerator(kb: LinkingKnowledgeBase, seed: number): SynthGenerator {
  const random = createRandom(seed);
  const names = buildNameIndex(kb);
  const casting = createCasting(kb);
  const lexicons = new Map(kb.lexicon.conflicts.map((c) => [c.slug, c]));
  let count = 0;

  return {
    next() {
      count += 1;
      const year = random.int(FIRST_YEAR, LAST_YEAR);
      const month = random.int(1, 12);
      const stamp = random.chance(0.35) ? random.int(1, 28) : null;
      const publishedOn = `${year}-${pad(month)}-${pad(stamp ?? 1)}`;
      const cast = casting.choose(publishedOn, random);
      const composer = new Composer(
        cast.actors,
        cast.conflicts.map((conflict) => ({ conflict, lexicon: lexicons.get(conflict.slug) })),
        names,
        publishedOn,
        random,
      );

      const paragraphs = body(composer, random);
      const head = boilerplate(composer, random, { year, month, day: stamp });
      const text = [...head, ...paragraphs].join('\n\n');
      return { externalId: `synth_${String(count).padStart(6, '0')}`, text: ` date ${year}-${pad(month)} ${text}\n`, publishedOn };
    },
  };
}

function body(composer: Composer, random: Random): string[] {
  const target = random.int(MIN_WORDS, MAX_WORDS);
  const paragraphs: string[] = [];
  let words = 0;
  let paragraph: string[] = [];
  let size = 2;
  const flush = () => {
    if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
    paragraph = [];
    size = random.int(1, 4);
  };
  while (words < target || (composer.unnamed() > 0 && words < MAX_WORDS)) {
    const pool = words >= target ? MENTIONS : random.chance(0.06) ? QUOTES : SENTENCES;
    const sentence = composer.fill(random.pick(pool));
    if (sentence === null) continue;
    paragraph.push(sentence);
    words += countWords(sentence);
    if (paragraph.length >= size) flush();
  }
  flush();
  if (paragraphs.length > 2 && random.chance(0.08)) {
    // Some sites print a paragraph twice (a pull quote, a botched template); the parser removes the repeat.
    const repeated = paragraphs[random.int(0, paragraphs.length - 2)]!;
    if (words + countWords(repeated) <= WORD_LIMIT - 25) paragraphs.push(repeated);
  }
  return paragraphs;
}

function boilerplate(
  composer: Composer,
  random: Random,
  date: { year: number; month: number; day: number | null },
): string[] {
  const lines: string[] = [];
  if (random.chance(0.55)) {
    let headline: string | null = null;
    for (let tries = 0; headline === null && tries < 5; tries++) headline = composer.fill(random.pick(HEADLINES), { headline: true });
    if (headline) lines.push(headline);
  }
  if (random.chance(0.4)) {
    lines.push(random.chance(0.3) ? 'Door: redactie' : `Door: ${random.pick(REPORTERS_FIRST)} ${random.pick(REPORTERS_LAST)}`);
  }
  const time = `${pad(random.int(6, 23))}u${pad(random.int(0, 59))}`;
  const credit = random.chance(0.5) ? ` Bron: ${creditList(random)}` : '';
  if (date.day !== null) {
    const { year, month, day } = date;
    const stamp = random.chance(0.5)
      ? `${day}/${pad(month)}/${String(year).slice(2)} - ${time}`
      : `${day} ${MONTHS[month - 1]} ${year} ${time}`;
    lines.push(`${stamp}${credit}`);
  } else if (random.chance(0.2)) {
    lines.push(`${time}${credit}`);
  } else if (credit) {
    lines.push(credit.trim());
  }
  return lines;
}

function creditList(random: Random): string {
  const first = random.pick(AGENCIES);
  const second = random.pick(AGENCIES);
  return second !== first && random.chance(0.4) ? `${first}, ${second}` : first;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// The rule by which two articles report the same event without sharing text: published within a
// few days, on the same conflict (or both on none), with overlapping actors and key terms. Measured
// by `npm run eval` (B-cubed on test/fixtures/copies) and applied at ingest (ingest/stories.ts), where
// the keys are stored hashed (`hashedKeys`).

import { copyWords } from './minhash.js';

/** Days between the publication of two articles of one story, at most. */
export const STORY_WINDOW_DAYS = 3;
/** Jaccard similarity of the key terms (names and linked actors) from which two articles are of one story. */
export const STORY_TERMS_THRESHOLD = 0.2;

/** What the rule reads of an article: slugs and terms as strings, or hashed as stored (`hashedKeys`). */
export interface StoryKeys<T extends string | number = string> {
  /** ISO date of publication. */
  publishedOn: string;
  /** Slugs of the conflicts the article is linked to. */
  conflicts: readonly T[];
  /** The key terms: names written in the text and the slugs of the actors linked. */
  terms: ReadonlySet<T>;
}

/** The keys of an article from its text and the slugs of its conflicts and actors (provisional ones by key). */
export function storyKeys(
  article: { title: string; body: string; publishedOn: string },
  links: { conflicts: readonly string[]; actors: readonly string[] },
): StoryKeys {
  return { publishedOn: article.publishedOn, conflicts: [...links.conflicts], terms: new Set([...nameTerms(article.title, article.body), ...links.actors]) };
}

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (Postgres `integer`). */
export function termHash(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The keys as stored: slugs and terms hashed to 32 bits. Two different terms of one pair of
 * articles collide with a chance of about one in 10^7 (50 terms each), which the rule can bear.
 */
export function hashedKeys(keys: StoryKeys): StoryKeys<number> {
  return { publishedOn: keys.publishedOn, conflicts: [...new Set(keys.conflicts.map(termHash))], terms: new Set([...keys.terms].map(termHash)) };
}

/** Words that open a sentence in mid-text (after a colon or a quote) and are no names. */
const NOT_NAMES = new Set(['de', 'het', 'een', 'dat', 'die', 'dit', 'deze', 'er', 'hij', 'zij', 'ook', 'maar', 'en', 'in', 'op', 'bij', 'volgens', 'van', 'met', 'naar', 'sinds', 'onder', 'om', 'of']);
const WEEKDAYS = new Set(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag']);

/** Capitalised words not at the start of a sentence (places, people, bodies, nationalities), folded as copyWords folds them. */
export function nameTerms(title: string, body: string): Set<string> {
  const terms = new Set<string>();
  // The words between white space; a word opens a sentence when the word before it ends in . ! ? : " or ”.
  let opens = true;
  for (const word of `${title}. ${body}`.split(/\s+/)) {
    const first = opens;
    const last = word.charCodeAt(word.length - 1);
    opens = last === 0x2e || last === 0x21 || last === 0x3f || last === 0x3a || last === 0x22 || last === 0x201d;
    if (first) continue;
    // Most words start with a small letter or a digit, which no stripping changes: no name.
    const c = word.charCodeAt(0);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!/^\p{Lu}/u.test(bare)) continue;
    const term = copyWords(bare).join(' ');
    if (term && !NOT_NAMES.has(term) && !WEEKDAYS.has(term)) terms.add(term);
  }
  return terms;
}

function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The day number of an ISO date, as `sameStory` compares dates. */
export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Whether two articles report the same event by the rule (copies of one text always do: the caller knows those). */
export function sameStory<T extends string | number>(a: StoryKeys<T>, b: StoryKeys<T>): boolean {
  if (Math.abs(dayOf(a.publishedOn) - dayOf(b.publishedOn)) > STORY_WINDOW_DAYS) return false;
  const sameConflict = (a.conflicts.length === 0 && b.conflicts.length === 0) || a.conflicts.some((c) => b.conflicts.includes(c));
  return sameConflict && jaccard(a.terms, b.terms) >= STORY_TERMS_THRESHOLD;
}

/**
 * Groups articles into stories in the order given, as ingest would: each article joins the stories
 * of every earlier article it matches (by the rule or as a copy), which merges them when it
 * bridges two. Returns a story number per article (the index of the story's first article).
 */
export function groupStories<T extends string | number>(items: readonly StoryKeys<T>[], isCopy: (i: number, j: number) => boolean = () => false): number[] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < i; j++) {
      if (isCopy(i, j) || sameStory(items[i]!, items[j]!)) {
        const [x, y] = [find(i), find(j)];
        parent[Math.max(x, y)] = Math.min(x, y);
      }
    }
  }
  return items.map((_, i) => find(i));
}

/** B-cubed precision, recall and F1 of a grouping against gold labels (one value per item in both). */
export function bCubed(found: readonly unknown[], gold: readonly unknown[]): { precision: number; recall: number; f1: number } {
  if (found.length !== gold.length) throw new Error(`${found.length} groups for ${gold.length} labels`);
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < found.length; i++) {
    let inFound = 0;
    let inGold = 0;
    let inBoth = 0;
    for (let j = 0; j < found.length; j++) {
      const f = found[j] === found[i];
      const g = gold[j] === gold[i];
      if (f) inFound += 1;
      if (g) inGold += 1;
      if (f && g) inBoth += 1;
    }
    precision += inBoth / inFound;
    recall += inBoth / inGold;
  }
  precision /= found.length || 1;
  recall /= found.length || 1;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

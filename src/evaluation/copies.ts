import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseArticle } from '../corpus/parse.js';
import { COPY_THRESHOLD, copyFingerprint, copySimilarity, isCopy, type CopyFingerprint } from '../corpus/minhash.js';
import { bCubed, groupStories, storyKeys, type StoryKeys } from '../corpus/stories.js';
import type { LinkInput } from '../linking/types.js';

/** What the story rule needs of the linker: the slugs of an article's conflicts and actors (provisional ones by key). */
export type StoryLinker = (input: LinkInput) => { conflicts: string[]; actors: string[] };

const Labels = z.object({
  articles: z.record(z.string(), z.object({ dispatch: z.string().min(1), story: z.string().min(1) })),
});

/** A labelled text of the copies set. */
export interface LabelledText {
  externalId: string;
  dispatch: string;
  story: string;
  fingerprint: CopyFingerprint;
  /** What the story rule reads, when the set was loaded with a linker. */
  keys: StoryKeys | null;
}

/** Reads the texts of `dir` and its labels.json; a text without a label, or a label without a text, is an error naming it. */
export async function loadCopySet(dir: string, link: StoryLinker | null = null): Promise<LabelledText[]> {
  const labels = Labels.parse(JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8'))).articles;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  const texts: LabelledText[] = [];
  for (const file of files) {
    const externalId = file.slice(0, -'.txt'.length);
    const label = labels[externalId];
    if (!label) throw new Error(`${join(dir, file)} has no label in labels.json`);
    const article = parseArticle({ externalId, text: await readFile(join(dir, file), 'utf8') });
    let keys: StoryKeys | null = null;
    if (link) {
      keys = storyKeys(article, link({ title: article.title, body: article.body, publishedOn: article.publishedOn }));
    }
    texts.push({ externalId, ...label, fingerprint: copyFingerprint(article.body), keys });
  }
  const missing = Object.keys(labels).filter((id) => !texts.some((t) => t.externalId === id));
  if (missing.length > 0) throw new Error(`labels.json in ${dir} labels texts that are not there: ${missing.join(', ')}`);
  return texts;
}

/** One pair of texts with its estimated similarity (copySimilarity), whether the bands find it, and the label. */
export interface ScoredPair {
  a: string;
  b: string;
  similarity: number;
  sharesBand: boolean;
  copy: boolean;
}

export function scorePairs(texts: LabelledText[]): ScoredPair[] {
  const pairs: ScoredPair[] = [];
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i]!;
    const bands = new Set(a.fingerprint.bands);
    for (let j = i + 1; j < texts.length; j++) {
      const b = texts[j]!;
      pairs.push({
        a: a.externalId,
        b: b.externalId,
        similarity: copySimilarity(a.fingerprint, b.fingerprint),
        sharesBand: b.fingerprint.bands.some((key) => bands.has(key)),
        copy: a.dispatch === b.dispatch,
      });
    }
  }
  return pairs;
}

export interface PairScore {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Pair precision and recall of "copy" at a threshold, counting only pairs the bands find (as ingest does). */
export function pairScore(pairs: ScoredPair[], threshold: number): PairScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const found = pair.sharesBand && pair.similarity >= threshold;
    if (found && pair.copy) tp += 1;
    else if (found) fp += 1;
    else if (pair.copy) fn += 1;
  }
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export interface CopyReport {
  texts: number;
  pairs: number;
  copyPairs: number;
  threshold: number;
  atThreshold: PairScore;
  curve: PairScore[];
  /** Copy pairs missed and non-copies found at the threshold. */
  errors: ScoredPair[];
}

export function evaluateCopies(texts: LabelledText[], threshold = COPY_THRESHOLD): CopyReport {
  const pairs = scorePairs(texts);
  const curve = [];
  for (let t = 0.1; t <= 0.901; t += 0.05) curve.push(pairScore(pairs, Math.round(t * 100) / 100));
  return {
    texts: texts.length,
    pairs: pairs.length,
    copyPairs: pairs.filter((p) => p.copy).length,
    threshold,
    atThreshold: pairScore(pairs, threshold),
    curve,
    errors: pairs.filter((p) => (p.sharesBand && p.similarity >= threshold) !== p.copy),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatCopyReport(report: CopyReport): string {
  const { atThreshold: s } = report;
  const lines = [
    `Copies (test/fixtures/copies: ${report.texts} texts, ${report.pairs} pairs, ${report.copyPairs} of them copies)`,
    `  at estimated containment ≥ ${report.threshold}: pair precision ${pct(s.precision)}, recall ${pct(s.recall)} ` +
      `(${s.truePositives} found, ${s.falsePositives} wrong, ${s.falseNegatives} missed)`,
    '  threshold  precision  recall',
    ...report.curve.map((c) => `  ${c.threshold.toFixed(2).padStart(9)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}`),
  ];
  for (const e of report.errors) {
    lines.push(`  ${e.copy ? 'missed' : 'wrong '} ${e.a} ~ ${e.b}: similarity ${e.similarity.toFixed(2)}${e.sharesBand ? '' : ', no band shared'}`);
  }
  return lines.join('\n');
}

export interface StoryReport {
  texts: number;
  stories: number;
  precision: number;
  recall: number;
  f1: number;
  /** The stories found, as lists of external ids. */
  groups: string[][];
}

/** B-cubed scores of the story rule (corpus/stories.ts), grouping the texts in file order as ingest would. */
export function evaluateStories(texts: LabelledText[]): StoryReport {
  const keys = texts.map((t) => {
    if (!t.keys) throw new Error(`${t.externalId}: the set was loaded without a linker`);
    return t.keys;
  });
  const found = groupStories(keys, (i, j) => isCopy(texts[i]!.fingerprint, texts[j]!.fingerprint));
  const groups = new Map<number, string[]>();
  found.forEach((story, i) => groups.set(story, [...(groups.get(story) ?? []), texts[i]!.externalId]));
  return {
    texts: texts.length,
    stories: new Set(texts.map((t) => t.story)).size,
    ...bCubed(found, texts.map((t) => t.story)),
    groups: [...groups.values()],
  };
}

export function formatStoryReport(report: StoryReport): string {
  return [
    `Stories (same set, ${report.texts} texts, ${report.stories} labelled stories; ingest groups by this rule, test/stories.test.ts)`,
    `  B-cubed precision ${pct(report.precision)}, recall ${pct(report.recall)}, F1 ${pct(report.f1)}`,
    ...report.groups.map((group) => `  ${group.join(' + ')}`),
  ].join('\n');
}

import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/parse.js';
import type { LinkingKnowledgeBase } from '../src/linking/kb.js';
import { createGenerator, WORD_LIMIT, type SynthArticle } from '../src/synth/generate.js';
import { seedLinking } from './helpers/linking.js';

const SAMPLE = 150;

let kb: LinkingKnowledgeBase;
let sample: SynthArticle[];

function generate(seed: number, n: number): SynthArticle[] {
  const generator = createGenerator(kb, seed);
  return Array.from({ length: n }, () => generator.next());
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

beforeAll(() => {
  kb = seedLinking().kb;
  sample = generate(7, SAMPLE);
});

describe('corpus synthesis', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generate(7, 20)).toEqual(sample.slice(0, 20));
    const other = generate(8, 20);
    expect(other.map((a) => a.text)).not.toEqual(sample.slice(0, 20).map((a) => a.text));
  });

  it('numbers the articles synth_000001, synth_000002, …', () => {
    expect(sample.slice(0, 2).map((a) => a.externalId)).toEqual(['synth_000001', 'synth_000002']);
  });

  it('writes articles the parser reads, dated 2010–2025, boilerplate removed', () => {
    for (const article of sample) {
      const parsed = parseArticle(article);
      expect(parsed.publishedOn, article.externalId).toBe(article.publishedOn);
      expect(Number(parsed.publishedOn.slice(0, 4))).toBeGreaterThanOrEqual(2010);
      expect(Number(parsed.publishedOn.slice(0, 4))).toBeLessThanOrEqual(2025);
      expect(parsed.body, article.externalId).not.toMatch(/Door:|Bron:|\b\d{2}u\d{2}\b/);
    }
  });

  it('writes 150 to 600 words per article', () => {
    const counts = sample.map((a) => words(a.text) - 2);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...counts)).toBeLessThanOrEqual(WORD_LIMIT);
  });

  it('names 5–15 actors and at least one conflict per article, as the linker sees them', () => {
    const { linker } = seedLinking();
    let actors = 0;
    let withConflict = 0;
    let conflicts = 0;
    for (const article of sample) {
      const { title, body, publishedOn } = parseArticle(article);
      const result = linker.link({ title, body, publishedOn });
      actors += result.actors.length;
      conflicts += result.conflicts.length;
      if (result.conflicts.length > 0) withConflict += 1;
    }
    const averageActors = actors / SAMPLE;
    console.log(
      `synth linking: ${averageActors.toFixed(2)} actors, ${(conflicts / SAMPLE).toFixed(2)} conflicts per article; ` +
        `${withConflict}/${SAMPLE} with a conflict`,
    );
    expect(averageActors).toBeGreaterThanOrEqual(5);
    expect(averageActors).toBeLessThanOrEqual(15);
    expect(withConflict).toBe(SAMPLE);
  });
});

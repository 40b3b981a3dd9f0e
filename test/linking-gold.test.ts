import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LinkResult } from '../src/linking/types.js';
import { seedLinking, slugs } from './helpers/linking.js';

const seedsDir = fileURLToPath(new URL('../seeds/articles/', import.meta.url));
const gold = JSON.parse(readFileSync(new URL('./fixtures/linking/seeds-gold.json', import.meta.url), 'utf8')) as Record<
  string,
  SeedGold
>;

interface SpanRef {
  text: string;
  context: string;
}
interface SeedGold {
  actors: string[];
  conflicts: string[];
  conflictsAllowed: string[];
  mainConflict: string | null;
  mentions: (SpanRef & { slug: string })[];
  unlinked: SpanRef[];
}

/**
 * Reads a seed file the way the corpus parser is meant to (the header line gives the month; repeated
 * paragraphs are dropped); bylines and credits stay in, so they are tested as non-actors too.
 */
function readSeed(file: string): { title: string; body: string; publishedOn: string } {
  const raw = readFileSync(join(seedsDir, file), 'utf8');
  const header = /^\s*date (\d{4})-(\d{2})\s*/.exec(raw);
  if (!header) throw new Error(`${file}: no date header`);
  const paragraphs = [...new Set(raw.slice(header[0].length).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean))];
  const body = paragraphs.join('\n\n');
  const title = (body.split(/(?<=[.!?])\s/)[0] ?? '').slice(0, 120);
  return { title, body, publishedOn: `${header[1]}-${header[2]}-01` };
}

/** Body offset of `text` inside the first occurrence of `context`. */
function locate(body: string, ref: SpanRef): { start: number; end: number } {
  const at = body.indexOf(ref.context);
  const inner = ref.context.indexOf(ref.text);
  if (at < 0 || inner < 0) throw new Error(`context not found: ${JSON.stringify(ref)}`);
  return { start: at + inner, end: at + inner + ref.text.length };
}

describe('seed articles against the gold annotation', () => {
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  const results = new Map<string, { body: string; result: LinkResult }>();

  beforeAll(() => {
    for (const file of files) {
      const input = readSeed(file);
      results.set(file.replace(/\.txt$/, ''), { body: input.body, result: seedLinking().linker.link(input) });
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const lines: string[] = [];
    for (const [id, { result }] of results) {
      const expected = new Set(gold[id]!.actors);
      const found = new Set(slugs(result));
      const hits = [...found].filter((s) => expected.has(s)).length;
      tp += hits;
      fp += found.size - hits;
      fn += expected.size - hits;
      lines.push(
        `${id}: actors ${hits}/${expected.size} gold, ${found.size - hits} extra; conflicts ${result.conflicts
          .map((c) => `${c.slug} ${c.score}`)
          .join(', ')}`,
      );
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`${lines.join('\n')}\nactors: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  });

  it('has a gold annotation for every seed', () => {
    expect(Object.keys(gold).filter((k) => !k.startsWith('$')).sort()).toEqual(files.map((f) => f.replace(/\.txt$/, '')));
  });

  for (const file of files) {
    const id = file.replace(/\.txt$/, '');
    describe(id, () => {
      it('links every gold actor and no other', () => {
        const found = slugs(results.get(id)!.result);
        expect([...found].sort()).toEqual([...gold[id]!.actors].sort());
      });

      it('links the gold spans and leaves the forbidden ones alone', () => {
        const { body, result } = results.get(id)!;
        const spans = result.actors.flatMap((a) => a.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, slug: a.slug })));
        for (const m of spans) expect(body.slice(m.start, m.end)).toBe(m.text);
        for (const ref of gold[id]!.mentions) {
          const { start, end } = locate(body, ref);
          expect(spans, JSON.stringify(ref)).toContainEqual({ start, end, text: ref.text, slug: ref.slug });
        }
        for (const ref of gold[id]!.unlinked) {
          const { start, end } = locate(body, ref);
          const overlapping = spans.filter((m) => m.start < end && start < m.end);
          expect(overlapping, JSON.stringify(ref)).toEqual([]);
        }
      });

      it('links the conflicts it reports on', () => {
        const { conflicts } = results.get(id)!.result;
        const g = gold[id]!;
        const linked = conflicts.map((c) => c.slug);
        for (const slug of g.conflicts) expect(linked).toContain(slug);
        for (const slug of linked) expect([...g.conflicts, ...g.conflictsAllowed]).toContain(slug);
        if (g.mainConflict) expect(linked[0]).toBe(g.mainConflict);
        for (const c of conflicts) {
          expect(c.score).toBeGreaterThan(0);
          expect(c.score).toBeLessThanOrEqual(1);
        }
      });
    });
  }
});


import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGenerator } from '../src/synth/generate.js';
import { parseArticle } from '../src/corpus/parse.js';
import { runCli } from './helpers/cli.js';
import { seedLinking } from './helpers/linking.js';

const { kb, linker } = seedLinking();

// Written for these tests.
const BODY =
  'In Kabul heerst chaos. De Taliban rukken op naar Kaboel. Biden zegt dat Washington klaar is. ' +
  'Volgens Ahmed Zubair Khan is de luchthaven dicht.';
const input = { title: 'Chaos in Kabul', body: BODY, publishedOn: '2021-08-16' };

describe('the linker explains what it left out', () => {
  it('links exactly as without the explanation', () => {
    const generator = createGenerator(kb, 5);
    for (let i = 0; i < 40; i++) {
      const { externalId, text } = generator.next();
      const article = parseArticle({ externalId, text });
      const { dropped, ...explained } = linker.explain(article);
      expect(explained).toEqual(linker.linkWithUnknown(article));
      for (const d of dropped) expect(article.body.slice(d.start, d.end)).toBe(d.text);
    }
  });

  it('names the rule for a capital used as a place and for a surname inside an unknown name', () => {
    const { dropped, actors } = linker.explain(input);
    expect(actors.map((a) => a.slug)).toEqual(expect.arrayContaining(['taliban', 'joe-biden', 'united-states']));
    const at = (text: string) => dropped.find((d) => d.text === text);
    expect(at('Kabul')).toMatchObject({ slugs: ['afghanistan'], reason: expect.stringContaining('capital used as a place') });
    expect(at('Kaboel')?.reason).toContain('capital used as a place');
    expect(at('Khan')?.reason).toContain('surname inside a longer name');
    expect(at('Washington')).toBeUndefined();
  });
});

describe('npm run link', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cng-link-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the linking of a file with the reasons, without a database', async () => {
    const file = join(dir, 'kabul.txt');
    writeFileSync(file, ` date 2021-08 ${BODY}\n`);
    const result = await runCli('link', [file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Joe Biden \(person, joe-biden\): 1 mention\n +rule 0\.\d\d +.*\[Biden\]/);
    expect(result.stdout).toMatch(/Provisional actors.*\(1\):\n +Ahmed Zubair Khan \(person, ahmed-zubair-khan\): 1 mention\n +rule 0\.\d\d +.*\[Ahmed Zubair Khan\]/);
    expect(result.stdout).toContain('Names not in the knowledge base (0): none');
    expect(result.stdout).toMatch(/\[Kaboel\].*\n +could be afghanistan: a capital used as a place/);
  });

  it('names a file it cannot read and exits 1', async () => {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const result = await runCli('link', [file], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/empty\.txt: .*empty/);
  });
});

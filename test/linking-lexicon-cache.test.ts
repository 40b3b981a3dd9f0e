import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import { createLinker } from '../src/linking/linker.js';
import type { LinkInput } from '../src/linking/types.js';

/** A knowledge base of a state, a person and a party, in a new folder, with a folder for its caches beside it. */
function folders(surname: string): { files: string; cache: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lexicon-cache-'));
  const files = join(dir, 'kb');
  mkdirSync(files);
  writeFileSync(join(files, 'states.yaml'), 'kind: STATE\nactors:\n  - slug: ruritania\n    name: Ruritania\n    nameNl: Ruritanië\n    adjectives: [Ruritaanse]\n');
  writeFileSync(join(files, 'people.yaml'), people(surname));
  writeFileSync(
    join(files, 'parties.yaml'),
    'kind: ORGANIZATION\nactors:\n  - slug: progressive-party-of-ruritania\n    name: Progressive Party of Ruritania\n    nameNl: Progressive Party of Ruritania\n    country: ruritania\n',
  );
  return { files, cache: join(dir, 'cache'), dir };
}

const people = (surname: string) =>
  `kind: PERSON\nactors:\n  - slug: rudolf\n    name: Rudolf ${surname}\n    nameNl: Rudolf ${surname}\n    surnames: [${surname}]\n    country: ruritania\n`;

const lexicons = (cache: string) => readdirSync(cache).filter((f) => f.startsWith('knowledge-base-lexicon-'));

const article = (body: string): LinkInput => ({ title: '', body, publishedOn: '2020-01-01' });

describe('the lexicon cache', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a linker from the cache that links as one built anew, and reads it without writing', () => {
    const made = folders('Elphberg');
    dir = made.dir;
    const texts = [
      article('De Ruritaanse koning Rudolf Elphberg sprak in Strelsau. Elphberg zei later dat Ruritanië neutraal blijft.'),
      article('Elphbergs regering viel; Ruritanië kiest opnieuw.'),
      // The party's English name read in Dutch, and another spelling of Elphberg's name: tables cached with the lexicon.
      article('De Ruritaanse Progressieve Partij won in Ruritanië. Rudolf Elfberg zweeg; advocaat Jan Pietersen sprak.'),
    ];
    const fresh = createLinker(loadKnowledgeBase(made.files, { cache: false }));
    const expected = texts.map((t) => fresh.link(t));
    expect(expected[0]!.actors.map((a) => a.slug).sort()).toEqual(['rudolf', 'ruritania']);
    expect(expected[2]!.actors.map((a) => a.slug).sort()).toEqual(['progressive-party-of-ruritania', 'ruritania']);
    expect(expected[2]!.provisional.map((p) => p.key)).toEqual(['jan-pietersen']);

    const first = createLinker(loadKnowledgeBase(made.files, { cache: made.cache }));
    expect(texts.map((t) => first.link(t))).toEqual(expected);
    const [file] = lexicons(made.cache);
    expect(file).toBeDefined();
    const written = statSync(join(made.cache, file!));

    const second = createLinker(loadKnowledgeBase(made.files, { cache: made.cache }));
    expect(texts.map((t) => second.link(t))).toEqual(expected);
    expect(lexicons(made.cache)).toEqual([file]);
    // Read, not built and written again: the same file (a rewrite renames a new one over it).
    expect(statSync(join(made.cache, file!)).ino).toBe(written.ino);
  });

  it('never serves the lexicon of another knowledge base: a changed file rebuilds it, and the old cache is dropped', () => {
    const made = folders('Elphberg');
    dir = made.dir;
    const text = article('Rudolf Elphberg en Rudolf Rassendyll spraken in Ruritanië; Rassendyll zweeg daarna.');
    const before = createLinker(loadKnowledgeBase(made.files, { cache: made.cache })).link(text);
    expect(before.actors.find((a) => a.slug === 'rudolf')?.mentions.map((m) => m.text)).toEqual(['Rudolf Elphberg']);
    const [old] = lexicons(made.cache);

    writeFileSync(join(made.files, 'people.yaml'), people('Rassendyll'));
    const after = createLinker(loadKnowledgeBase(made.files, { cache: made.cache })).link(text);
    expect(after.actors.find((a) => a.slug === 'rudolf')?.mentions.map((m) => m.text)).toEqual(['Rudolf Rassendyll', 'Rassendyll']);
    expect(lexicons(made.cache)).toHaveLength(1);
    expect(lexicons(made.cache)).not.toContain(old);
  });

  it('never serves an old lexicon to a knowledge base changed after it loaded', () => {
    const made = folders('Elphberg');
    dir = made.dir;
    const text = article('Rudolf Elphberg, bijgenaamd de Rode Vos, sprak in Ruritanië.');
    createLinker(loadKnowledgeBase(made.files, { cache: made.cache }));
    const kb = loadKnowledgeBase(made.files, { cache: made.cache });
    kb.actors.find((a) => a.slug === 'rudolf')!.aliases.push('Rode Vos');
    const mentions = createLinker(kb).link(text).actors.find((a) => a.slug === 'rudolf')?.mentions.map((m) => m.text);
    expect(mentions).toEqual(['Rudolf Elphberg', 'Rode Vos']);
  });

  it('builds the lexicon when the cache cannot be read', () => {
    const made = folders('Elphberg');
    dir = made.dir;
    const text = article('Rudolf Elphberg sprak in Ruritanië.');
    const expected = createLinker(loadKnowledgeBase(made.files, { cache: made.cache })).link(text);
    for (const file of lexicons(made.cache)) writeFileSync(join(made.cache, file), '{"format": 1, "lexicon": {"actors": [');
    expect(createLinker(loadKnowledgeBase(made.files, { cache: made.cache })).link(text)).toEqual(expected);
    for (const file of lexicons(made.cache)) writeFileSync(join(made.cache, file), '{"format": 1, "lexicon": {}}');
    expect(createLinker(loadKnowledgeBase(made.files, { cache: made.cache })).link(text)).toEqual(expected);
  });
});

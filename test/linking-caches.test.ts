import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/linking/text.js';
import { TokenTrie } from '../src/linking/trie.js';
import { link } from './helpers/linking.js';

// What the linker works out once and keeps (a text's word numbers, a stretch of days' conflicts) must answer as
// working it out afresh would.
describe('linking caches', () => {
  it('finds the names of a trie built after a text was first read', () => {
    const tokens = tokenize('De Zilveren Uil landde gisteren in Oostwaard, zei de Gouden Kraai.');
    const birds = new TokenTrie<string>();
    birds.add('Gouden Kraai', 'kraai');
    expect(birds.scan(tokens).map((m) => m.values)).toEqual([['kraai']]);
    // The same token array, read again by a trie whose words were unknown when it was first read.
    const others = new TokenTrie<string>();
    others.add('Zilveren Uil', 'uil');
    others.add('Oostwaard', 'oostwaard');
    expect(others.scan(tokens).map((m) => [m.start, m.end, m.values])).toEqual([
      [1, 3, ['uil']],
      [6, 7, ['oostwaard']],
    ]);
    expect(others.longest(tokens, 1)?.end).toBe(3);
    expect(birds.scan(tokens).map((m) => m.values)).toEqual([['kraai']]);
  });

  it('keeps to the case rules and the gaps between words of a name', () => {
    const trie = new TokenTrie<string>();
    trie.add('Zilveren Uil', 'uil');
    trie.add('NAVO', 'navo');
    const found = (text: string) => trie.scan(tokenize(text)).map((m) => m.values[0]);
    expect(found('De Zilveren Uil en de NAVO.')).toEqual(['uil', 'navo']);
    expect(found('De zilveren uil en de Navo.')).toEqual([]);
    expect(found('Zilveren. Uil')).toEqual([]);
    expect(found('Zilveren-Uil')).toEqual(['uil']);
  });

  it('has the conflicts of a day right to the day on both edges of its margins', () => {
    // The war in Afghanistan: 7 October 2001 to 30 August 2021, current from 90 days before to 365 days after.
    const text = 'De taliban hebben opnieuw Kunduz aangevallen. Het Afghaanse leger sloeg de aanval af.';
    const conflicts = (day: string) => link(text, day).conflicts.map((c) => c.slug);
    // Interleaved, so that each day is worked out after another stretch's.
    expect(conflicts('2001-07-08')).toEqual([]);
    expect(conflicts('2001-07-09')).toEqual(['war-in-afghanistan-2001-2021']);
    expect(conflicts('2022-08-31')).toEqual([]);
    expect(conflicts('2022-08-30')).toEqual(['war-in-afghanistan-2001-2021']);
    expect(conflicts('2001-07-08')).toEqual([]);
  });
});

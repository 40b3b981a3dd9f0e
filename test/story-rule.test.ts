import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyWords } from '../src/corpus/minhash.js';
import { bCubed, groupStories, nameTerms, sameStory, type StoryKeys } from '../src/corpus/stories.js';

const keys = (publishedOn: string, conflicts: string[], terms: string[]): StoryKeys => ({ publishedOn, conflicts, terms: new Set(terms) });

describe('the story rule', () => {
  it('reads names in mid-sentence as key terms, not sentence openings or weekdays', () => {
    const terms = nameTerms('Raket treft markt', 'Bij een aanval op Charkiv vielen doden, zei Oleh Synjehoebov op Zondag. Het leger zwijgt.');
    expect([...terms].sort()).toEqual(['charkiv', 'oleh', 'synjehoebov']);
  });

  it('reads the same names as the rule written sentence by sentence, for any text', () => {
    // The rule as it reads: sentences split after . ! ? : " ”, their words at white space, the first
    // word of each skipped; nameTerms reads the words in one pass.
    const NOT_NAMES = ['de', 'het', 'een', 'dat', 'die', 'dit', 'deze', 'er', 'hij', 'zij', 'ook', 'maar', 'en', 'in', 'op', 'bij', 'volgens', 'van', 'met', 'naar', 'sinds', 'onder', 'om', 'of'];
    const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
    const byRule = (title: string, body: string) => {
      const terms = new Set<string>();
      for (const sentence of `${title}. ${body}`.split(/(?<=[.!?:"”])\s+/)) {
        sentence.split(/\s+/).forEach((word, i) => {
          const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
          if (i === 0 || !/^\p{Lu}/u.test(bare)) return;
          const term = copyWords(bare).join(' ');
          if (term && !NOT_NAMES.includes(term) && !WEEKDAYS.includes(term)) terms.add(term);
        });
      }
      return [...terms];
    };
    const pieces = ['Kyiv', 'de', 'Het', 'zei', 'Zondag', '12', '(Hamas)', '"Wij', 'NAVO.', 'vs.', 'Élysée', 'ëen', '\u201dDe', 'Oleh', '-', ' ', '  ', '\n\n', '. ', ': ', '! ', '? ', '" ', '\u201d ', '\u00a0', 'İzmir'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (title, body) => {
        expect([...nameTerms(title, body)]).toEqual(byRule(title, body));
      }),
      { numRuns: 3000 },
    );
  });

  it('joins articles of one conflict a day apart with shared names, not a week apart or on another conflict', () => {
    const a = keys('2023-05-12', ['war'], ['charkiv', 'markt', 'russia']);
    expect(sameStory(a, keys('2023-05-13', ['war'], ['charkiv', 'markt', 'zelensky']))).toBe(true);
    expect(sameStory(a, keys('2023-05-19', ['war'], ['charkiv', 'markt', 'russia']))).toBe(false);
    expect(sameStory(a, keys('2023-05-12', ['other'], ['charkiv', 'markt', 'russia']))).toBe(false);
    expect(sameStory(a, keys('2023-05-12', ['war'], ['odesa', 'haven', 'graan']))).toBe(false);
  });

  it('merges two stories when a later article bridges them', () => {
    const items = [
      keys('2024-01-15', ['c'], ['a', 'b']),
      keys('2024-01-15', ['c'], ['x', 'y']),
      keys('2024-01-16', ['c'], ['a', 'b', 'x', 'y']),
    ];
    expect(groupStories(items.slice(0, 2))).toEqual([0, 1]);
    expect(groupStories(items)).toEqual([0, 0, 0]);
  });

  it('scores B-cubed: 1 for the gold grouping, lower for a merge of two stories', () => {
    expect(bCubed([1, 1, 2], ['a', 'a', 'b'])).toEqual({ precision: 1, recall: 1, f1: 1 });
    const merged = bCubed([1, 1, 1], ['a', 'a', 'b']);
    expect(merged.recall).toBe(1);
    expect(merged.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3);
  });
});

import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, copyFingerprint, copySimilarity, copyWords, estimatedJaccard, isCopy, MINHASHES } from '../src/corpus/minhash.js';
import { evaluateCopies, loadCopySet } from '../src/evaluation/copies.js';

// Written for this test.
const DISPATCH = [
  'Bij een aanval met drones op een elektriciteitscentrale in het zuiden van het land is dinsdagnacht de stroom uitgevallen in drie provincies.',
  'Volgens de netbeheerder zitten ruim tweehonderdduizend huishoudens zonder licht en verwarming. Herstel kan dagen duren.',
  'De minister van Energie sprak van een doelbewuste poging om de bevolking voor de winter te breken.',
  'Het leger meldt dat elf van de zestien drones werden neergehaald boven de kust.',
].join('\n\n');

describe('copy fingerprints', () => {
  it('folds case, accents and punctuation, and keeps numbers as words', () => {
    expect(copyWords('Oekraïne, zei hij: "12 doden"!')).toEqual(['oekraine', 'zei', 'hij', '12', 'doden']);
  });

  it('gives a fixed-size signature and one key per band, the same for the same text', () => {
    const print = copyFingerprint(DISPATCH);
    expect(print.minhash).toHaveLength(MINHASHES);
    expect(print.bands).toHaveLength(BANDS);
    expect(print.bands.every(Number.isSafeInteger)).toBe(true);
    expect(copyFingerprint(DISPATCH)).toEqual(print);
    expect(copySimilarity(print, print)).toBe(1);
  });

  it('finds a copy cut to its first half, and one with a typo and a paragraph added', () => {
    const full = copyFingerprint(DISPATCH);
    const cut = copyFingerprint(DISPATCH.split('\n\n').slice(0, 2).join('\n\n'));
    const edited = copyFingerprint(
      `${DISPATCH.replace('huishoudens', 'huishoudns')}\n\nIn de hoofdstad gingen de scholen woensdag niet open; de trams reden op noodstroom.`,
    );
    expect(isCopy(full, cut)).toBe(true);
    expect(isCopy(full, edited)).toBe(true);
    expect(full.bands.some((key) => cut.bands.includes(key))).toBe(true);
  });

  it('does not take a text on another subject for a copy', () => {
    const other = copyFingerprint('De voetbalbond heeft de trainer van het nationale elftal ontslagen na de nederlaag tegen Schotland.');
    expect(isCopy(copyFingerprint(DISPATCH), other)).toBe(false);
  });

  it('refuses to compare signatures of different lengths', () => {
    expect(() => estimatedJaccard([1, 2], [1])).toThrow(/2 and 1 slots/);
  });

  it('separates copies from look-alikes in the labelled set at the threshold in use (npm run eval reports the curve)', async () => {
    const report = evaluateCopies(await loadCopySet(fileURLToPath(new URL('./fixtures/copies/', import.meta.url))));
    expect(report.copyPairs).toBeGreaterThan(15);
    expect(report.atThreshold.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.atThreshold.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('copy words', () => {
  // The definition copyWords keeps, written out: its plain-ASCII runs take a shorter way.
  const byDefinition = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word !== '');
  // ASCII letters, digits and marks; accented letters whole and as letter + combining mark; letters
  // whose lower case is longer or depends on the neighbours (İ, Greek Σ); other scripts and spaces.
  const pieces = ['a', 'Z', 'q', '7', ' ', '-', '.', "'", ':', '"', 'é', 'ï', 'Ö', 'e\u0301', '\u0308', 'ß', 'İ', 'Σ', 'σ', 'ΑΣ', 'Ω', '中', '\u00a0', '\u2019', '½', 'ǅ', '\u200d', '\n'];

  it('are the words of the definition for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(copyWords(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 3000 },
    );
    const dispatch = `${DISPATCH} Zelenski sprak in Kyïv met Erdoğan; ΑΘΗΝΑΣ. ΣΟΦΙΑ`;
    expect(copyWords(dispatch)).toEqual(byDefinition(dispatch));
  });
});

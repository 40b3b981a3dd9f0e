// Near-copy detection on the clean text: word shingles, a MinHash signature, and LSH bands.
// Two texts whose shingle sets have Jaccard similarity J agree on each signature slot with
// probability J, and share at least one band with probability 1 - (1 - J^ROWS)^BANDS: with 64
// bands of 2 rows, 0.98 at J = 0.25 (a dispatch and a copy cut to a third), 0.47 at J = 0.1, and
// 0.0016 at J = 0.005 (unrelated texts). A shared band only makes a candidate; `isCopy` decides.

/** Words per shingle: a typo or a changed word touches this many shingles. */
export const SHINGLE_WORDS = 3;
/** Bands the signature is cut into; each is looked up in the database. */
export const BANDS = 64;
/** Signature slots per band. */
export const ROWS = 2;
/** Slots of the signature. */
export const MINHASHES = BANDS * ROWS;

/**
 * The estimated containment (see `copySimilarity`) from which two texts are copies of one
 * dispatch. Chosen from the precision/recall curve of `npm run eval` on test/fixtures/copies (see
 * the README).
 */
export const COPY_THRESHOLD = 0.6;

/** What is stored of a text to find its copies. */
export interface CopyFingerprint {
  /** The MinHash signature, MINHASHES signed 32-bit integers (as Postgres `integer[]` holds them). */
  minhash: number[];
  /** How many distinct shingles the text has. */
  shingles: number;
  /** One key per band: band number × 2^32 + the band's hash, a safe integer (Postgres `bigint`). */
  bands: number[];
}

/** Lower-case words without accents, punctuation dropped; digits are words too (casualty figures, dates). */
export function copyWords(text: string): string[] {
  // Greek capital sigma lowercases by its neighbours (final ς), across the ASCII marks that cut runs below.
  if (text.includes('\u03a3')) return foldedWords(text);
  const words: string[] = [];
  let start = 0;
  let plain = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (c >= 0x80) plain = false;
    else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) {
      // An ASCII character that is no letter or digit ends a run: it is a word separator and, having
      // no decomposition and no combining class, a boundary of NFD too. A plain run is one word;
      // a run with other characters is folded the long way (it may hold marks, or separators).
      if (i > start) {
        if (plain) words.push(text.slice(start, i).toLowerCase());
        else for (const word of foldedWords(text.slice(start, i))) words.push(word);
      }
      start = i + 1;
      plain = true;
    }
  }
  return words;
}

/** What `copyWords` returns, by its definition: accents stripped after NFD, lower case, split at all but letters and digits. */
function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** FNV-1a over the UTF-16 code units, 32 bits. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finaliser: a bijection on 32 bits that mixes every bit into every other. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One seed per slot, fixed (a stored signature must mean the same thing tomorrow). */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(MINHASHES);
  let state = 0x9e3779b9;
  for (let i = 0; i < MINHASHES; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    seeds[i] = mix(state ^ 0x5bd1e995);
  }
  return seeds;
})();

/** The distinct hashes of the text's word shingles; a text shorter than a shingle is one shingle. */
export function shingleHashes(text: string): Set<number> {
  const words = copyWords(text);
  const hashes = new Set<number>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length > 0) hashes.add(hashString(words.join(' ')));
    return hashes;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) hashes.add(hashShingle(words, i));
  return hashes;
}

/** `hashString` of the SHINGLE_WORDS words from `start` joined by spaces, without building the string. */
function hashShingle(words: readonly string[], start: number): number {
  let hash = 0x811c9dc5;
  for (let w = start; w < start + SHINGLE_WORDS; w++) {
    if (w > start) hash = Math.imul(hash ^ 0x20, 0x01000193);
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** The MinHash signature of a set of shingle hashes: per slot, the least of the slot's permutation. */
export function minhashOf(hashes: Iterable<number>): number[] {
  const all = Int32Array.from(hashes);
  const signature = new Array<number>(MINHASHES);
  // Slot by slot, `mix` written out: the seed and the least value stay in registers over the
  // shingles. Values are compared as unsigned by flipping their sign bit (x ^ 2^31 orders as x >>> 0).
  for (let i = 0; i < MINHASHES; i++) {
    const seed = SEEDS[i]! | 0;
    let least = 0x7fffffff;
    for (let j = 0; j < all.length; j++) {
      let h = all[j]! ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= 0x80000000;
      if (h < least) least = h;
    }
    signature[i] = least ^ 0x80000000;
  }
  return signature;
}

/** The band keys of a signature. */
export function bandKeysOf(minhash: readonly number[]): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let row = 0; row < ROWS; row++) hash = mix(Math.imul(hash ^ minhash[band * ROWS + row]!, 0x01000193));
    keys.push(band * 2 ** 32 + hash);
  }
  return keys;
}

/** The fingerprint of a clean article text. */
export function copyFingerprint(body: string): CopyFingerprint {
  const hashes = shingleHashes(body);
  const minhash = minhashOf(hashes);
  return { minhash, shingles: hashes.size, bands: bandKeysOf(minhash) };
}

/** The share of slots on which two signatures agree: an unbiased estimate of the texts' Jaccard similarity. */
export function estimatedJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`signatures of ${a.length} and ${b.length} slots cannot be compared`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same += 1;
  return same / a.length;
}

/**
 * The estimated share of the shorter text's shingles that the longer one holds: the Jaccard
 * estimate J turned into a containment with the two set sizes (|A ∩ B| = J·(|A| + |B|) / (1 + J)).
 * Outlets cut dispatches: a copy cut to a third of its length has a Jaccard similarity of a third
 * with the full text, but a containment near 1; two reports of different events in the same agency
 * wording share their background paragraph, which is a smaller share of either.
 */
export function copySimilarity(a: Pick<CopyFingerprint, 'minhash' | 'shingles'>, b: Pick<CopyFingerprint, 'minhash' | 'shingles'>): number {
  const jaccard = estimatedJaccard(a.minhash, b.minhash);
  const shorter = Math.min(a.shingles, b.shingles);
  if (shorter === 0) return 0;
  return Math.min(1, (jaccard * (a.shingles + b.shingles)) / (1 + jaccard) / shorter);
}

/** Whether two fingerprints are copies of one text. */
export function isCopy(a: Pick<CopyFingerprint, 'minhash' | 'shingles'>, b: Pick<CopyFingerprint, 'minhash' | 'shingles'>): boolean {
  return copySimilarity(a, b) >= COPY_THRESHOLD;
}

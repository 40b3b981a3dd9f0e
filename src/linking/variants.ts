import { foldKey, isAllCaps, isCapitalised, tokenize } from './text.js';
import type { KbStateCodes, KnowledgeBase } from './types.js';

/*
 * Names transliterated from Cyrillic, Arabic, Persian and Hebrew are spelled differently by Dutch, English, German
 * and French news: `Loekasjenko`, `Lukashenko`, `Lukaschenko`, `Loukachenko`. The knowledge base lists the common
 * spellings; the rules below derive the others from them at load time, one substitution per sound (`oe` ↔ `u`,
 * `sj` ↔ `sh`, `tsj` ↔ `ch`, `ch` ↔ `kh`, `j` ↔ `y` ↔ `i` next to a vowel, `-ski` ↔ `-sky` ↔ `-skyj` …).
 * Only people of states whose names reach Dutch in transliteration get them (see `TRANSLITERATED`).
 */

export type Script = 'cyrillic' | 'arabic' | 'hebrew';

/** ISO 3166-1 alpha-3 codes of the states whose people's names Dutch news reads in transliteration, by script. */
export const TRANSLITERATED: Record<string, Script> = Object.fromEntries([
  ...['RUS', 'UKR', 'BLR', 'KAZ', 'KGZ', 'TJK', 'UZB', 'TKM', 'MNG', 'BGR', 'MKD', 'ARM', 'GEO', 'AZE'].map((iso) => [iso, 'cyrillic']),
  ...['IRN', 'AFG', 'PAK', 'IRQ', 'SYR', 'LBN', 'JOR', 'PSE', 'SAU', 'YEM', 'OMN', 'ARE', 'QAT', 'BHR', 'KWT', 'EGY',
    'LBY', 'TUN', 'DZA', 'MAR', 'SDN', 'MRT', 'SOM'].map((iso) => [iso, 'arabic']),
  ['ISR', 'hebrew'],
]);

const VOWEL = /[aeiouy]/;
const CONSONANT = /[bcdfghjklmnpqrstvwxz]/;

interface Rule {
  from: string;
  to: string[];
  /** Whether the rule applies at `at` in the (folded) word. */
  when?: (word: string, at: number) => boolean;
}

const atEnd = (word: string, at: number, length: number) => at + length === word.length;
const afterVowel = (word: string, at: number) => at > 0 && VOWEL.test(word[at - 1]!);
const afterConsonant = (word: string, at: number) => at > 0 && CONSONANT.test(word[at - 1]!);
const beforeVowel = (word: string, at: number, length: number) => VOWEL.test(word[at + length] ?? '');

/** `j`, `y`, `i` for the semivowel (in Arabic transliteration `j` is another sound): `j` and `y` before a vowel (`Jermak`, `Yermak`, `Pasjinjan`, `Pashinyan`), any of the three after a vowel before a consonant or at the end (`Sjojgoe`, `Shoigu`). */
function semivowel(letter: string): Rule[] {
  const others = ['j', 'y', 'i'].filter((l) => l !== letter);
  return [
    { from: letter, to: others.filter((l) => l !== 'i'), when: (w, at) => letter !== 'i' && beforeVowel(w, at, 1) },
    { from: letter, to: others, when: (w, at) => afterVowel(w, at) && !beforeVowel(w, at, 1) },
  ];
}

// Soft endings of Slavic names: `Zelenski`, `Zelensky`, `Zelenskyj`, `Zelenskij`, `Zelenskiy`, `Zelenskyy`.
const SOFT_ENDINGS = ['i', 'y', 'ij', 'yj', 'iy', 'yy', 'yi'];
const softEnding = (from: string): Rule => ({
  from,
  to: SOFT_ENDINGS.filter((e) => e !== from),
  when: (w, at) => atEnd(w, at, from.length) && afterConsonant(w, at) && w.length - from.length >= 4,
});

const COMMON_RULES: Rule[] = [
  { from: 'oe', to: ['u', 'ou'] },
  { from: 'ou', to: ['oe', 'u'] },
  { from: 'u', to: ['oe', 'ou'], when: (w, at) => !afterVowel(w, at) && w[at + 1] !== 'i' && w[at + 1] !== 'u' },
  { from: 'sj', to: ['sh', 'sch', 'ch'] },
  { from: 'sh', to: ['sj', 'sch'] },
  { from: 'kh', to: ['ch'] },
  ...['y', 'i'].flatMap(semivowel),
  // Armenian (and Arabic) endings after a consonant: `Pasjinjan`, `Pashinyan`, `Pasjinian`; `Sufyan`, `Sufian`.
  ...['jan', 'yan'].map((from): Rule => ({ from, to: ['ian'], when: (w, at) => atEnd(w, at, 3) && afterConsonant(w, at) })),
];

const wholeWord = (w: string, at: number, length: number) => at === 0 && w.length === length;

const RULES: Record<Script, Rule[]> = {
  cyrillic: [
    ...COMMON_RULES,
    ...semivowel('j'),
    { from: 'sch', to: ['sj', 'sh'] },
    { from: 'tsj', to: ['ch', 'tch', 'tsch'] },
    { from: 'tsch', to: ['tsj', 'ch'] },
    { from: 'tch', to: ['tsj', 'ch'] },
    { from: 'ch', to: ['kh', 'tsj'] },
    { from: 'zj', to: ['zh'] },
    { from: 'zh', to: ['zj'] },
    { from: 'dzj', to: ['dzh'] },
    { from: 'dzh', to: ['dzj'] },
    { from: 'ks', to: ['x'] },
    { from: 'x', to: ['ks'] },
    // `Medvedev`, `Medvedjev`.
    { from: 'ev', to: ['jev'], when: (w, at) => atEnd(w, at, 2) && afterConsonant(w, at) },
    { from: 'jev', to: ['ev'], when: (w, at) => atEnd(w, at, 3) && afterConsonant(w, at) },
    ...SOFT_ENDINGS.map(softEnding),
  ],
  arabic: [
    ...COMMON_RULES,
    { from: 'ch', to: ['kh'] },
    { from: 'dzj', to: ['j', 'dj'] },
    { from: 'dj', to: ['dzj', 'j'] },
    { from: 'j', to: ['dzj', 'dj'], when: (w, at) => at === 0 || !VOWEL.test(w[at - 1]!) || beforeVowel(w, at, 1) },
    // Persian and Arabic short vowels: `Soleimani`, `Suleimani`.
    { from: 'o', to: ['u'], when: (w, at) => at > 0 && !VOWEL.test(w[at - 1]!) && !VOWEL.test(w[at + 1] ?? '') },
    { from: 'q', to: ['k'] },
    // The article: `al-Sarraj`, `el-Sarraj`.
    { from: 'al', to: ['el'], when: (w, at) => wholeWord(w, at, 2) },
    { from: 'el', to: ['al'], when: (w, at) => wholeWord(w, at, 2) },
    ...['ll', 'mm', 'ss', 'dd', 'tt', 'rr', 'nn'].map((from): Rule => ({ from, to: [from[0]!] })),
    { from: 's', to: ['ss'], when: (w, at) => afterVowel(w, at) && beforeVowel(w, at, 1) },
  ],
  hebrew: [...COMMON_RULES, ...semivowel('j'), { from: 'ch', to: ['kh'] }],
};

/** The rules of each script by the letter they start with. */
const RULES_BY_LETTER = Object.fromEntries(
  Object.entries(RULES).map(([script, rules]) => {
    const byLetter = new Map<string, Rule[]>();
    for (const rule of rules) byLetter.set(rule.from[0]!, [...(byLetter.get(rule.from[0]!) ?? []), rule]);
    return [script, byLetter];
  }),
) as Record<Script, Map<string, Rule[]>>;

/**
 * At most this many substitutions in one variant, and this many variants of one name (the knowledge base lists the
 * common spellings; the variants fill in between them): a one-word name (a surname) is matched alone and gets
 * more; in a longer name the last word is varied first.
 */
const LIMITS = { word: { changes: 2, variants: 16 }, phrase: { changes: 2, variants: 8 } };

interface Segment {
  /** The text of the segment, as written; every other entry is an alternative. */
  forms: string[];
  /** Whether the segment starts a word whose first letter is a capital. */
  capital: boolean;
  /** Whether the segment is the last of its word. */
  last: boolean;
}

/** A spelling of a name: its text, and its words as the trie takes them, with the key the trie files it under. */
export interface Spelling {
  text: string;
  words: string[];
  key: string;
}

/**
 * Spellings of `phrase` (a name as written in the knowledge base) in other transliterations, without `phrase`
 * itself; fewer substitutions first. Words in capitals (acronyms) are kept as they are.
 */
export function transliterationVariants(phrase: string, script: Script): Spelling[] {
  const tokens = tokenize(phrase);
  if (tokens.length === 0) return [];
  const segments: Segment[] = [];
  const gaps: string[] = [];
  for (const token of tokens) {
    const word = isAllCaps(token.text) && token.text.length > 1
      ? [{ forms: [token.text], capital: false, last: false }]
      : segmentWord(token.key, script, isCapitalised(token.text));
    word[word.length - 1]!.last = true;
    gaps.push(token.gapBefore);
    segments.push(...word);
  }
  const variable = segments.flatMap((s, i) => (s.forms.length > 1 ? [i] : [])).reverse();
  const limit = tokens.length > 1 ? LIMITS.phrase : LIMITS.word;
  const maxChanges = Math.min(limit.changes, variable.length);
  const variants: Spelling[] = [];
  const seen = new Set<string>([tokens.map((t) => t.key).join(' ')]);
  const choice = new Array<number>(segments.length).fill(0);
  const emit = () => {
    const words: string[] = [];
    let word = '';
    segments.forEach((segment, i) => {
      const form = segment.forms[choice[i]!]!;
      word += segment.capital ? form[0]!.toUpperCase() + form.slice(1) : form;
      if (segment.last) {
        words.push(word);
        word = '';
      }
    });
    const key = words.map((w) => w.toLowerCase()).join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    variants.push({ text: words.map((w, i) => (i > 0 ? gaps[i] : '') + w).join(''), words, key });
  };
  // Every choice of `changes` variable segments, each set to one of its alternatives.
  const pick = (from: number, changes: number): void => {
    if (variants.length >= limit.variants) return;
    if (changes === 0) return emit();
    for (let k = from; k < variable.length; k++) {
      const i = variable[k]!;
      for (let alt = 1; alt < segments[i]!.forms.length; alt++) {
        choice[i] = alt;
        pick(k + 1, changes - 1);
        if (variants.length >= limit.variants) break;
      }
      choice[i] = 0;
    }
  };
  for (let changes = 1; changes <= maxChanges; changes++) pick(0, changes);
  return variants;
}

/** Cuts a folded word into segments, the longest rule that applies first; letters no rule takes are joined. */
function segmentWord(word: string, script: Script, capital: boolean): Segment[] {
  const byLetter = RULES_BY_LETTER[script];
  const segments: Segment[] = [];
  let plain = '';
  let first = true;
  const flush = () => {
    if (plain === '') return;
    segments.push({ forms: [plain], capital: capital && first, last: false });
    first = false;
    plain = '';
  };
  for (let at = 0; at < word.length; ) {
    let best: { length: number; to: string[] } | null = null;
    for (const rule of byLetter.get(word[at]!) ?? []) {
      if (!word.startsWith(rule.from, at) || (best && best.length > rule.from.length)) continue;
      if (rule.when && !rule.when(word, at)) continue;
      const to: string[] = best && best.length === rule.from.length ? [...best.to, ...rule.to] : rule.to;
      best = { length: rule.from.length, to };
    }
    if (!best) {
      plain += word[at];
      at += 1;
      continue;
    }
    flush();
    const from = word.slice(at, at + best.length);
    segments.push({ forms: [from, ...new Set(best.to.filter((t) => t !== from))], capital: capital && first, last: false });
    first = false;
    at += best.length;
  }
  flush();
  return segments;
}

/** A name of an actor and the spellings derived from it. */
export interface NameVariants {
  slug: string;
  surname: boolean;
  variants: Spelling[];
}

export interface VariantSource {
  slug: string;
  script: Script;
  names: string[];
  surnames: string[];
}

/**
 * The derived spellings that are safe to match: a spelling is dropped when `taken` says another name of the
 * knowledge base (or a common word, or someone's first name) has that form, and when two different names of
 * two actors derive it. A single word needs five letters at least: short words are too often other names
 * (`Chan`, `Kufa`, `Asad`).
 */
export function safeVariants(sources: VariantSource[], taken: (key: string) => boolean): NameVariants[] {
  const out: NameVariants[] = [];
  const derivedFrom = new Map<string, { slug: string; source: string }[]>();
  const clashes = new Set<string>();
  for (const { slug, script, names, surnames } of sources) {
    const all = [...names.map((name) => ({ name, surname: false })), ...surnames.map((name) => ({ name, surname: true }))];
    for (const { name, surname } of all) {
      const source = foldKey(name);
      const variants = transliterationVariants(name, script).filter(({ key }) => {
        if (taken(key) || (key.length < 5 && !key.includes(' '))) return false;
        const earlier = derivedFrom.get(key) ?? [];
        // Two people of one surname share its variants too; two different names deriving one form is a clash.
        if (earlier.some((e) => e.slug !== slug && e.source !== source)) clashes.add(key);
        earlier.push({ slug, source });
        derivedFrom.set(key, earlier);
        return true;
      });
      if (variants.length > 0) out.push({ slug, surname, variants });
    }
  }
  if (clashes.size === 0) return out;
  return out.map((n) => ({ ...n, variants: n.variants.filter((v) => !clashes.has(v.key)) }));
}

/**
 * The script each person's name was transliterated from: that of a state the person holds a role for, else that
 * of a state fighting in a conflict beside or against the armed group the person holds a role for. An armed group
 * fighting beside or against such a state has its script too (`Hezbollah`, `Hezbullah`).
 */
export function scriptsOf(kb: KnowledgeBase, states: KbStateCodes[]): Map<string, Script> {
  const ofState = new Map<string, Script>();
  for (const state of states) {
    const script = TRANSLITERATED[state.isoAlpha3];
    if (script) ofState.set(state.slug, script);
  }
  const groups = new Set(kb.actors.filter((a) => a.kind === 'ARMED_GROUP').map((a) => a.slug));
  const ofGroup = new Map<string, Script>();
  for (const conflict of kb.conflicts) {
    const script = conflict.parties.map((p) => ofState.get(p.actor)).find((s) => s !== undefined);
    if (!script) continue;
    for (const party of conflict.parties) {
      if (groups.has(party.actor) && !ofGroup.has(party.actor)) ofGroup.set(party.actor, script);
    }
  }
  const scripts = new Map<string, Script>();
  for (const actor of kb.actors) {
    if (actor.kind === 'ARMED_GROUP') {
      const script = ofGroup.get(actor.slug);
      if (script) scripts.set(actor.slug, script);
    }
    if (actor.kind !== 'PERSON') continue;
    const fors = actor.roles.flatMap((r) => (r.for === null ? [] : [r.for]));
    const script = fors.map((f) => ofState.get(f)).find((s) => s !== undefined) ?? fors.map((f) => ofGroup.get(f)).find((s) => s !== undefined);
    if (script) scripts.set(actor.slug, script);
  }
  return scripts;
}

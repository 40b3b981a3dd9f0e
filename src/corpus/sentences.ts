const ABBREVIATIONS = new Set([
  'afd', 'art', 'bijv', 'blz', 'bv', 'ca', 'dhr', 'dr', 'drs', 'ds', 'enz', 'etc', 'evt', 'excl', 'gen', 'incl',
  'ing', 'ir', 'jl', 'jr', 'kol', 'lt', 'luit', 'max', 'mevr', 'mgr', 'min', 'mld', 'mln', 'mr', 'mrd', 'nr', 'ong',
  'pct', 'prof', 'resp', 'sgt', 'sr', 'st', 'tel', 'vgl', 'vnl', 'zgn',
  'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
]);

// A break: terminator(s), any closing quotes or brackets, then space before something that can open a sentence.
// It starts where a run of terminators starts: tried inside a long run (`.....x`) it would take quadratic time.
const BREAK = /(?<![.!?…])([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘„«(\[]?[\p{Lu}\d])/gu;

function endsInAbbreviation(before: string): boolean {
  const word = (/[^\s"'“‘„«(\[]+$/u.exec(before)?.[0] ?? '').toLowerCase();
  // `o.a`, `d.w.z`, `G.W` and single initials (`J. Kerry`) are not sentence ends.
  return ABBREVIATIONS.has(word) || /^(?:\p{L}\.)*\p{L}$/u.test(word);
}

/**
 * Splits a paragraph into sentences. Quotes do not stop a split: a paragraph and the same text
 * re-flowed into a longer paragraph must split at the same places for repeats to be found.
 */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(BREAK)) {
    const terminator = match[1]!;
    const before = paragraph.slice(Math.max(start, match.index - 40), match.index);
    if (terminator === '.' && endsInAbbreviation(before)) continue;
    const end = match.index + terminator.length + match[2]!.length;
    sentences.push(paragraph.slice(start, end).trim());
    start = end + match[3]!.length;
  }
  const last = paragraph.slice(start).trim();
  if (last) sentences.push(last);
  return sentences.filter(Boolean);
}

/** The form under which two sentences count as the same: spacing, case and quote style ignored. */
export function sentenceKey(sentence: string): string {
  return sentence
    .replace(/["'“”„‟«»‘’‚‛`´]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The longest run of combining marks kept, as in Unicode's stream-safe text format (UAX #15): putting
 * a longer run in canonical order takes quadratic time, and no language needs more than a few.
 */
const MAX_MARKS = 30;
const MARK_RUN = new RegExp(`\\p{M}{${MAX_MARKS + 1},}`, 'gu');

/** Unifies line endings and spaces so that the rules below see one kind of each. */
export function normalizeText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(MARK_RUN, (run) => Array.from(run).slice(0, MAX_MARKS).join(''))
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u200B-\u200D\u2060\u00AD\uFEFF]/g, '')
    .replace(/[^\S\n]+/g, ' ');
}

/** Blocks of lines separated by blank lines, each line trimmed. */
export function splitBlocks(text: string): string[][] {
  return text
    .split(/\n(?: *\n)+/)
    .map((block) => block.split('\n').map((line) => line.trim()))
    .filter((lines) => lines.some(Boolean));
}

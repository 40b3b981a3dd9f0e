/** Unifies line endings and spaces so that the rules below see one kind of each. */
export function normalizeText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
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

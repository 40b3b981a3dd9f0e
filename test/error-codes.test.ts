import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorCodeTable } from '../src/error-codes.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(join(root, 'src'))
  .filter((path) => !path.endsWith('error-codes.ts'))
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

describe('error codes', () => {
  it('are documented in the README exactly as src/error-codes.ts lists them', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /<!-- error codes: begin -->\n([\s\S]*?)\n<!-- error codes: end -->/.exec(readme);
    expect(block, 'README.md lacks the <!-- error codes: begin --> … <!-- error codes: end --> block').not.toBeNull();
    expect(block![1], 'paste this table between the README markers').toBe(errorCodeTable());
  });

  it('are raised only from the list, and each code of the list is raised somewhere', () => {
    const raised = new Map<string, string[]>();
    for (const { path, text } of files) {
      // An extensions object's code, and the helpers that take one (clientError, CurationError).
      for (const match of text.matchAll(/\bcode: '([A-Z][A-Z_]{3,})'( satisfies ErrorCode)?|(?:clientError|CurationError)\('([A-Z_]+)'/g)) {
        const code = match[1] ?? match[3]!;
        if (match[1] && !match[2]) throw new Error(`${path}: the code ${code} is not typed \`satisfies ErrorCode\``);
        raised.set(code, [...(raised.get(code) ?? []), path]);
      }
    }
    expect([...raised.keys()].filter((code) => !(code in ERROR_CODES)), 'codes raised but not listed').toEqual([]);
    const unused = Object.keys(ERROR_CODES).filter((code) => !raised.has(code));
    expect(unused, 'codes listed but raised nowhere').toEqual([]);
  });
});

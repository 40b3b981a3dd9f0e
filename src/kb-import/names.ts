import { phraseKey } from '../linking/lexicon.js';
import { slugOf } from '../linking/states.js';
import { tokenize } from '../linking/text.js';
import type { ImportedActor, ImportedRole } from './types.js';

export { slugOf };

/** `Ralph Abraham (politician)` → `Ralph Abraham`. */
export function withoutQualifier(title: string): string {
  return title.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/** Whether every letter of the name is Latin (Dutch text never writes `公明党` or `Либерална партија`). */
export function isLatin(name: string): boolean {
  return !/[^\p{Script=Latin}\P{L}]/u.test(name);
}

export function wordCount(name: string): number {
  return tokenize(name).length;
}

/**
 * An acronym or a single word: a name that is too short to stand for one actor anywhere in the world. A single
 * word with a capital inside (`GroenLinks`, `ChristenUnie`) is no ordinary word and no acronym, so it is not short.
 */
export function isShortName(name: string): boolean {
  const words = tokenize(name);
  if (words.length === 1 && /\p{Ll}\p{Lu}/u.test(words[0]!.text)) return false;
  return words.length <= 1 || words.every((w) => w.text === w.text.toUpperCase());
}

/** Distinct names by the key the linker matches on, first spelling kept, without `except` and empty ones. */
export function distinctNames(names: readonly (string | null | undefined)[], except: readonly string[] = []): string[] {
  const seen = new Set(except.map(phraseKey));
  const out: string[] = [];
  for (const raw of names) {
    const name = raw?.trim();
    if (!name || !/[\p{L}\p{N}]/u.test(name)) continue;
    const key = phraseKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export { phraseKey };

/** A person of a legislature's data: a Dutch name as written, names of two words or more as aliases, one surname. */
export function importedPerson(person: {
  slug: string;
  name: string;
  wikidata: string | null;
  names: string[];
  surname: string;
  roles: ImportedRole[];
}): ImportedActor {
  return {
    slug: person.slug,
    name: person.name,
    nameNl: person.name,
    wikidata: person.wikidata,
    country: null,
    aliases: distinctNames(person.names.filter((n) => wordCount(n) >= 2), [person.name]),
    surnames: distinctNames([person.surname]),
    contextNames: [],
    unlinkedNames: [],
    roles: person.roles,
  };
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbSource, LinkingKnowledgeBase } from '../linking/kb-schema.js';
import { importCongress } from './congress.js';
import { Registry } from './curated.js';
import { importOpenKamer } from './openkamer.js';
import { importPartyFacts } from './partyfacts.js';
import type { GeneratedFile, ImportedActor, ImportNotes } from './types.js';

export type { GeneratedFile, ImportedActor, ImportNotes } from './types.js';

const GENERATED_BY = 'npm run kb:import (src/cli/kb-import.ts); edit the curated YAML instead of this file';

/** The three extracts of `kb-sources`, by folder. */
export const SOURCES = {
  partyfacts: { folder: 'partyfacts', data: 'parties-2005-2025.csv' },
  congress: { folder: 'us-congress-legislators', data: 'legislators-2005-2025.json' },
  openkamer: { folder: 'openkamer-nl', data: 'tweede-kamer-and-cabinets-2005-2019.json' },
} as const;

export class SourceError extends Error {
  override name = 'SourceError';
}

/**
 * Reads the three sources under `dir` and maps them against the curated knowledge base. Parties come first:
 * the people's party roles name them.
 */
export function importSources(dir: string, curated: LinkingKnowledgeBase): { files: GeneratedFile[]; notes: ImportNotes } {
  const registry = new Registry(curated);
  const read = (key: keyof typeof SOURCES) => {
    const path = join(dir, SOURCES[key].folder, SOURCES[key].data);
    if (!existsSync(path)) throw new SourceError(`${path}: no such file (is --sources the kb-sources folder?)`);
    return readFileSync(path, 'utf8');
  };
  const json = (key: keyof typeof SOURCES) => {
    try {
      return JSON.parse(read(key)) as { source?: { commit?: string } };
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(`${join(dir, SOURCES[key].folder, SOURCES[key].data)}: not valid JSON: ${(error as Error).message}`);
    }
  };
  const parties = importPartyFacts(read('partyfacts'), registry);
  const congress = json('congress');
  const openkamer = json('openkamer');
  const files: GeneratedFile[] = [
    { file: 'partyfacts.json', source: sourceOf(dir, 'partyfacts', PARTY_FACTS), kind: 'ORGANIZATION', actors: parties },
    {
      file: 'us-congress-legislators.json',
      source: sourceOf(dir, 'congress', CONGRESS, congress.source?.commit),
      kind: 'PERSON',
      actors: importCongress(congress as Parameters<typeof importCongress>[0], registry),
    },
    {
      file: 'openkamer-nl.json',
      source: sourceOf(dir, 'openkamer', OPENKAMER, openkamer.source?.commit),
      kind: 'PERSON',
      actors: importOpenKamer(openkamer as Parameters<typeof importOpenKamer>[0], registry),
    },
  ];
  return { files, notes: registry.notes };
}

const PARTY_FACTS = {
  name: 'Party Facts core parties (2005–2025) with their Wikidata ids',
  repository: 'https://github.com/hdigital/partyfactsdata',
  licence: 'MIT (repository); Wikidata links CC0 1.0',
  notice:
    'Copyright (c) 2022 Party Facts authors, MIT licence. Döring, Holger, and Sven Regel. 2019. "Party Facts: A Database ' +
    'of Political Parties Worldwide." Party Politics 25(2): 97–109. doi:10.1177/1354068818820671',
};
const CONGRESS = {
  name: 'US Congress members, presidents and vice presidents (2005–2025)',
  repository: 'https://github.com/unitedstates/congress-legislators',
  licence: 'CC0 1.0',
  notice: 'Data: @unitedstates/congress-legislators (CC0)',
};
const OPENKAMER = {
  name: 'Tweede Kamer members and cabinet members 2005–2019 (OpenKamer fixtures)',
  repository: 'https://github.com/openkamer/openkamer',
  licence: 'MIT (repository); built from CC0 open data of the Tweede Kamer and Wikidata',
  notice: 'Copyright (c) 2016 The openkamer contributors, MIT licence',
};

/** The source's commit: given in the extract, else read from the folder's README (`| commit | `…` |`). */
function sourceOf(dir: string, key: keyof typeof SOURCES, about: Omit<KbSource, 'commit' | 'generatedBy'>, commit?: string): KbSource {
  let found = commit;
  if (!found) {
    const readme = join(dir, SOURCES[key].folder, 'README.md');
    const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
    found = /\|\s*commit\s*\|[^|\n]*?`([0-9a-f]{40})`/.exec(text)?.[1];
  }
  if (!found) throw new SourceError(`${join(dir, SOURCES[key].folder)}: no commit given in the data or its README.md`);
  return { ...about, commit: found, generatedBy: GENERATED_BY };
}

/** The file's text: one actor per line (diffs stay readable), keys in a fixed order, empty fields left out. */
export function renderFile(file: GeneratedFile): string {
  const actors = [...file.actors].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).map(renderActor);
  return `{"source":${JSON.stringify(file.source)},\n"kind":${JSON.stringify(file.kind)},\n"actors":[\n${actors.join(',\n')}\n]}\n`;
}

function renderActor(actor: ImportedActor): string {
  const entry: Record<string, unknown> = { slug: actor.slug, name: actor.name, nameNl: actor.nameNl };
  if (actor.wikidata) entry.wikidata = actor.wikidata;
  if (actor.country) entry.country = actor.country;
  for (const key of ['aliases', 'surnames', 'contextNames', 'unlinkedNames'] as const) {
    if (actor[key].length > 0) entry[key] = actor[key];
  }
  if (actor.roles.length > 0) {
    entry.roles = actor.roles.map((r) => ({ title: r.title, for: r.for, code: r.code, from: r.from, to: r.to }));
  }
  return JSON.stringify(entry);
}

export interface WriteResult {
  file: string;
  /** Whether the file's bytes changed (with `write: false`: would change). */
  written: boolean;
  actors: number;
}

/** Writes the files whose text changed; with `write: false` only says which would. */
export function writeFiles(dir: string, files: GeneratedFile[], { write = true } = {}): WriteResult[] {
  if (write) mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const path = join(dir, file.file);
    const text = renderFile(file);
    const written = !existsSync(path) || readFileSync(path, 'utf8') !== text;
    if (written && write) writeFileSync(path, text);
    return { file: file.file, written, actors: file.actors.length };
  });
}

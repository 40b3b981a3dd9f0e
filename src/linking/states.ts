import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { ActorEntry, PackageSelection, StateEntry } from './kb-schema.js';
import { stripMarks } from './text.js';
import type { KbStateCodes } from './types.js';

// The package's ES module imports its JSON without an import attribute, which Node refuses where a
// loader picks the `module` entry (Vitest's global setup does); its CommonJS entry loads everywhere.
const worldCountries = createRequire(import.meta.url)('world-countries') as Country[];

/*
 * States come from the world-countries package (English and Dutch names, ISO codes, UN membership) and from
 * YAML overlays keyed by ISO alpha-3 code, which add what no package has. A selected state without an overlay
 * still gets an entry; an overlay without `iso` describes a state the package does not know.
 */

export interface LocatedState {
  file: string;
  entry: string;
  value: StateEntry;
}

export interface StateProblem {
  file: string;
  entry: string | null;
  field: string | null;
  message: string;
}

export interface MergedStates {
  entries: { file: string; entry: string; value: ActorEntry }[];
  codes: KbStateCodes[];
}

// The typings declare an ES default export while Node loads the CommonJS build, whose export is the array itself.
const loaded = worldCountries as unknown as Country[] | { default: Country[] };
/** Every country of the world-countries package. */
export const countries: Country[] = Array.isArray(loaded) ? loaded : loaded.default;
const byIso = new Map<string, Country>(countries.map((c) => [c.cca3, c]));

export function mergeStates(
  includes: { file: string; selection: PackageSelection }[],
  overlays: LocatedState[],
  problems: StateProblem[],
): MergedStates {
  const selected = new Map<string, string>();
  const observers = new Set<string>();
  for (const { file, selection } of includes) {
    if (selection.unMembers) for (const c of countries) if (c.unMember) selected.set(c.cca3, file);
    for (const [field, codes] of [['unObservers', selection.unObservers], ['also', selection.also]] as const) {
      codes.forEach((iso, i) => {
        if (!byIso.has(iso)) {
          const message = `unknown ISO 3166-1 alpha-3 code "${iso}"`;
          problems.push({ file, entry: null, field: `include.${field}[${i}]`, message });
        }
        selected.set(iso, file);
        if (field === 'unObservers') observers.add(iso);
      });
    }
  }

  const entries: MergedStates['entries'] = [];
  const codes: KbStateCodes[] = [];
  const overlaid = new Map<string, string>();
  for (const { file, entry, value } of overlays) {
    if (value.iso === undefined) {
      for (const field of ['name', 'nameNl'] as const) {
        if (value[field] === undefined) problems.push({ file, entry, field, message: 'is required for a state without `iso`' });
      }
      entries.push({ file, entry, value: { ...value, name: value.name ?? value.slug, nameNl: value.nameNl ?? value.slug } });
      continue;
    }
    const country = byIso.get(value.iso);
    if (!country) {
      problems.push({ file, entry, field: 'iso', message: `unknown ISO 3166-1 alpha-3 code "${value.iso}"` });
      continue;
    }
    const first = overlaid.get(value.iso);
    if (first) {
      problems.push({ file, entry, field: 'iso', message: `${value.iso} has an overlay already, in ${first}` });
      continue;
    }
    overlaid.set(value.iso, file);
    entries.push({ file, entry, value: fromPackage(country, value) });
    codes.push(codesOf(country, value.slug, observers));
  }
  for (const [iso, file] of selected) {
    const country = byIso.get(iso);
    if (!country || overlaid.has(iso)) continue;
    const slug = slugOf(country.name.common);
    entries.push({ file, entry: `"${slug}"`, value: fromPackage(country, { slug }) });
    codes.push(codesOf(country, slug, observers));
  }
  return { entries, codes };
}

/** The overlay over the package: names given in the overlay win; the package's other names become aliases. */
function fromPackage(country: Country, overlay: Partial<StateEntry> & { slug: string }): ActorEntry {
  const name = overlay.name ?? country.name.common;
  const nameNl = overlay.nameNl ?? country.translations['nld']?.common ?? name;
  const packageNames = [country.name.common, country.name.official, country.translations['nld']?.official];
  const aliases = [...new Set([...packageNames, ...(overlay.aliases ?? [])])].filter(
    (alias): alias is string => alias !== undefined && alias !== name && alias !== nameNl,
  );
  return {
    slug: overlay.slug,
    name,
    nameNl,
    wikidata: overlay.wikidata ?? null,
    aliases,
    surnames: overlay.surnames ?? [],
    adjectives: overlay.adjectives ?? [],
    demonyms: overlay.demonyms ?? [],
    metonyms: overlay.metonyms ?? [],
    capitals: overlay.capitals ?? [],
    unlinkedNames: overlay.unlinkedNames ?? [],
    country: null,
    contextNames: overlay.contextNames ?? [],
    armedForcesOf: overlay.armedForcesOf ?? null,
    parliamentOf: overlay.parliamentOf ?? null,
    branchOf: null,
    roles: overlay.roles ?? [],
  };
}

function codesOf(country: Country, slug: string, observers: Set<string>): KbStateCodes {
  const unStatus = observers.has(country.cca3) ? 'OBSERVER' : country.unMember ? 'MEMBER' : 'NONE';
  return { slug, isoAlpha2: country.cca2, isoAlpha3: country.cca3, unStatus };
}

/** `São Tomé and Príncipe` → `sao-tome-and-principe`. */
export function slugOf(name: string): string {
  return stripMarks(name)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

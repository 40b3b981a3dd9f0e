import { parseCsv } from './csv.js';
import type { Registry } from './curated.js';
import { distinctNames, isLatin, isShortName, phraseKey, slugOf, withoutQualifier } from './names.js';
import type { ImportedActor } from './types.js';

/** Countries whose parties Dutch news names by their Dutch (or Flemish) name. */
const DUTCH_NAMED = new Set(['NLD', 'BEL', 'SUR']);

interface Party {
  id: string;
  row: Record<string, string>;
  slug: string;
  title: string;
  wikidata: string;
  state: { slug: string; name: string } | undefined;
  names: string[];
  /** The native names (Dutch for Dutch and Flemish parties). */
  native: string[];
}

/**
 * Party Facts core parties → ORGANIZATION entries. A party without a Wikidata id has no English Wikipedia title to
 * take its slug from and is left out. Acronyms, single words and names that another party or a curated actor
 * also has (`Labour Party`, `PS`, `VN`) become context names: they link only in an article that names the
 * party's state, and not at all without a state in the knowledge base.
 */
export function importPartyFacts(csv: string, registry: Registry): ImportedActor[] {
  const parties: Party[] = [];
  const seenWikidata = new Set<string>();
  for (const row of parseCsv(csv).sort((a, b) => Number(a.partyfacts_id) - Number(b.partyfacts_id))) {
    const id = `partyfacts:${row.partyfacts_id}`;
    const wikidata = row.wikidata?.trim() ?? '';
    if (!/^Q[1-9]\d*$/.test(wikidata)) {
      registry.skip(id, 'no Wikidata id (and so no English Wikipedia title for the slug)');
      continue;
    }
    if (seenWikidata.has(wikidata)) {
      registry.skip(id, `the same Wikidata id (${wikidata}) as a party read before`);
      continue;
    }
    seenWikidata.add(wikidata);
    const titleSource = row.wikipedia_title || row.name_english || row.name || '';
    const title = withoutQualifier(titleSource);
    parties.push({
      id,
      row,
      slug: slugOf(titleSource),
      title,
      wikidata,
      state: registry.states.get(row.country ?? ''),
      ...namesOf(row, title),
    });
  }

  // A title that several parties share (`Labour Party`) takes the state's name, as Wikipedia's titles do.
  const slugCount = countBy(parties.map((p) => p.slug));
  for (const party of parties) {
    if (slugCount.get(party.slug)! > 1 || !party.slug) party.slug = slugOf(`${party.title} ${party.state?.name ?? party.row.country}`);
  }
  const holders = new Map<string, number>();
  for (const party of parties) for (const key of new Set(party.names.map(phraseKey))) holders.set(key, (holders.get(key) ?? 0) + 1);

  const actors: ImportedActor[] = [];
  for (const party of parties) {
    const { row, state } = party;
    const nameNl = (DUTCH_NAMED.has(row.country ?? '') && party.native.find((n) => !isShortName(n))) || party.title;
    const twin = registry.curatedTwin(party.id, { slug: party.slug, wikidata: party.wikidata, kind: 'ORGANIZATION', names: party.names });
    if (twin) continue;
    // Two parties of one state with one title (an old and a new `Forza Italia`): the years tell them apart.
    if (registry.isTaken(party.slug)) party.slug = slugOf(`${party.slug} ${row.year_first || party.wikidata}`);
    if (registry.isTaken(party.slug)) {
      registry.skip(party.id, `slug "${party.slug}" is another actor's`);
      continue;
    }
    registry.take(party.slug, party.wikidata);
    const shared = (name: string) =>
      (holders.get(phraseKey(name)) ?? 0) > 1 || (registry.curatedNames.get(phraseKey(name))?.size ?? 0) > 0;
    const short = [row.name_short ?? ''].filter((n) => /\p{L}/u.test(n) && n.length >= 2);
    const guarded = distinctNames([...party.names.filter((n) => isShortName(n) || shared(n)), ...short]);
    const guardedKeys = new Set(guarded.map(phraseKey));
    actors.push({
      slug: party.slug,
      name: party.title,
      nameNl,
      wikidata: party.wikidata,
      country: state?.slug ?? null,
      aliases: distinctNames(party.names.filter((n) => !guardedKeys.has(phraseKey(n))), [party.title, nameNl]),
      surnames: [],
      contextNames: state ? guarded : [],
      unlinkedNames: state ? [] : guarded,
      roles: [],
    });
  }
  return actors;
}

/** The title first, then the party's Latin-script names: English, native, the infobox's native name, the others. */
function namesOf(row: Record<string, string>, title: string): { names: string[]; native: string[] } {
  const split = (value: string | undefined) =>
    (value ?? '')
      .split(/\s+\/\s+|\s*\/\s*(?=\p{Lu})/u)
      .map((n) =>
        n
          .replace(/^[\p{L} ]+:\s*/u, '') // `Arabic: …`
          .replace(/\s*\((?:[A-Z][a-z]+)\)\s*$/, '') // `… (Dutch)`
          .replace(/\s*\[[^\]]*\]/g, '')
          .trim(),
      )
      .filter((n) => n && !n.includes('--') && isLatin(n));
  const native = distinctNames([...split(row.wikipedia_name_native), ...split(row.name)]);
  return { names: distinctNames([title, ...native, ...split(row.name_english), ...split(row.name_other)]), native };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

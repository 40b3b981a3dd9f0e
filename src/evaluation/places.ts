import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeArticle, parseArticle } from '../corpus/parse.js';
import { foldKey } from '../linking/text.js';
import type { LinkedPlace, LinkInput } from '../linking/types.js';
import { GoldError } from './gold.js';

/*
 * Place linking against test/fixtures/eval/places.json: per text, the places named in the body (GeoNames id, or
 * null where GeoNames lacks the settlement; country). Two scores, as issue 19 asks: the right place (set of ids
 * found against the set of ids in the gold) and the right country (a place found is matched to the gold places by
 * the words it was found under: precision over every place found, recall over the gold places the gazetteer holds).
 * A place of the gold the gazetteer lacks (no id) can be found by no linker over it: it is left out of both recalls,
 * as the id score always left it out, and counted apart (`notInGazetteer`); the country score once counted it as a
 * miss, so that its recall measured the gazetteer's coverage as much as the linker.
 */

const goldPlace = z.strictObject({
  id: z.string().regex(/^(geonames:\d+|admin1:[A-Z]{2}\.[0-9A-Z]+|admin2:[A-Z]{2}\.[0-9A-Z]+\.[0-9A-Za-z]+|area:[a-z0-9-]+)$/).nullable(),
  name: z.string(),
  forms: z.array(z.string().min(1)).min(1),
  kind: z.enum(['CITY', 'REGION', 'AREA']),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
});
const goldFile = z.object({
  texts: z.record(z.string().regex(/^[a-z0-9-]+\/[\w-]+$/), z.array(goldPlace)),
});
export type GoldPlace = z.infer<typeof goldPlace>;

/** A place the linker found in a text: its id, country and the words it was found under. */
export interface FoundPlace {
  id: string;
  country: string | null;
  forms: string[];
}

export interface PlaceScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface PlaceSetReport {
  set: string;
  texts: number;
  places: number;
  byId: PlaceScore;
  byCountry: PlaceScore;
  /** Gold places the gazetteer lacks (no id): in no recall; those found in the right country count for precision. */
  notInGazetteer: number;
  /** Wrong and missed places, by text, for reading. */
  errors: { text: string; wrong: string[]; missed: string[] }[];
}

/** Where the texts of each set of the gold are. */
export const PLACE_SETS: Record<string, string> = {
  articles: 'test/fixtures/eval/articles',
  'real-style': 'test/fixtures/eval/real-style',
  blind: 'test/fixtures/eval/blind',
  'blind-5': 'test/fixtures/eval/blind-5',
  'blind-6': 'test/fixtures/eval/blind-6',
  places: 'test/fixtures/places',
  'places-2': 'test/fixtures/places-2',
  'places-3': 'test/fixtures/places-3',
};

export async function loadPlaceGold(path: string): Promise<Record<string, GoldPlace[]>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new GoldError(`${path}: ${(error as Error).message}`);
  }
  const parsed = goldFile.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GoldError(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.texts;
}

function scoreOf(truePositives: number, falsePositives: number, falseNegatives: number, goldFound = truePositives): PlaceScore {
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = goldFound + falseNegatives === 0 ? 1 : goldFound / (goldFound + falseNegatives);
  return { truePositives, falsePositives, falseNegatives, precision, recall };
}

/**
 * Scores one text's places: counts for the id and the country scores, and what was wrong or missed. The country
 * score's `tp` and `fp` are places found (in the right country or not), its `found` and `fn` the gold places the
 * gazetteer holds that were found in their country or not.
 */
export function scoreText(found: FoundPlace[], gold: GoldPlace[]) {
  const goldIds = new Set(gold.flatMap((g) => (g.id ? [g.id] : [])));
  const foundIds = new Set(found.map((f) => f.id));
  const id = {
    tp: [...foundIds].filter((i) => goldIds.has(i)).length,
    fp: [...foundIds].filter((i) => !goldIds.has(i)).length,
    fn: [...goldIds].filter((i) => !foundIds.has(i)).length,
  };
  const matched = new Set<GoldPlace>();
  let countryTp = 0;
  let countryFp = 0;
  const wrong: string[] = [];
  for (const f of found) {
    const forms = new Set(f.forms.map(foldKey));
    const same = gold.filter((g) => g.forms.some((form) => forms.has(foldKey(form))));
    const right = same.find((g) => g.country === f.country && !matched.has(g)) ?? same.find((g) => g.country === f.country);
    if (right) {
      countryTp += 1;
      matched.add(right);
    } else {
      countryFp += 1;
    }
    if (!goldIds.has(f.id)) wrong.push(`${f.forms[0]} → ${f.id} (${f.country ?? '–'})`);
  }
  const inGazetteer = gold.filter((g) => g.id !== null);
  const missed = gold.filter((g) => (g.id ? !foundIds.has(g.id) : !matched.has(g))).map((g) => `${g.forms[0]} (${g.id ?? 'no id'}, ${g.country ?? '–'})`);
  return {
    id,
    country: { tp: countryTp, fp: countryFp, found: inGazetteer.filter((g) => matched.has(g)).length, fn: inGazetteer.filter((g) => !matched.has(g)).length },
    notInGazetteer: gold.length - inGazetteer.length,
    wrong,
    missed,
  };
}

/** Links the places of every text of the gold, set by set. */
export async function evaluatePlaces(
  root: (path: string) => string,
  gold: Record<string, GoldPlace[]>,
  linkPlaces: (input: LinkInput) => LinkedPlace[],
): Promise<PlaceSetReport[]> {
  const bySet = new Map<string, [string, GoldPlace[]][]>();
  for (const entry of Object.entries(gold)) {
    const set = entry[0].split('/')[0]!;
    if (!(set in PLACE_SETS)) throw new GoldError(`places gold: unknown set "${set}" in "${entry[0]}"`);
    bySet.set(set, [...(bySet.get(set) ?? []), entry]);
  }
  const reports: PlaceSetReport[] = [];
  for (const [set, texts] of bySet) {
    const totals = { id: [0, 0, 0], country: [0, 0, 0, 0], notInGazetteer: 0 };
    const errors: PlaceSetReport['errors'] = [];
    for (const [key, places] of texts) {
      const file = join(root(PLACE_SETS[set]!), `${key.split('/')[1]}.txt`);
      const externalId = key.split('/')[1]!;
      const article = parseArticle({ externalId, text: decodeArticle(externalId, await readFile(file)) });
      const linked = linkPlaces({ title: article.title, body: article.body, publishedOn: article.publishedOn });
      const found = linked.map((p): FoundPlace => ({ id: p.place.id, country: p.place.country, forms: [...new Set(p.mentions.map((m) => m.text))] }));
      const score = scoreText(found, places);
      totals.id = [totals.id[0]! + score.id.tp, totals.id[1]! + score.id.fp, totals.id[2]! + score.id.fn];
      const { tp, fp, fn, found: goldFound } = score.country;
      totals.country = [totals.country[0]! + tp, totals.country[1]! + fp, totals.country[2]! + fn, totals.country[3]! + goldFound];
      totals.notInGazetteer += score.notInGazetteer;
      if (score.wrong.length + score.missed.length > 0) errors.push({ text: key, wrong: score.wrong, missed: score.missed });
    }
    reports.push({
      set,
      texts: texts.length,
      places: texts.reduce((n, [, p]) => n + p.length, 0),
      byId: scoreOf(totals.id[0]!, totals.id[1]!, totals.id[2]!),
      byCountry: scoreOf(totals.country[0]!, totals.country[1]!, totals.country[2]!, totals.country[3]!),
      notInGazetteer: totals.notInGazetteer,
      errors,
    });
  }
  return reports;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}`;

export function formatPlaceReport(reports: PlaceSetReport[], verbose: boolean): string {
  const lines = [
    'Places (test/fixtures/eval/places.json; aim: right place P/R ≥ 90, right country ≥ 97; recall over the gold',
    'places the gazetteer holds, the others counted apart)',
    '  set          texts  places   place P / R        country P / R      not in gazetteer',
  ];
  for (const r of reports) {
    lines.push(
      `  ${r.set.padEnd(12)} ${String(r.texts).padStart(5)} ${String(r.places).padStart(7)}   ` +
        `${pct(r.byId.precision).padStart(5)} / ${pct(r.byId.recall).padEnd(8)}   ${pct(r.byCountry.precision).padStart(5)} / ${pct(r.byCountry.recall).padEnd(8)}   ${r.notInGazetteer}`,
    );
  }
  if (verbose) {
    for (const r of reports) {
      for (const e of r.errors) {
        lines.push(`  ${e.text}`);
        if (e.wrong.length > 0) lines.push(`    wrong:  ${e.wrong.join('; ')}`);
        if (e.missed.length > 0) lines.push(`    missed: ${e.missed.join('; ')}`);
      }
    }
  }
  return lines.join('\n');
}

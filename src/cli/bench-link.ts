import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../corpus/parse.js';
import { seedArticlesDir } from '../ingest/ingest.js';
import { loadKnowledgeBase, type LinkingKnowledgeBase } from '../linking/kb.js';
import { loadGazetteer } from '../linking/gazetteer.js';
import { createLinker } from '../linking/linker.js';
import { createPlaceLinker, withPlaces } from '../linking/places.js';
import type { LinkInput, LinkResult } from '../linking/types.js';
import { parseCommandLine, wholeNumberOption, exitWhenFlushed } from './args.js';

const HELP = `Usage: npm run bench:link -- [--texts 2000] [--words 400] [--rounds 5] [--seed 1]

Measures the entity linker on one core: loads the knowledge base, builds the linker (time and heap),
then links the seed articles and synthetic Dutch news texts composed from templates over the knowledge
base as ingest links (the unknown names collected too), several rounds, and prints articles, words and
mentions per second (articles also per second of CPU time, which other work on a shared machine disturbs
less than the clock).`;

/** Sentence templates; each {slot} is filled from the knowledge base, the rest is ordinary news Dutch. */
const TEMPLATES = [
  'De {adj} regering heeft {day} gereageerd op de aanval in {place}.',
  '{person} sprak met {person} over een staakt-het-vuren in {place}.',
  'Volgens {org} zijn bij de gevechten tientallen burgers om het leven gekomen.',
  '{state} en {state} willen de onderhandelingen hervatten, meldt een woordvoerder.',
  'Strijders van {group} trokken zich terug uit {place}, aldus het {adj} leger.',
  '{surname} zei later dat {state} geen nieuwe troepen zal sturen.',
  'De {demonym} steunen een resolutie van {org}, maar {capital} twijfelt nog.',
  'In een verklaring van {org} staat dat de humanitaire situatie in {state} verslechtert.',
  'Het is onduidelijk of {group} betrokken was bij de aanslag, zeggen {adj} bronnen.',
  'De minister reisde {day} naar {capital} voor overleg met {person}.',
  'Analisten verwachten dat de spanningen tussen {state} en {state} de komende weken toenemen.',
  'Ook in de hoofdstad was het onrustig; er werden meerdere explosies gehoord.',
  'De prijzen van voedsel en brandstof zijn sinds het begin van het jaar sterk gestegen.',
  'Hulporganisaties vragen om een veilige doorgang voor konvooien met medicijnen en water.',
];
const DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

const COMMAND = {
  script: 'bench:link',
  help: HELP,
  positionals: false,
  options: {
    texts: { type: 'string', default: '2000' },
    words: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
} as const;

async function main(): Promise<number> {
  const { values } = parseCommandLine(COMMAND);
  const texts = wholeNumberOption(COMMAND, 'texts', values.texts, 0);
  const words = wholeNumberOption(COMMAND, 'words', values.words, 1);
  const rounds = wholeNumberOption(COMMAND, 'rounds', values.rounds, 1);
  const seed = wholeNumberOption(COMMAND, 'seed', values.seed, 0);

  const heapBefore = usedHeap();
  const cpuAtStart = cpuSeconds();
  let started = performance.now();
  const kb = loadKnowledgeBase();
  const loadMs = performance.now() - started;
  started = performance.now();
  const actorLinker = createLinker(kb);
  const buildMs = performance.now() - started;
  const kbCpuMs = (cpuSeconds() - cpuAtStart) * 1000;
  const heapAfter = usedHeap();
  started = performance.now();
  const cpuAtPlaces = cpuSeconds();
  const gazetteer = loadGazetteer();
  const placeLinker = createPlaceLinker(gazetteer, kb);
  const placesMs = performance.now() - started;
  const placesCpuMs = (cpuSeconds() - cpuAtPlaces) * 1000;
  const heapWithPlaces = usedHeap();
  // As ingest links: actors and conflicts, then places.
  const linker = withPlaces(actorLinker, placeLinker);
  console.log(
    `knowledge base: ${kb.actors.length} actors, ${kb.conflicts.length} conflicts; loaded in ${loadMs.toFixed(0)} ms, ` +
      `linker built in ${buildMs.toFixed(0)} ms (${kbCpuMs.toFixed(0)} ms CPU for both); heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB ` +
      `(${(heapAfter / 2 ** 20).toFixed(1)} MiB in use)`,
  );
  console.log(
    `gazetteer: ${gazetteer.size} places; loaded and place linker built in ${placesMs.toFixed(0)} ms (${placesCpuMs.toFixed(0)} ms CPU); ` +
      `heap +${((heapWithPlaces - heapAfter) / 2 ** 20).toFixed(1)} MiB`,
  );

  const seeds = readdirSync(seedArticlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseArticle({ externalId: f.replace(/\.txt$/, ''), text: readFileSync(join(seedArticlesDir, f), 'utf8') }));
  const synthetic = composeTexts(kb, texts, words, seed);
  for (const [label, inputs] of [
    ['seed articles', seeds],
    [`synthetic texts (~${words} words)`, synthetic],
  ] as const) {
    // Small sets are repeated to the size of the synthetic one, so that both runs are long enough to time.
    const repeat = Math.max(rounds, Math.ceil((texts * rounds) / inputs.length));
    const count = (result: LinkResult) =>
      [...result.actors, ...(result.places ?? [])].reduce((n, found) => n + found.mentions.length, 0);
    // `linkWithUnknown`, as ingest calls it: the names left unknown are collected too.
    measure(`${label}, actors only`, inputs, repeat, (input) => count(actorLinker.linkWithUnknown(input)));
    measure(`${label}, with places`, inputs, repeat, (input) => count(linker.linkWithUnknown(input)));
  }
  return 0;
}

function measure(label: string, inputs: readonly LinkInput[], rounds: number, link: (input: LinkInput) => number): void {
  const wordCount = inputs.reduce((n, input) => n + input.body.split(/\s+/).length, 0);
  for (let i = 0; i < Math.max(1, Math.ceil(500 / inputs.length)); i++) for (const input of inputs) link(input); // warm-up
  let mentions = 0;
  const started = performance.now();
  const cpuBefore = cpuSeconds();
  for (let round = 0; round < rounds; round++) for (const input of inputs) mentions += link(input);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuBefore;
  const articles = inputs.length * rounds;
  console.log(
    `${label}: ${inputs.length} × ${rounds} rounds in ${seconds.toFixed(2)} s — ` +
      `${Math.round(articles / seconds)} articles/s (${Math.round(articles / cpu)} per CPU-second), ${Math.round((wordCount * rounds) / seconds)} words/s, ` +
      `${Math.round(mentions / seconds)} mentions/s (${(mentions / articles).toFixed(1)} mentions per article)`,
  );
}

/** Texts of about `words` words from the templates, deterministic for a seed. */
function composeTexts(kb: LinkingKnowledgeBase, count: number, words: number, seed: number): LinkInput[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const of = (kind: string) => kb.actors.filter((a) => a.kind === kind);
  const states = of('STATE');
  const lexicon = kb.lexicon.actors.filter((a) => a.kind === 'STATE');
  const slots: Record<string, () => string> = {
    state: () => pick(states).nameNl,
    adj: () => pick(pick(lexicon.filter((a) => a.adjectives.length > 1)).adjectives.filter((a) => a.endsWith('e'))),
    demonym: () => pick(pick(lexicon.filter((a) => a.demonyms.length > 0)).demonyms),
    capital: () => pick(pick(lexicon.filter((a) => a.capitals.length > 0)).capitals),
    person: () => pick(of('PERSON')).nameNl,
    surname: () => pick(pick(kb.lexicon.actors.filter((a) => a.surnames.length > 0)).surnames),
    org: () => pick(of('ORGANIZATION')).nameNl,
    group: () => pick(of('ARMED_GROUP')).nameNl,
    place: () => pick(pick(kb.lexicon.conflicts.filter((c) => c.places.length > 0)).places),
    day: () => pick(DAYS),
  };
  return Array.from({ length: count }, () => {
    const sentences: string[] = [];
    let length = 0;
    while (length < words) {
      const sentence = pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, slot: string) => slots[slot]!());
      sentences.push(sentence);
      length += sentence.split(' ').length;
    }
    const paragraphs = [];
    for (let i = 0; i < sentences.length; i += 4) paragraphs.push(sentences.slice(i, i + 4).join(' '));
    const year = 2014 + Math.floor(random() * 11);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    return { title: sentences[0]!, body: paragraphs.join('\n\n'), publishedOn: `${year}-${month}-01` };
  });
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU time of this process: on a shared machine a truer measure than the clock. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function usedHeap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { fileURLToPath } from 'node:url';
import { ArticleFormatError } from '../corpus/parse.js';
import { evaluateCopies, evaluateStories, formatCopyReport, formatStoryReport, loadCopySet } from '../evaluation/copies.js';
import { GoldError, loadEvalGold, loadSeedsGold } from '../evaluation/gold.js';
import { identityOf, suggestRenames } from '../evaluation/reconcile.js';
import { formatErrors, formatRenames, formatSet, LEGEND } from '../evaluation/report.js';
import { evaluatePlaces, formatPlaceReport, loadPlaceGold } from '../evaluation/places.js';
import { evaluateSet, indexKnowledgeBase, type SetReport } from '../evaluation/run.js';
import { loadGazetteer } from '../linking/gazetteer.js';
import { createPlaceLinker } from '../linking/places.js';
import { loadKnowledgeBase, type LinkingKnowledgeBase } from '../linking/kb.js';
import { createLinker } from '../linking/linker.js';
import { parseCommandLine, exitWhenFlushed } from './args.js';

const HELP = `Usage: npm run eval [-- --verbose | --json]

Scores the entity linker against hand annotations: precision, recall and F1 of the actors and of the
conflicts each text is linked to (micro-averaged over texts), the share of linked actors whose kind in
the knowledge base matches the gold kind, and the spans that must stay unlinked. Provisional actors
(people and organisations named in full that the knowledge base lacks) count as linked, under the key
of their name. Gold slugs the knowledge base lacks and no provisional actor matches count as misses.
An actor spelled otherwise than the gold counts for the gold actor: a knowledge-base actor whose name or
alias is the gold's English name, or for a name qualified by its state ('Labour Party (Norway)') the one body of
that state bearing the name ('Norwegian Labour Party'), listed below as slug renames; a provisional actor one of whose mentions
is a gold form of the actor, or whose name is its English name (a person's also in another transliteration:
Sergej Aksjonov is Sergey Aksyonov; an organisation's Dutch name read word for word with a fixed list of the
words of organisations' names and the states' names: Universiteit van Cyprus is University of Cyprus). Never a provisional actor for a gold actor the knowledge base holds:
that is a duplicate, and counts as an error.

Ten sets are scored apart: the five seed articles (gold by the author of the knowledge base, so not
independent), the short held-out texts in test/fixtures/eval/articles, the long real-style texts in
test/fixtures/eval/real-style (written as agencies and outlets publish: bylines, datelines, many incidental
people and domestic bodies, names in variant forms), and the blind texts in test/fixtures/eval/blind (the
same kind, on other conflicts, committed with their gold before the linker first ran on them, and never
tuned on), a second blind set in test/fixtures/eval/blind-2 written later the same way, and a third in
test/fixtures/eval/blind-3 (2010–2025, conflicts no other set covers), a fourth in test/fixtures/eval/blind-4
(longer texts, 2010–2022, further conflicts) a fifth in test/fixtures/eval/blind-5 (2016–2024, further conflicts), a sixth in test/fixtures/eval/blind-6
(longer texts, 2012–2025, further conflicts and crises), a seventh in test/fixtures/eval/blind-7 (2013–2025, further crises) and an eighth in test/fixtures/eval/blind-8 (2011–2025, further crises). Each set is also scored by class, so that a change shows which class it moved:
  people in KB       gold people the knowledge base has
  people not in KB   gold people it lacks: only a provisional actor can find them
  states             states, by name, adjective, demonym or metonym
  bodies             domestic bodies: parliaments, parties, ministries, courts, armed forces of states,
                     police and intelligence services, companies, NGOs, universities and think tanks
  international      intergovernmental organisations, their organs, missions and agencies
  armed groups       non-state armed groups
  name forms         gold spans of variant forms (transliterations, title plus surname, possessives,
                     lower-case inner words, metonyms) that must link to their slug; a span linked
                     instead to an actor the text does not name is also a false positive
  conflicts          the conflicts each text reports on
A false positive outside the gold registry is put in the class of its kind (an organisation as a body).

Copies: the texts of test/fixtures/copies (dispatches rewritten as outlets do, look-alikes of other
events in the same wording, follow-ups; labels in labels.json) are compared pair by pair as ingest
compares them (a shared LSH band, then the estimated containment against the threshold): pair
precision and recall at the threshold in use, the curve over thresholds, and every pair wrong or missed.
Stories: the same texts grouped in file order by the story rule of src/corpus/stories.ts (within 3 days,
the same conflict, overlapping names and actors, or copies), scored by B-cubed against the labelled stories.

  -v, --verbose   also list, per text, the misses, false positives, kind errors and linked traps
      --json      print the full report as JSON
  -h, --help      show this help

The command reports and does not gate: it exits with 0 whatever the figures.`;

/** The folded Dutch names and adjectives of the states, to their English names: how the evaluation reads Dutch names. */
function stateNamesOf(kb: LinkingKnowledgeBase): Map<string, string> {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const names = new Map<string, string>();
  const english = new Map(kb.actors.filter((a) => a.kind === 'STATE').map((a) => [a.slug, a.name]));
  for (const lexicon of kb.lexicon.actors) {
    const name = english.get(lexicon.slug);
    if (!name) continue;
    const state = kb.actors.find((a) => a.slug === lexicon.slug)!;
    for (const word of [state.nameNl, ...lexicon.adjectives]) if (!/\s/.test(word)) names.set(fold(word), fold(name));
  }
  return names;
}

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const relative = (path: string) => path.slice(root('').length);

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    script: 'eval',
    help: HELP,
    positionals: false,
    options: { verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' } },
  });

  const kb = loadKnowledgeBase();
  const linker = createLinker(kb);
  const index = indexKnowledgeBase(kb);
  const heldOutGold = root('test/fixtures/eval/gold.json');
  const seedsGold = root('test/fixtures/linking/seeds-gold.json');
  const evalGold = await loadEvalGold(heldOutGold);
  const goldKinds = new Map([...evalGold.actors].map(([slug, actor]) => [slug, actor.kind]));
  const goldClasses = new Map([...evalGold.actors].map(([slug, actor]) => [slug, actor.class]));

  // A gold conflict slug that a conflict of the knowledge base lists among its other slugs is no rename.
  const goldConflicts = new Map([...evalGold.conflicts].filter(([slug]) => !index.conflictSlugs?.has(slug)));
  const renames = { actors: suggestRenames(evalGold.actors, kb.actors), conflicts: suggestRenames(goldConflicts, kb.conflicts) };
  const identity = identityOf(renames.actors, evalGold.actors, stateNamesOf(kb));

  const reports: SetReport[] = [];
  for (const spec of [
    {
      name: 'seeds',
      description: 'The five seed articles; their gold was written by the author of the knowledge base, so it is not an independent measure.',
      articlesDir: root('seeds/articles'),
      goldPath: seedsGold,
      gold: await loadSeedsGold(seedsGold),
    },
    {
      name: 'held-out',
      description: 'Short texts written and annotated for this evaluation, independently of the knowledge base and the linker.',
      articlesDir: root('test/fixtures/eval/articles'),
      goldPath: heldOutGold,
      gold: evalGold.articles,
    },
    {
      name: 'real-style',
      description: 'Long texts written as outlets publish them, on conflicts the held-out set lacks; annotated before any linker run.',
      articlesDir: root('test/fixtures/eval/real-style'),
      goldPath: heldOutGold,
      gold: evalGold.realStyle,
    },
    {
      name: 'blind',
      description: 'Long texts of the same kind on conflicts and crises the other sets lack, with typos and variant spellings; committed with their gold before the linker first ran on them.',
      articlesDir: root('test/fixtures/eval/blind'),
      goldPath: heldOutGold,
      gold: evalGold.blind,
    },
    {
      name: 'blind-2',
      description: 'A second blind set: long texts on further conflicts, crises and years, with many incidental people and domestic bodies; committed with their gold before the linker first ran on them.',
      articlesDir: root('test/fixtures/eval/blind-2'),
      goldPath: heldOutGold,
      gold: evalGold.blind2,
    },
    {
      name: 'blind-3',
      description: 'A third blind set: long texts on conflicts and crises of 2010–2025 no other set covers, with many incidental people, domestic bodies and name variants; committed with its gold and its score before any linker change made for it.',
      articlesDir: root('test/fixtures/eval/blind-3'),
      goldPath: heldOutGold,
      gold: evalGold.blind3,
    },
    {
      name: 'blind-4',
      description: 'A fourth blind set: longer texts (650–930 words) on further conflicts and crises of 2010–2022, with many incidental people, domestic bodies, companies, nicknames, Chinese names and transliterations; committed with its gold and its first score before any linker change made for it.',
      articlesDir: root('test/fixtures/eval/blind-4'),
      goldPath: heldOutGold,
      gold: evalGold.blind4,
    },
    {
      name: 'blind-5',
      description: 'A fifth blind set: texts (420–530 words) on further conflicts and crises of 2016–2024 in four continents, with many incidental people, parliaments, parties, ministries, courts, companies and towns; committed with its gold and its first score before any linker change made for it.',
      articlesDir: root('test/fixtures/eval/blind-5'),
      goldPath: heldOutGold,
      gold: evalGold.blind5,
    },
    {
      name: 'blind-6',
      description: 'A sixth blind set: long texts (650–820 words) on further conflicts and crises of 2012–2025 in five continents, with many incidental people, parliaments, parties, ministries, courts, Red Cross societies, companies and transliterated names; committed with its gold and its first score before any linker change made for it.',
      articlesDir: root('test/fixtures/eval/blind-6'),
      goldPath: heldOutGold,
      gold: evalGold.blind6,
    },
    {
      name: 'blind-7',
      description: 'A seventh blind set: long texts (690–860 words) on further conflicts and crises of 2013–2025 in five continents, with many incidental people, parliaments, parties, ministries, courts, police and army chiefs, companies, Red Cross societies and transliterated names; committed with its gold and its first score before any linker change made for it.',
      articlesDir: root('test/fixtures/eval/blind-7'),
      goldPath: heldOutGold,
      gold: evalGold.blind7,
    },
    {
      name: 'blind-8',
      description: 'An eighth blind set: long texts (670–880 words) on further conflicts and crises of 2011–2025 in five continents (terror attacks, a chemical attack, protest crackdowns, a mass kidnapping, a poisoning, a border dispute, an election crisis, a coup, border fighting), with many incidental people, royals, parliaments, parties, ministries, courts, unions, clubs, companies and transliterated names; committed with its gold before the linker first ran on it.',
      articlesDir: root('test/fixtures/eval/blind-8'),
      goldPath: heldOutGold,
      gold: evalGold.blind8,
    },
  ]) {
    const report = await evaluateSet(spec, linker, index, goldKinds, goldClasses, identity);
    reports.push({ ...report, articlesDir: relative(report.articlesDir), goldPath: relative(report.goldPath) });
  }

  const copySet = await loadCopySet(root('test/fixtures/copies'), (input) => {
    const links = linker.linkWithUnknown(input);
    return { conflicts: links.conflicts.map((c) => c.slug), actors: [...links.actors.map((a) => a.slug), ...links.provisional.map((p) => p.key)] };
  });
  const copies = evaluateCopies(copySet);
  const stories = evaluateStories(copySet);

  const gazetteer = loadGazetteer();
  const placeLinker = createPlaceLinker(gazetteer, kb);
  const places = await evaluatePlaces(root, await loadPlaceGold(root('test/fixtures/eval/places.json')), (input) =>
    placeLinker.link(input, linker.link(input)),
  );

  if (values.json) {
    const knowledgeBase = { actors: kb.actors.length, conflicts: kb.conflicts.length };
    console.log(JSON.stringify({ knowledgeBase, sets: reports, possibleRenames: renames, copies, stories, places }, null, 2));
    return 0;
  }
  console.log(`Entity-linking evaluation (knowledge base: ${kb.actors.length} actors, ${kb.conflicts.length} conflicts)\n`);
  console.log(reports.map(formatSet).join('\n\n'));
  console.log(`\n${LEGEND}`);
  console.log(`\n${formatRenames(renames)}`);
  if (values.verbose) console.log(`\n${reports.map(formatErrors).join('\n\n')}`);
  console.log(`\n${formatCopyReport(copies)}`);
  console.log(`\n${formatStoryReport(stories)}`);
  console.log(`\n${formatPlaceReport(places, values.verbose === true)}`);
  return 0;
}

main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const known = error instanceof GoldError || error instanceof ArticleFormatError;
    console.error(`eval: ${known ? (error as Error).message : error}`);
    process.exit(1);
  },
);

import type { SlugRename } from './reconcile.js';
import { SCORE_CLASSES, type ArticleScore, type Counts, type Metrics, type ScoreClass, type SlugSummary } from './score.js';
import type { SetReport } from './run.js';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function row(label: string, s: SlugSummary): string {
  const cells = [
    label.padEnd(11),
    String(s.tp + s.fn).padStart(5),
    String(s.tp + s.fp).padStart(7),
    String(s.tp).padStart(5),
    String(s.fp).padStart(5),
    String(s.fn).padStart(5),
    `(${s.fnNotInKb})`.padStart(10),
    percent(s.precision).padStart(10),
    percent(s.recall).padStart(8),
    percent(s.f1).padStart(7),
    percent(s.recallKnown).padStart(10),
  ];
  return `  ${cells.join('')}`;
}

const HEADER = `  ${''.padEnd(11)}${'gold'.padStart(5)}${'linked'.padStart(7)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}${'not in KB'.padStart(10)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}${'recall*'.padStart(10)}`;

const CLASS_LABELS: Record<ScoreClass, string> = {
  'people-in-kb': 'people in KB',
  'people-not-in-kb': 'people not in KB',
  states: 'states',
  bodies: 'bodies',
  international: 'international',
  'armed-groups': 'armed groups',
};

function classRow(label: string, s: Counts & Metrics): string {
  const cells = [
    label.padEnd(18),
    String(s.tp + s.fn).padStart(5),
    String(s.tp + s.fp).padStart(7),
    String(s.tp).padStart(5),
    String(s.fp).padStart(5),
    String(s.fn).padStart(5),
    percent(s.precision).padStart(10),
    percent(s.recall).padStart(8),
    percent(s.f1).padStart(7),
  ];
  return `  ${cells.join('')}`;
}

const CLASS_HEADER = `  ${'by class'.padEnd(18)}${'gold'.padStart(5)}${'linked'.padStart(7)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(7)}`;

function list(slugs: string[], limit = Infinity): string {
  if (slugs.length === 0) return '–';
  return slugs.length > limit ? `${slugs.slice(0, limit).join(', ')}, … (${slugs.length - limit} more)` : slugs.join(', ');
}

/** The summary table of one set, with the slugs the knowledge base lacks. */
export function formatSet(report: SetReport): string {
  const { summary: s } = report;
  const kinds = s.kinds.accuracy === null ? '–' : `${s.kinds.correct}/${s.kinds.checked} = ${percent(s.kinds.accuracy)}`;
  const p = s.provisional.kinds;
  const provisionalKinds = p.accuracy === null ? '–' : `${p.correct}/${p.checked} = ${percent(p.accuracy)}`;
  const lines = [
    `${report.name}: ${s.articles} texts in ${report.articlesDir}, gold ${report.goldPath}`,
    `  ${report.description}`,
    '',
    HEADER,
    row('actors', s.actors),
    row('conflicts', s.conflicts),
    '',
    CLASS_HEADER,
    ...SCORE_CLASSES.map((c) => classRow(CLASS_LABELS[c], s.classes[c])),
    classRow('name forms', s.forms),
    classRow('conflicts', s.conflicts),
    '',
    `  kind accuracy    ${kinds} of the linked gold actors${s.kinds.unannotated.length ? ` (${s.kinds.unannotated.length} without a gold kind left out)` : ''}`,
    `  provisional      ${s.provisional.found} gold actors found only as provisional (TP), ${s.provisional.spurious} provisional not in the gold (FP); kinds ${provisionalKinds}`,
    `    found (${s.provisional.foundKeys.length}): ${list(s.provisional.foundKeys)}`,
    `    not in the gold (${s.provisional.spuriousKeys.length}): ${list(s.provisional.spuriousKeys)}`,
    `  unlinked traps   ${s.traps.linked} of ${s.traps.checked} linked${s.traps.notInBody ? ` (${s.traps.notInBody} more not in the clean body, so not checked)` : ''}`,
    `  not in the knowledge base (counted as misses):`,
    `    actors (${s.actors.notInKb.length}): ${list(s.actors.notInKb)}`,
    `    conflicts (${s.conflicts.notInKb.length}): ${list(s.conflicts.notInKb)}`,
  ];
  if (report.unannotatedTexts.length > 0) lines.push(`  texts without gold, not scored: ${list(report.unannotatedTexts)}`);
  return lines.join('\n');
}

const marked = (slugs: string[], which: string[], label = 'not in KB') => slugs.map((slug) => (which.includes(slug) ? `${slug} (${label})` : slug));

function formatArticle(a: ArticleScore): string[] {
  const lines: string[] = [];
  const add = (label: string, text: string) => lines.push(`    ${label.padEnd(22)}${text}`);
  if (a.actors.missed.length) add('actors missed', list(marked(a.actors.missed, a.actors.missedNotInKb)));
  if (a.actors.spurious.length) add('actors spurious', list(marked(a.actors.spurious, a.provisional.spurious, 'provisional')));
  if (a.provisional.found.length) add('found as provisional', list(a.provisional.found));
  if (a.conflicts.missed.length) add('conflicts missed', list(marked(a.conflicts.missed, a.conflicts.missedNotInKb)));
  if (a.conflicts.spurious.length) add('conflicts spurious', list(a.conflicts.spurious));
  for (const e of a.kinds.errors) {
    add('kind wrong', `${e.slug}: gold ${e.gold}, ${e.provisional ? 'provisional' : 'knowledge base'} ${e.linked ?? 'no such actor'}`);
  }
  for (const t of a.traps.linked) add('trap linked', `"${t.text}" in "${t.context}" → ${t.slugs.join(', ')}`);
  for (const f of a.forms.wrong) add('form wrong', `"${f.text}" in "${f.context}" → ${f.linked.join(', ')}, not ${f.slug}`);
  if (a.forms.missed.length) add('forms missed', list(a.forms.missed.map((f) => `"${f.text}" (${f.slug})`)));
  return lines.length === 0 ? [] : [`  ${a.id}`, ...lines];
}

/** Per text: false negatives, false positives, kind errors and linked traps; texts without errors are left out. */
export function formatErrors(report: SetReport): string {
  const lines = report.articles.flatMap(formatArticle);
  return [`${report.name}: errors per text`, ...(lines.length ? lines : ['  none'])].join('\n');
}

export const LEGEND = [
  'gold = distinct gold slugs summed over the texts; linked = distinct slugs the linker gave (provisional actors by the key',
  'of their name); not in KB = the misses whose slug the knowledge base lacks; recall* = recall over the gold slugs the',
  'knowledge base has. Micro-averaged over texts. By class: the actor counts split by the gold registry\'s class (people',
  'split by whether the knowledge base has them; a false positive outside the registry takes the class of its kind, an',
  'organisation counting as a body); bodies are domestic (parliaments, parties, ministries, courts, armed forces of',
  'states, companies, NGOs), international are intergovernmental. Name forms: gold spans of variant forms; TP = linked',
  'to the gold slug, FP = linked instead to an actor the text does not name, FN = not linked to the gold slug.',
].join('\n');

/** Gold slugs the KB seems to spell differently; listed for reconciling, never applied to the scores. */
const WHY = { slug: 'same slug but for hyphens', name: 'same name or alias', transliteration: 'same person, transliterated' } as const;

export function formatRenames(renames: { actors: SlugRename[]; conflicts: SlugRename[] }): string {
  const all = [...renames.actors, ...renames.conflicts];
  if (all.length === 0) return 'Possible slug renames: none';
  const lines = all.map((r) => `  ${r.gold} → ${r.kb}   (${WHY[r.why]})`);
  return ['Possible slug renames, gold → knowledge base (the same entity by name; the scores above count a link to the KB slug for the gold slug):', ...lines].join('\n');
}

import type { SlugRename } from './reconcile.js';
import type { ArticleScore, SlugSummary } from './score.js';
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
  return lines.length === 0 ? [] : [`  ${a.id}`, ...lines];
}

/** Per text: false negatives, false positives, kind errors and linked traps; texts without errors are left out. */
export function formatErrors(report: SetReport): string {
  const lines = report.articles.flatMap(formatArticle);
  return [`${report.name}: errors per text`, ...(lines.length ? lines : ['  none'])].join('\n');
}

export const LEGEND = [
  'gold = distinct gold slugs summed over the texts; linked = distinct slugs the linker gave; not in KB = the misses whose',
  'slug the knowledge base lacks; recall* = recall over the gold slugs the knowledge base has. Micro-averaged over texts.',
  'Actors are the linked ones and the provisional ones (people and organisations the knowledge base lacks), by key.',
].join('\n');

/** Gold slugs the KB seems to spell differently; listed for reconciling, never applied to the scores. */
export function formatRenames(renames: { actors: SlugRename[]; conflicts: SlugRename[] }): string {
  const all = [...renames.actors, ...renames.conflicts];
  if (all.length === 0) return 'Possible slug renames: none';
  const lines = all.map((r) => `  ${r.gold} → ${r.kb}   (${r.why === 'slug' ? 'same slug but for hyphens' : 'same English name or alias'})`);
  return ['Possible slug renames, gold → knowledge base (to reconcile by renaming; the scores above count them as misses):', ...lines].join('\n');
}

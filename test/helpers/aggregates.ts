import type { ArticleSpec } from './factories.js';

export { aggregateDrift, NO_DRIFT } from '../../src/db/aggregate-drift.js';

export const RUW = 'russo-ukrainian-war';
export const SCW = 'syrian-civil-war';
export const AFG = 'war-in-afghanistan-2001-2021';
export const US = 'united-states';
export const PUTIN = 'vladimir-putin';

/**
 * A corpus beyond the seeds, dated after them (2030 and 2031) so that every aggregate over it
 * has an exact answer; the seeds end years before, so 2030's months hold only these articles.
 */
export const LATER_ARTICLES: ArticleSpec[] = [
  { externalId: 'g01', publishedOn: '2030-01-10', sources: ['Belga'], actorSlugs: ['russia', 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'g02', publishedOn: '2030-01-20', sources: ['AFP'], actorSlugs: ['russia', 'ukraine', US], conflictSlugs: [RUW] },
  { externalId: 'g03', publishedOn: '2030-02-05', sources: ['Belga', 'AFP'], actorSlugs: ['russia', PUTIN, 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'g04', publishedOn: '2030-04-01', sources: ['ANP'], actorSlugs: ['ukraine', US], conflictSlugs: [RUW] },
  { externalId: 'g05', publishedOn: '2030-04-15', sources: ['Belga'], actorSlugs: ['russia', 'syria', US], conflictSlugs: [SCW] },
  { externalId: 'g06', publishedOn: '2030-04-28', sources: ['Reuters'], actorSlugs: ['syria', US], conflictSlugs: [SCW] },
  { externalId: 'g07', publishedOn: '2030-07-03', sources: [], actorSlugs: ['taliban', US], conflictSlugs: [AFG] },
  { externalId: 'g08', publishedOn: '2030-07-09', sources: ['AFP'], actorSlugs: ['taliban', US], conflictSlugs: [AFG] },
  { externalId: 'g09', publishedOn: '2031-02-11', sources: ['Belga'], actorSlugs: ['russia', 'ukraine', PUTIN, US], conflictSlugs: [RUW, SCW] },
  { externalId: 'g10', publishedOn: '2031-02-12', sources: ['AFP'], actorSlugs: [US], conflictSlugs: [] },
  { externalId: 'g11', publishedOn: '2031-03-01', sources: ['Belga'], actorSlugs: [], conflictSlugs: [] },
  { externalId: 'g12', publishedOn: '2031-03-02', sources: ['ANP'], actorSlugs: ['russia', PUTIN], conflictSlugs: [RUW] },
];
export const FROM = '2030-01-01';
export const SINCE = { publishedFrom: FROM };

/** The months from 2030-01 to 2031-03 with the given counts, as `period: count`. */
export function months(counts: Record<string, number>): [string, number][] {
  const all: [string, number][] = [];
  for (let m = 0; m < 15; m += 1) {
    const period = `${2030 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    all.push([period, counts[period] ?? 0]);
  }
  return all;
}

/** Articles of the whole corpus per month of the span above (the seeds end before 2030). */
export const CORPUS_MONTHS = months({ '2030-01': 2, '2030-02': 1, '2030-04': 3, '2030-07': 2, '2031-02': 2, '2031-03': 2 });

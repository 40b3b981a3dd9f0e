import { describe, expect, it } from 'vitest';
import { link } from './helpers/linking.js';

// What the linker works out once and keeps (a stretch of days' conflicts) must answer as working it out afresh would.
describe('linking caches', () => {
  it('has the conflicts of a day right to the day on both edges of its margins', () => {
    // The war in Afghanistan: 7 October 2001 to 30 August 2021, current from 90 days before to 365 days after.
    const text = 'De taliban hebben opnieuw Kunduz aangevallen. Het Afghaanse leger sloeg de aanval af.';
    const conflicts = (day: string) => link(text, day).conflicts.map((c) => c.slug);
    // Interleaved, so that each day is worked out after another stretch's.
    expect(conflicts('2001-07-08')).toEqual([]);
    expect(conflicts('2001-07-09')).toEqual(['war-in-afghanistan-2001-2021']);
    expect(conflicts('2022-08-31')).toEqual([]);
    expect(conflicts('2022-08-30')).toEqual(['war-in-afghanistan-2001-2021']);
    expect(conflicts('2001-07-08')).toEqual([]);
  });
});

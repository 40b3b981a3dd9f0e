import { describe, expect, it } from 'vitest';
import { memoBounded } from '../src/linking/memo.js';

describe('memoBounded', () => {
  it('works a key out once while it is kept, and keeps no more than its limit', () => {
    const asked: number[] = [];
    const square = memoBounded(3, (n: number) => (asked.push(n), n * n));
    expect([1, 2, 1, 3, 2].map(square)).toEqual([1, 4, 1, 9, 4]);
    expect(asked).toEqual([1, 2, 3]);
    // A fourth key finds the cache full: what was kept is dropped, so 1 is worked out again.
    expect([4, 1, 4].map(square)).toEqual([16, 1, 16]);
    expect(asked).toEqual([1, 2, 3, 4, 1]);
  });

  it('keeps a value that is falsy', () => {
    let calls = 0;
    const zero = memoBounded(10, () => (calls++, 0));
    expect([zero('a'), zero('a')]).toEqual([0, 0]);
    expect(calls).toBe(1);
  });
});

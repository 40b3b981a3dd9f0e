import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT } from '../src/heap-growth.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Runs limitHeapGrowth(percent) in a fresh node (started with `flags`), then what a busy server
 * does: some live data, and batches of short-lived objects that outlive the young generation.
 * Prints the percent in effect and the largest heap V8 kept meanwhile.
 */
async function run(percent: number, flags: string[] = []): Promise<{ inEffect: number; peakMb: number }> {
  const script = `
    import { getHeapStatistics } from 'node:v8';
    import { limitHeapGrowth } from './src/heap-growth.ts';
    const inEffect = limitHeapGrowth(${percent});
    const live = [];
    for (let i = 0; i < 300000; i++) live.push({ name: 'actor ' + i, ids: [i, i + 1] });
    const recent = [];
    let peak = 0;
    for (let round = 0; round < 200; round++) {
      const batch = [];
      for (let i = 0; i < 20000; i++) batch.push({ title: 'artikel ' + i + ' ' + round, ids: [i] });
      recent.push(batch);
      if (recent.length > 8) recent.shift();
      peak = Math.max(peak, getHeapStatistics().total_heap_size);
    }
    console.log(JSON.stringify({ inEffect, peakMb: peak / 1048576, live: live.length }));`;
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('heap growth', () => {
  it('collects a heap of short-lived garbage sooner than V8 would by itself, and leaves V8 its own sizing at 0', async () => {
    const [v8Own, limited, unset] = await Promise.all([
      // Four times the live data, what V8 allows itself on a machine with plenty of memory.
      run(DEFAULT_HEAP_GROWING_PERCENT, ['--heap-growing-percent=300']),
      run(DEFAULT_HEAP_GROWING_PERCENT),
      run(0),
    ]);
    expect(v8Own.inEffect).toBe(300);
    expect(limited.inEffect).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(unset.inEffect).toBe(0);
    expect(limited.peakMb).toBeLessThan(v8Own.peakMb * 0.75);
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env.js';

describe('environment', () => {
  it('has defaults that keep the server on localhost with writes off', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 4000, PGLITE_DIR: '.data/pglite', STATEMENT_TIMEOUT_MS: 10_000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.WRITE_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', WRITE_TOKEN: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable and what is wrong with it', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', WRITE_TOKEN: 'short', STATEMENT_TIMEOUT_MS: '5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain('PORT: must be a whole number');
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(message).toContain('WRITE_TOKEN: must be at least 16 characters');
    expect(message).toContain('STATEMENT_TIMEOUT_MS: must be at least 100 ms');
    expect(message).not.toContain('short');
  });
});

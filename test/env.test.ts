import { describe, expect, it } from 'vitest';
import { EnvError, explorerEnabled, loadEnv } from '../src/env.js';

describe('environment', () => {
  it('has defaults that keep the server on localhost with writes off', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 4000, PGLITE_DIR: '.data/pglite', STATEMENT_TIMEOUT_MS: 10_000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.WRITE_TOKEN).toBeUndefined();
  });

  it('serves the explorer unless EXPLORER=off', () => {
    expect(explorerEnabled(loadEnv({}))).toBe(true);
    expect(explorerEnabled(loadEnv({ NODE_ENV: 'production' }))).toBe(true);
    expect(explorerEnabled(loadEnv({ EXPLORER: 'on' }))).toBe(true);
    expect(explorerEnabled(loadEnv({ EXPLORER: 'off' }))).toBe(false);
    expect(() => loadEnv({ EXPLORER: 'no' })).toThrow('EXPLORER: must be on or off');
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

  it('takes REDIS_URL only as a redis:// or rediss:// URL, without echoing it', () => {
    expect(loadEnv({ REDIS_URL: 'redis://:secret@127.0.0.1:6379/2' }).REDIS_URL).toBe('redis://:secret@127.0.0.1:6379/2');
    expect(loadEnv({}).REDIS_URL).toBeUndefined();
    expect(() => loadEnv({ REDIS_URL: 'http://:secret@cache:6379' })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadEnv({ REDIS_URL: 'http://:secret@cache:6379' })).not.toThrow(/secret/);
  });

  it('reads CORS_ORIGINS as a list of origins, none by default', () => {
    expect(loadEnv({}).CORS_ORIGINS).toEqual([]);
    expect(loadEnv({ CORS_ORIGINS: 'https://news.example.org, http://localhost:5173' }).CORS_ORIGINS).toEqual([
      'https://news.example.org',
      'http://localhost:5173',
    ]);
  });

  it('names each entry of CORS_ORIGINS that is not an origin', () => {
    for (const bad of ['news.example.org', 'https://news.example.org/', 'https://news.example.org/app', '*', 'ftp://files.example.org']) {
      expect(() => loadEnv({ CORS_ORIGINS: `http://localhost:5173,${bad}` }), bad).toThrow(
        new RegExp(`CORS_ORIGINS: ${JSON.stringify(bad).replace(/[.*/]/g, '\\$&')} is not an origin`),
      );
    }
  });

  it('collects the heap at 50 % over its live data unless HEAP_GROWING_PERCENT says otherwise (0: as V8 sizes it)', () => {
    expect(loadEnv({}).HEAP_GROWING_PERCENT).toBe(50);
    expect(loadEnv({ HEAP_GROWING_PERCENT: '0' }).HEAP_GROWING_PERCENT).toBe(0);
    expect(() => loadEnv({ HEAP_GROWING_PERCENT: 'half' })).toThrow('HEAP_GROWING_PERCENT: must be a whole number of per cent');
  });

  it('retries the database without limit unless DATABASE_CONNECT_ATTEMPTS says otherwise', () => {
    expect(loadEnv({}).DATABASE_CONNECT_ATTEMPTS).toBe(0);
    expect(loadEnv({ DATABASE_CONNECT_ATTEMPTS: '5' }).DATABASE_CONNECT_ATTEMPTS).toBe(5);
    expect(() => loadEnv({ DATABASE_CONNECT_ATTEMPTS: '-1' })).toThrow('DATABASE_CONNECT_ATTEMPTS: must be 0 (no limit) or more');
    expect(() => loadEnv({ DATABASE_CONNECT_ATTEMPTS: 'often' })).toThrow('DATABASE_CONNECT_ATTEMPTS: must be a whole number');
  });

  it('reads DATABASE_READ_URL as a list of replica URLs and names each bad one without its password', () => {
    const primary = 'postgres://app@primary:5432/news';
    expect(loadEnv({ DATABASE_URL: primary }).DATABASE_READ_URL).toEqual([]);
    expect(
      loadEnv({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://app@replica-1/news, postgresql://app@replica-2/news' }).DATABASE_READ_URL,
    ).toEqual(['postgres://app@replica-1/news', 'postgresql://app@replica-2/news']);
    let message = '';
    try {
      loadEnv({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://app@replica-1/news,mysql://app:hunter2@replica-2/news,replica-3' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_READ_URL: "mysql://app:***@replica-2/news" is not a postgres:// or postgresql:// URL');
    expect(message).toContain('DATABASE_READ_URL: "replica-3" is not a postgres:// or postgresql:// URL');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('replica-1');
  });

  it('refuses replicas without a primary', () => {
    expect(() => loadEnv({ DATABASE_READ_URL: 'postgres://replica/news' })).toThrow('DATABASE_READ_URL: replicas need a primary; set DATABASE_URL too');
  });

  it('takes REDIS_URL only as a redis:// or rediss:// URL', () => {
    expect(loadEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(loadEnv({ REDIS_URL: 'rediss://cache.example.org:6380' }).REDIS_URL).toBe('rediss://cache.example.org:6380');
    for (const bad of ['127.0.0.1:6379', 'http://cache:6379', 'redis']) {
      expect(() => loadEnv({ REDIS_URL: bad }), bad).toThrow('REDIS_URL: must be a redis:// or rediss:// URL');
    }
  });
});

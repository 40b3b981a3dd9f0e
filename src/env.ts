import { z } from 'zod';
import { DEFAULT_HEAP_GROWING_PERCENT } from './heap-growth.js';
import { ADMISSION_DEFAULTS } from './http/admission-options.js';
import { LOG_LEVELS } from './log.js';
import { manifestFromDir, readManifest, type PersistedOperations } from './persisted-manifest.js';

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 (any free port) and 65535')
  .max(65535, 'must be between 0 (any free port) and 65535');

/** `https://news.example.org,http://localhost:5173` → the origins, each exactly as a browser sends it. */
const origins = z.string().transform((value, ctx) => {
  const list = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of list) {
    let origin: string | null = null;
    try {
      const url = new URL(item);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      // reported below
    }
    if (origin !== item) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(item)} is not an origin; give a comma-separated list of scheme, host and optional port, like https://news.example.org,http://localhost:5173 (no path, no trailing slash)`,
      });
    }
  }
  return list;
});

/** A URL for messages: the password replaced, so an error about a bad entry never prints one. */
function withoutPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** `postgres://replica-1/db,postgres://replica-2/db` → the URLs; each entry that is not a Postgres URL is named. */
const postgresUrls = z.string().transform((value, ctx) => {
  const list = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const item of list) {
    let protocol: string | null = null;
    try {
      protocol = new URL(item).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(withoutPassword(item))} is not a postgres:// or postgresql:// URL; give a comma-separated list of replica URLs`,
      });
    }
  }
  return list;
});

/** `off` (or unset): any operation; `only`: the contract operations of schema/operations/; a path: the operations of that manifest. */
const persistedOperations = z.string().transform((value, ctx): { source: string; operations: PersistedOperations } | null => {
  if (value === 'off') return null;
  try {
    if (value === 'only') return { source: 'schema/operations/', operations: manifestFromDir() };
    if (!value.endsWith('.json')) throw new Error(`${JSON.stringify(value)} is neither off, only, nor the path of a .json manifest`);
    return { source: value, operations: readManifest(value) };
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

function wholeAtLeast(min: number, unit: string) {
  return z.coerce
    .number({ error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min} ${unit}`);
}

const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_READ_URL: postgresUrls.default([]),
  RESPONSE_CACHE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,100}$/, 'must be 1 to 100 letters, digits and : . _ -')
    .default('conflict-news:cache:'),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  WRITE_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SEED_ON_START: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .default(10_000),
  CORS_ORIGINS: origins.default([]),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379' })
    .optional(),
  DATABASE_CONNECT_ATTEMPTS: z.coerce
    .number({ error: 'must be a whole number (0 for no limit)' })
    .int('must be a whole number (0 for no limit)')
    .min(0, 'must be 0 (no limit) or more')
    .default(0),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PERSISTED_OPERATIONS: persistedOperations.default(null),
  MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1_000, 'must be at most 1000 (the limit of the whole server)')
    .default(100),
  GRAPHIQL: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  EXPLORER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ADMISSION_BUDGET: wholeAtLeast(1, 'cost units').default(ADMISSION_DEFAULTS.budget),
  ADMISSION_CLIENT_SHARE: z.coerce
    .number({ error: 'must be a number from 0.01 to 1' })
    .min(0.01, 'must be a number from 0.01 to 1')
    .max(1, 'must be a number from 0.01 to 1')
    .default(ADMISSION_DEFAULTS.clientShare),
  ADMISSION_FREE_COST: wholeAtLeast(0, 'cost units').default(ADMISSION_DEFAULTS.freeCost),
  ADMISSION_QUEUE_LENGTH: wholeAtLeast(0, 'requests').default(ADMISSION_DEFAULTS.queueLength),
  ADMISSION_QUEUE_MS: wholeAtLeast(0, 'milliseconds').default(ADMISSION_DEFAULTS.queueWaitMs),
  MAX_ANSWER_BYTES: wholeAtLeast(1024, 'bytes').default(ADMISSION_DEFAULTS.maxAnswerBytes),
  HEAP_GROWING_PERCENT: wholeAtLeast(0, 'per cent').default(DEFAULT_HEAP_GROWING_PERCENT),
});

export type Env = z.infer<typeof envSchema>;

/** Rules between variables, checked once each one is valid by itself. */
function crossChecks(env: Env): string[] {
  const problems: string[] = [];
  if (env.DATABASE_READ_URL.length > 0 && !env.DATABASE_URL) {
    problems.push('  DATABASE_READ_URL: replicas need a primary; set DATABASE_URL too (without it the server uses PGlite, which has no replicas)');
  }
  return problems;
}

/** GraphiQL is a 9 MB page to anyone who asks: off in production unless GRAPHIQL=on, on elsewhere unless GRAPHIQL=off. */
export function graphiqlEnabled(env: Pick<Env, 'GRAPHIQL' | 'NODE_ENV'>): boolean {
  return env.GRAPHIQL ? env.GRAPHIQL === 'on' : env.NODE_ENV !== 'production';
}

/** The explorer at /explore is a client of the API like any other, so on everywhere unless EXPLORER=off. */
export function explorerEnabled(env: Pick<Env, 'EXPLORER'>): boolean {
  return env.EXPLORER === 'on';
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Reads and validates the environment; empty strings count as unset. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const lines = parsed.success
    ? crossChecks(parsed.data)
    : parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  if (parsed.success && lines.length === 0) return parsed.data;
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}

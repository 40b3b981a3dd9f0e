import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadEnv } from '../src/env.js';
import {
  dockerIgnores,
  envOf,
  interpolateAll,
  parseDockerfile,
  portOf,
  splitFlags,
  stagesOf,
  wordsOf,
  type Stage,
} from './helpers/dockerfile.js';
import { postGraphQL } from './helpers/server.js';

const root = new URL('..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const stages = stagesOf(parseDockerfile(read('Dockerfile')));
const runtime = stages.at(-1)!;
const dockerignore = read('.dockerignore');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** What `docker compose` would see with these variables set (and no others). */
const SAMPLE_ENV = { POSTGRES_PASSWORD: 'composeTestPassw0rd', WRITE_TOKEN: 'compose-test-token-0123456789' };
/** Services of a profile run only when it is named (`docker compose --profile redis`), as compose does. */
function composeWith(env: Record<string, string>, profiles: string[] = []): Compose {
  const compose = interpolateAll(parseYaml(read('docker-compose.yml')) as Compose, env);
  const active = Object.entries(compose.services).filter(([, service]) => !service.profiles || service.profiles.some((p) => profiles.includes(p)));
  return { ...compose, services: Object.fromEntries(active) };
}

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | null> | string[];
  ports?: unknown[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

function environmentOf(service: Service): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)])
    : Object.entries(service.environment ?? {}).map(([key, value]) => [key, value == null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

function instructions(stage: Stage, keyword: string) {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The environment the image gives the server (ENV of the runtime stage). */
function imageEnv(): Record<string, string> {
  return Object.assign({}, ...instructions(runtime, 'ENV').map((instruction) => envOf(instruction.args)));
}

interface Copy {
  from: string | null;
  sources: string[];
  dest: string;
  line: number;
}

function copiesOf(stage: Stage): Copy[] {
  return instructions(stage, 'COPY').map((instruction) => {
    const { flags, rest } = splitFlags(instruction.args);
    const words = wordsOf(rest).words;
    return { from: flags.from ?? null, sources: words.slice(0, -1), dest: words.at(-1)!, line: instruction.line };
  });
}

const composed = composeWith(SAMPLE_ENV);
const appName = ['app', 'server'].find((name) => name in composed.services)!;

describe('docker-compose.yml', () => {
  it('runs Postgres 16 as the db service, with a health check and its data in a named volume', () => {
    expect(Object.keys(composed.services).sort()).toEqual(['db', appName].sort());
    const db = composed.services.db!;
    expect(db.image).toMatch(/^postgres:16(?:[.-]|$)/);
    expect(db.healthcheck?.disable).not.toBe(true);
    expect([db.healthcheck?.test].flat().join(' ')).toMatch(/pg_isready/);
    const data = (db.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? { source: volume.split(':')[0], target: volume.split(':')[1] } : volume,
    );
    const volume = data.find((entry) => entry.target === '/var/lib/postgresql/data');
    expect(volume, 'Postgres keeps its data in a volume').toBeDefined();
    expect(Object.keys(composed.volumes ?? {}), 'a named volume, not a host folder').toContain(volume!.source);
  });

  it('builds the server from the Dockerfile and starts it once the database is healthy', () => {
    const app = composed.services[appName]!;
    const build = typeof app.build === 'string' ? { context: app.build } : (app.build ?? {});
    expect(build.context).toBe('.');
    expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    const dependsOn = app.depends_on;
    expect(Array.isArray(dependsOn), 'depends_on needs the long form to wait for health').toBe(false);
    expect((dependsOn as Record<string, { condition?: string }>).db?.condition).toBe('service_healthy');
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const published = Object.entries(composed.services).flatMap(([name, service]) =>
      (service.ports ?? []).map((entry) => ({ name, ...portOf(entry) })),
    );
    expect(published.map((port) => port.name)).toContain(appName);
    for (const port of published) expect(port.hostIp, `${port.name}: ${JSON.stringify(port)}`).toBe('127.0.0.1');
  });

  it("gives the server an environment it accepts: production, every interface, the db service's Postgres", () => {
    const app = composed.services[appName]!;
    const db = environmentOf(composed.services.db!);
    const env = loadEnv({ ...imageEnv(), ...environmentOf(app) });
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    const url = new URL(env.DATABASE_URL!);
    expect(url.hostname).toBe('db');
    expect(url.port || '5432').toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(db.POSTGRES_USER ?? 'postgres');
    expect(decodeURIComponent(url.password)).toBe(SAMPLE_ENV.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${db.POSTGRES_DB ?? db.POSTGRES_USER ?? 'postgres'}`);
    const targets = (app.ports ?? []).map((entry) => portOf(entry).target);
    expect(targets, 'the published container port is the one the server listens on').toEqual([env.PORT]);
    expect(instructions(runtime, 'EXPOSE').flatMap((instruction) => instruction.args.split(/\s+/))).toContain(`${env.PORT}`);
  });

  it('starts Redis beside the server with the redis profile, which the server then uses', () => {
    const withRedis = composeWith({ ...SAMPLE_ENV, REDIS_URL: 'redis://redis:6379' }, ['redis']);
    expect(Object.keys(withRedis.services).sort()).toEqual(['db', appName, 'redis'].sort());
    const redis = withRedis.services.redis!;
    expect(redis.image).toMatch(/^redis:\d/);
    expect([redis.healthcheck?.test].flat().join(' ')).toMatch(/redis-cli ping/);
    const env = loadEnv({ ...imageEnv(), ...environmentOf(withRedis.services[appName]!) });
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    // Without the profile nothing of Redis: no service, no REDIS_URL.
    expect(loadEnv({ ...imageEnv(), ...environmentOf(composed.services[appName]!) }).REDIS_URL).toBeUndefined();
  });

  it('hands METRICS_TOKEN to the server, the way a scraper on the host reaches /metrics', () => {
    const token = 'metrics-token-0123456789abcdef';
    const app = composeWith({ ...SAMPLE_ENV, METRICS_TOKEN: token }).services[appName]!;
    expect(loadEnv({ ...imageEnv(), ...environmentOf(app) }).METRICS_TOKEN).toBe(token);
  });

  it('takes the Postgres password and the write token from the environment, with no default password', () => {
    expect(() => composeWith({ WRITE_TOKEN: SAMPLE_ENV.WRITE_TOKEN })).toThrow(/POSTGRES_PASSWORD/);
    expect(environmentOf(composed.services.db!).POSTGRES_PASSWORD).toBe(SAMPLE_ENV.POSTGRES_PASSWORD);
    expect(loadEnv(environmentOf(composed.services[appName]!)).WRITE_TOKEN).toBe(SAMPLE_ENV.WRITE_TOKEN);
    const withoutToken = composeWith({ POSTGRES_PASSWORD: SAMPLE_ENV.POSTGRES_PASSWORD });
    expect(loadEnv(environmentOf(withoutToken.services[appName]!)).WRITE_TOKEN, 'no token: writes off').toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('installs in a build stage and runs from a separate runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:20(?:[.-]|$)/);
    const earlier = stages.slice(0, -1);
    const installs = earlier.flatMap((stage) => instructions(stage, 'RUN')).map((run) => run.args);
    expect(installs.some((args) => /\bnpm ci\b/.test(args))).toBe(true);
    for (const copy of copiesOf(runtime).filter((c) => c.from)) {
      expect(earlier.map((stage) => stage.name), `line ${copy.line}`).toContain(copy.from);
    }
    expect(instructions(runtime, 'RUN').map((run) => run.args).join('\n')).not.toMatch(/\bnpm (ci|install|i)\b/);
  });

  it('runs as a user that is not root, in production mode', () => {
    const user = instructions(runtime, 'USER').at(-1);
    expect(user, 'the runtime stage sets a USER').toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(imageEnv().NODE_ENV).toBe('production');
  });

  it('starts the compiled dist/main.js with node alone; tsx is only for development', () => {
    const cmd = instructions(runtime, 'CMD').at(-1);
    expect(cmd).toBeDefined();
    const { exec, words } = wordsOf(cmd!.args);
    expect(exec, 'exec form, so node gets SIGTERM itself').toBe(true);
    expect(words).toEqual(['node', 'dist/main.js']);
    expect(pkg.dependencies.tsx, 'tsx stays out of the production dependencies').toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    const build = stages.find((stage) => copiesOf(runtime).some((copy) => copy.from === stage.name && copy.sources.some((s) => s.endsWith('/dist'))));
    expect(build, 'the runtime stage copies dist/ from an earlier stage').toBeDefined();
    expect(instructions(build!, 'RUN').map((run) => run.args).join('\n')).toMatch(/\bnpm run build\b/);
    expect(instructions(runtime, 'ENTRYPOINT')).toEqual([]);
  });

  it('checks /ready with node (healthy only once the database answers and is migrated), as slim images have no curl', () => {
    const check = instructions(runtime, 'HEALTHCHECK').at(-1);
    expect(check).toBeDefined();
    const { rest } = splitFlags(check!.args);
    expect(rest).toMatch(/^CMD\s/);
    const { words } = wordsOf(rest.replace(/^CMD\s+/, ''));
    expect(words[0]).toBe('node');
    expect(words.join(' ')).toContain('/ready');
    expect(words.join(' ')).not.toContain('/health');
    expect(words.join(' ')).not.toMatch(/\b(curl|wget)\b/);
  });

  it('copies only files that exist and pass .dockerignore, and everything the server reads', () => {
    const copied: string[] = [];
    for (const stage of stages) {
      for (const copy of copiesOf(stage).filter((c) => !c.from)) {
        for (const source of copy.sources) {
          const path = source.replace(/^\.\//, '').replace(/\/$/, '');
          expect(existsSync(join(root, path)), `COPY ${source} (line ${copy.line}) is not in the repository`).toBe(true);
          expect(dockerIgnores(dockerignore, path), `COPY ${source} (line ${copy.line}) is in .dockerignore`).toBe(false);
          copied.push(`${stage === runtime ? 'runtime' : 'build'}:${path}`);
        }
      }
    }
    // The build compiles src/ with tsconfig.json; the server (dist/main.js) reads the operations GraphiQL opens
    // with, the migrations, the knowledge base and the seed articles, and package.json (an ES module package).
    expect(copied).toEqual(
      expect.arrayContaining(['build:tsconfig.json', 'build:src', 'runtime:package.json', 'runtime:migrations', 'runtime:schema', 'runtime:seeds']),
    );
    expect(copied, 'the runtime runs dist/, not the sources').not.toContain('runtime:src');
  });

  it('keeps installs, databases, history and test output out of the build context', () => {
    for (const path of ['node_modules/tsx/package.json', '.data/pglite/PG_VERSION', '.git/HEAD', 'test/artifacts/graphiql.png']) {
      expect(dockerIgnores(dockerignore, path), path).toBe(true);
    }
    for (const path of ['src/main.ts', 'seeds/kb', 'schema/operations/ConflictTraversal.graphql', 'package-lock.json']) {
      expect(dockerIgnores(dockerignore, path), path).toBe(false);
    }
  });
});

/**
 * The production dependencies as `npm ci --omit=dev` installs them, hard-linked from ours: the packages
 * of `npm ls --omit=dev` at the top of node_modules (their own nested node_modules come along).
 */
function productionModules(dest: string): void {
  const listing = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
  const top = new Set(
    listing.stdout
      .split('\n')
      .map((path) => relative(join(root, 'node_modules'), path))
      .filter((path) => path !== '' && !path.startsWith('..'))
      .map((path) => path.split('/node_modules/')[0]!),
  );
  // Nothing that only develops, builds or tests the code.
  for (const devOnly of ['tsx', 'esbuild', 'typescript', 'vitest', 'drizzle-kit', 'playwright-core']) expect(top.has(devOnly), devOnly).toBe(false);
  expect(top.has('graphql-yoga'), listing.stderr).toBe(true);
  for (const name of top) {
    mkdirSync(dirname(join(dest, name)), { recursive: true });
    execFileSync('cp', ['-al', join(root, 'node_modules', name), join(dest, name)]);
  }
}

/** Copies a COPY instruction's sources from the repository into the image folder, as Docker would. */
function applyCopy(copy: Copy, image: string): void {
  const dest = join(image, copy.dest);
  const intoFolder = copy.dest.endsWith('/') || copy.sources.length > 1;
  for (const source of copy.sources) {
    const from = join(root, source);
    const to = statSync(from).isDirectory() || !intoFolder ? dest : join(dest, basename(source));
    cpSync(from, to, {
      recursive: true,
      filter: (path) => path === from || !dockerIgnores(dockerignore, relative(root, path)),
    });
  }
}

/** `npm run build` into dist/ (a minute of tsc). */
function npmRunBuild(): void {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
}

function runHealthCheck(port: number): number | null {
  const { rest } = splitFlags(instructions(runtime, 'HEALTHCHECK').at(-1)!.args);
  const [command, ...args] = wordsOf(rest.replace(/^CMD\s+/, '')).words;
  expect(command).toBe('node');
  return spawnSync(process.execPath, args, { env: { PORT: String(port) }, timeout: 10_000 }).status;
}

// `npm run build` emits dist/, which the image runs: one compiled server, started on nothing but
// the image's files, covers both.
describe('the runtime stage, assembled without a container engine', () => {
  it("starts from the image's files and production dependencies alone, and passes its own health check", async () => {
    const image = mkdtempSync(join(tmpdir(), 'cng-image-'));
    const child = { current: null as ReturnType<typeof spawn> | null };
    try {
      for (const copy of copiesOf(runtime)) {
        if (copy.from) {
          const [source, ...more] = copy.sources.map((path) => basename(path));
          expect(more, `line ${copy.line}`).toEqual([]);
          const stage = stages.find((candidate) => candidate.name === copy.from)!;
          const runs = instructions(stage, 'RUN').map((run) => run.args).join('\n');
          if (source === 'node_modules') {
            expect(runs).toMatch(/npm (ci|prune)\b.*--omit=dev/);
            productionModules(join(image, 'node_modules'));
          } else {
            expect([source, runs], `line ${copy.line}`).toEqual(['dist', expect.stringMatching(/\bnpm run build\b/)]);
            npmRunBuild();
            // The server and the thread that links for bulk ingest, compiled to run with node alone (no tsx).
            for (const entry of ['dist/main.js', 'dist/ingest/link-worker.js']) expect(existsSync(join(root, entry)), entry).toBe(true);
            cpSync(join(root, 'dist'), join(image, copy.dest), { recursive: true });
          }
        } else {
          applyCopy(copy, image);
        }
      }

      // The image's environment and nothing of ours (no DATABASE_URL: PGlite in the image folder),
      // on loopback and a free port instead of 0.0.0.0:4000.
      const [command, ...args] = wordsOf(instructions(runtime, 'CMD').at(-1)!.args).words;
      expect(command).toBe('node');
      const server = spawn(process.execPath, args, {
        cwd: image,
        env: { ...imageEnv(), HOST: '127.0.0.1', PORT: '0', GRAPHIQL: 'on' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.current = server;
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      // Only a hang guard, short of the test's own timeout so that the output is shown.
      const deadline = Date.now() + 480_000;
      while (!/GraphQL API (and GraphiQL )?on/.test(output)) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not get ready:\n${output}`);
        await sleep(200);
      }
      const base = /Listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output)!;
      const port = Number(base[2]);

      expect(runHealthCheck(port), 'the HEALTHCHECK command passes while the server runs').toBe(0);
      expect((await fetch(`${base[1]}/ready`)).status).toBe(200);
      const { body } = await postGraphQL(base[1]!, '{ conflicts(first: 1) { totalCount } articles(first: 1) { totalCount } }');
      expect(body.errors, output).toBeUndefined();
      expect(body.data.conflicts.totalCount, 'the knowledge base from seeds/kb').toBeGreaterThan(0);
      expect(body.data.articles.totalCount, 'the articles from seeds/articles').toBeGreaterThan(0);
      const graphiql = await fetch(`${base[1]}/graphql`, { headers: { accept: 'text/html' } });
      expect(await graphiql.text(), 'GraphiQL with the tabs from schema/operations').toContain('query ConflictTraversal');
      // The explorer as npm run build bundled it into dist/explore/: the image has no esbuild to bundle it.
      const explore = await (await fetch(`${base[1]}/explore`)).text();
      const script = /src="(\/explore\/explore\.js[^"]*)"/.exec(explore)?.[1];
      expect(script, explore).toBeDefined();
      const bundle = await fetch(`${base[1]}${script}`);
      expect(bundle.status, output).toBe(200);
      expect(await bundle.text()).toContain('ExploreConflict');

      server.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      expect(runHealthCheck(port), 'the HEALTHCHECK command fails when nothing answers').not.toBe(0);
    } finally {
      child.current?.kill('SIGKILL');
      rmSync(image, { recursive: true, force: true });
    }
  }, 600_000);
});

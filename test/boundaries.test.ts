import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layout's rules (STYLE.md): data flows corpus → linking → ingest → db and graphql → loaders → queries → db;
// corpus/ and linking/ are plain functions on text; only app.ts and the schema printer reach into graphql/.

const root = fileURLToPath(new URL('..', import.meta.url));

/** A module's imports: other modules of src/ by path (`src/db/client.ts`), packages by name (`drizzle-orm`). */
type Graph = Map<string, string[]>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package an import names (`@pothos/core`, `drizzle-orm` for `drizzle-orm/pg-core`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every import, re-export and dynamic import, type-only ones included. */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const path of sources(join(root, 'src'))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const imports = importedFiles.map(({ fileName }) =>
      fileName.startsWith('.') ? relative(root, resolve(dirname(path), fileName.replace(/\.js$/, '.ts'))) : packageOf(fileName),
    );
    graph.set(relative(root, path), [...new Set(imports)]);
  }
  return graph;
}

/** Everything a module reaches through its imports, itself excluded. */
function reachable(graph: Graph, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/** The import cycles: strongly connected groups of more than one module, or a module importing itself (Tarjan). */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || graph.get(node)!.includes(node)) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const DATABASE = ['src/db/', 'src/queries/', 'src/loaders.ts', 'src/ingest/', 'drizzle-orm', 'postgres', '@electric-sql/pglite'];
const GRAPHQL = ['src/graphql/', 'graphql', 'graphql-yoga', '@pothos/', 'dataloader'];

const isIn = (module: string, places: string[]) =>
  places.some((place) => (place.endsWith('/') ? module.startsWith(place) : module === place));

/**
 * Each import of a module in `from` that reaches one of `forbidden`, directly or through other
 * modules, named with the first forbidden module it leads to; imports that `within` accepts stay unchecked.
 */
function breaches(graph: Graph, from: string[], forbidden: string[], within: (to: string) => boolean = () => false): string[] {
  return [...graph]
    .filter(([module]) => isIn(module, from))
    .flatMap(([module, imports]) =>
      imports
        .filter((to) => !within(to))
        .flatMap((to) => {
          const reached = isIn(to, forbidden) ? to : [...reachable(graph, to)].find((next) => isIn(next, forbidden));
          return reached ? [`${module} → ${to}${reached === to ? '' : ` (→ ${reached})`}`] : [];
        }),
    );
}

describe('module boundaries', () => {
  const graph = importGraph();

  it('finds the modules and their imports', () => {
    expect(graph.get('src/app.ts')).toContain('src/graphql/index.ts');
    expect(graph.get('src/linking/linker.ts')?.length).toBeGreaterThan(0);
    expect(graph.get('src/loaders.ts')).toContain('src/queries/nodes.ts');
    expect([...graph.keys()].filter((module) => module.startsWith('src/queries/')).length).toBeGreaterThan(0);
  });

  it('keep corpus/ and linking/ away from the database and GraphQL, also through other modules', () => {
    const zone = ['src/corpus/', 'src/linking/'];
    expect(breaches(graph, zone, [...DATABASE, ...GRAPHQL], (to) => isIn(to, zone))).toEqual([]);
  });

  it('keep reads flowing one way, graphql → loaders → queries → db, also through other modules', () => {
    // Each layer, and what it may not reach: the layers above it.
    expect(breaches(graph, ['src/loaders.ts'], ['src/graphql/'])).toEqual([]);
    expect(breaches(graph, ['src/queries/'], ['src/graphql/', 'src/loaders.ts', ...GRAPHQL])).toEqual([]);
    expect(breaches(graph, ['src/db/'], ['src/graphql/', 'src/loaders.ts', 'src/queries/'])).toEqual([]);
  });

  it('let nothing but app.ts and the schema printer import graphql/', () => {
    const allowed = ['src/app.ts', 'src/cli/print-schema.ts'];
    const breaches = [...graph].flatMap(([module, imports]) =>
      module.startsWith('src/graphql/') || allowed.includes(module)
        ? []
        : imports.filter((to) => to.startsWith('src/graphql/')).map((to) => `${module} → ${to}`),
    );
    expect(breaches).toEqual([]);
  });

  it('hold no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('are checked by a cycle finder that finds a cycle, a self-import, and no cycle where there is none', () => {
    const graphOf = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));
    expect(cycles(graphOf({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(cycles(graphOf({ a: ['a'], b: [] }))).toEqual([['a']]);
    expect(cycles(graphOf({ a: ['b', 'c'], b: ['c'], c: ['zod'] }))).toEqual([]);
  });

  it('are checked by a breach finder that follows imports through other modules', () => {
    const graph: Graph = new Map(Object.entries({ 'x/a': ['x/b', 'y/c'], 'x/b': ['z/d'], 'y/c': [], 'z/d': ['q'] }));
    expect(breaches(graph, ['x/'], ['q'])).toEqual(['x/a → x/b (→ q)', 'x/b → z/d (→ q)']);
    expect(breaches(graph, ['x/'], ['y/'])).toEqual(['x/a → y/c']);
    expect(breaches(graph, ['x/'], ['x/'], (to) => to.startsWith('x/'))).toEqual([]);
  });
});

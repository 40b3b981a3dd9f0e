import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The explorer's built files: the script and the style sheet it links. */
export interface ExploreAssets {
  js: string;
  css: string;
}

/** Where `npm run build` leaves the explorer beside the compiled server (dist/explore/). */
const prebuilt = new URL('../explore/', import.meta.url);
/** The explorer's sources, from src/ itself or from a compiled copy of it at the top of the checkout (dist/, .test-dist-…/). */
const sources = new URL('../../src/explore/', import.meta.url);

/**
 * Bundles src/explore/main.ts for the browser with esbuild: one script (the d3 modules, the world
 * map and the operations' text inlined) and one style sheet. An operation file is imported as
 * `{ name, text, hash }`: its exact text, sent as the query, and the sha256 of that text, sent as
 * extensions.persistedQuery when the server runs persisted operations only.
 */
export async function bundleExplorer(entry: string = fileURLToPath(new URL('main.ts', sources))): Promise<ExploreAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
    loader: { '.css': 'css', '.json': 'json' },
    plugins: [
      {
        name: 'graphql-operation',
        setup(plugin) {
          plugin.onLoad({ filter: /\.graphql$/ }, ({ path }) => {
            const text = readFileSync(path, 'utf8');
            const name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
            if (!name) return { errors: [{ text: `${path} names no operation` }] };
            const hash = createHash('sha256').update(text, 'utf8').digest('hex');
            return { contents: `export default ${JSON.stringify({ name, text, hash })};`, loader: 'js' };
          });
        },
      },
    ],
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!js) throw new Error('esbuild wrote no script for the explorer');
  return { js: js.text, css: css?.text ?? '' };
}

/**
 * The explorer as `npm run build` left it (dist/explore/, where the production image has neither
 * esbuild nor the sources), else bundled from the sources now (`npm start`, tests).
 */
export async function exploreAssets(): Promise<ExploreAssets> {
  const js = new URL('explore.js', prebuilt);
  const css = new URL('explore.css', prebuilt);
  if (existsSync(js) && existsSync(css)) return { js: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') };
  return bundleExplorer();
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleExplorer } from '../http/explore-assets.js';
import { parseCommandLine } from './args.js';

const HELP = `Usage: npm run build:explore -- [--out DIR]

Bundles the explorer (src/explore/) for the browser with esbuild into DIR (dist/explore/ by
default): explore.js and explore.css, which a server run from dist/ serves at /explore. A server
run from the sources (npm start) bundles them itself on the first request. Prints each file's size
and its size gzipped.

Options:
  --out DIR     where to write the files (default dist/explore/)
  -h, --help    this text`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({ script: 'build:explore', help: HELP, positionals: false, options: { out: { type: 'string' } } });
  const out = values.out ?? new URL('../../dist/explore/', import.meta.url).pathname;
  const assets = await bundleExplorer();
  mkdirSync(out, { recursive: true });
  let total = 0;
  for (const [name, text] of [['explore.js', assets.js], ['explore.css', assets.css]] as const) {
    writeFileSync(`${out.replace(/\/?$/, '/')}${name}`, text);
    const gzipped = gzipSync(text, { level: 9 }).length;
    total += gzipped;
    console.log(`${name}: ${Buffer.byteLength(text)} bytes, ${gzipped} gzipped`);
  }
  console.log(`total gzipped: ${total} bytes (${(total / 1024).toFixed(1)} KB)`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`build:explore: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);

import { writeFileSync } from 'node:fs';
import { contractOperationsDir, manifestFromDir, manifestJson } from '../persisted-manifest.js';
import { parseCommandLine } from './args.js';

const HELP = `Usage: npm run operations:manifest -- [--dir DIR] [--out FILE]

Writes the persisted-operations manifest: a JSON object mapping the sha256 (hex) of each
operation's text to the text, from every .graphql file of DIR and its subfolders
(schema/operations/ by default: the contract operations, and the explorer's in explore/).
Frontends send a hash as extensions.persistedQuery.sha256Hash; a server started with
PERSISTED_OPERATIONS=FILE (or =only for schema/operations/) runs those operations and no others.

Options:
  --dir DIR     folder of .graphql files, one operation each (default schema/operations/)
  --out FILE    where to write the manifest (default: stdout)
  -h, --help    this text`;

function main(): number {
  const { values } = parseCommandLine({
    script: 'operations:manifest',
    help: HELP,
    positionals: false,
    options: { dir: { type: 'string' }, out: { type: 'string' } },
  });
  const operations = manifestFromDir(values.dir ?? contractOperationsDir);
  if (operations.size === 0) throw new Error(`no .graphql files in ${values.dir}`);
  const json = manifestJson(operations);
  if (!values.out) {
    process.stdout.write(json);
    return 0;
  }
  writeFileSync(values.out, json);
  console.error(`wrote ${operations.size} operations to ${values.out}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`operations:manifest: ${(error as Error).message}`);
  process.exitCode = 1;
}

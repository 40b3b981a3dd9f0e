import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaFile } from '../graphql/print.js';
import { parseCommandLine } from './args.js';

const HELP = `Usage: npm run schema:print

Writes schema/schema.graphql from the code, sorted (a test fails when the committed file is stale).`;

parseCommandLine({ script: 'schema:print', help: HELP, positionals: false, options: {} });

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
writeFileSync(target, printSchemaFile());
console.log(`wrote ${target}`);

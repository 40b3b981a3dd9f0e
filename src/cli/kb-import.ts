import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources, SourceError, writeFiles } from '../kb-import/index.js';
import { defaultKnowledgeBaseDir, KnowledgeBaseError, loadKnowledgeBase } from '../linking/kb.js';
import { parseCommandLine } from './args.js';

const USAGE = 'Usage: npm run kb:import [-- --sources DIR] [--check]';
const HELP = `${USAGE}

Grows the knowledge base from the open data in DIR (default: ../shared/kb-sources beside the project):
US Congress members and presidents, Tweede Kamer and cabinet members, and political parties of the world.
Writes one JSON file per source to seeds/kb/imported/, leaves the curated YAML alone, and skips entries
the curated YAML already holds (same Wikidata id, slug, or name). The same input gives the same bytes.

      --sources DIR   the kb-sources folder
      --check         write nothing; exit with 1 when a generated file is not up to date
  -h, --help          show this help`;

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The whole knowledge base as the server loads it (curated and generated): actors and the share with a Wikidata id. */
function coverage(): string {
  const { actors } = loadKnowledgeBase(defaultKnowledgeBaseDir);
  const withId = actors.filter((a) => a.wikidataId !== null).length;
  return `knowledge base: ${actors.length} actors, ${withId} with a Wikidata id (${((100 * withId) / actors.length).toFixed(1)} %)`;
}

function main(): number {
  const { values } = parseCommandLine({
    script: 'kb:import',
    help: HELP,
    positionals: false,
    options: { sources: { type: 'string' }, check: { type: 'boolean' } },
  });
  const sources = resolve(values.sources ?? join(projectRoot, '..', 'shared', 'kb-sources'));
  const outDir = join(defaultKnowledgeBaseDir, 'imported');
  try {
    const curated = loadKnowledgeBase(defaultKnowledgeBaseDir, { imported: false });
    const { files, notes } = importSources(sources, curated);
    if (values.check) {
      const stale = writeFiles(outDir, files, { write: false }).filter((f) => f.written);
      for (const f of stale) console.error(`seeds/kb/imported/${f.file} is not up to date: run npm run kb:import`);
      if (stale.length > 0) return 1;
      console.log(coverage());
      return 0;
    }
    for (const result of writeFiles(outDir, files)) {
      console.log(`seeds/kb/imported/${result.file}: ${result.actors} actors, ${result.written ? 'written' : 'unchanged'}`);
    }
    const byWay = (by: string) => notes.curated.filter((c) => c.by === by).length;
    console.log(
      `already curated, not imported: ${notes.curated.length} (by Wikidata id ${byWay('wikidata')}, slug ${byWay('slug')}, name ${byWay('name')}); ` +
        `left out: ${notes.skipped.length}`,
    );
    const reasons = new Map<string, number>();
    for (const { reason } of notes.skipped) {
      const general = reason.replace(/"[^"]*"|\(Q\d+\)/g, '…');
      reasons.set(general, (reasons.get(general) ?? 0) + 1);
    }
    for (const [reason, n] of reasons) console.log(`  ${n} × ${reason}`);
    console.log(coverage());
    return 0;
  } catch (error) {
    if (error instanceof SourceError || error instanceof KnowledgeBaseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exit(main());

import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import type { ExportFormat } from '../export/format.js';
import { exportArticles, exportPlaces } from '../export/write.js';
import { DataDirError, DataDirInUseError } from '../db/pglite-dir.js';
import { NotMigratedError, openForReading } from '../prepare-database.js';
import { parseCommandLine, usageError } from './args.js';
import { folderBusyMessage } from './busy.js';

const HELP = `Usage: npm run export -- --format ndjson|csv|geojson [--out FILE] [--body] [--story]

Writes every article with its actor and conflict links, oldest first, for research:
  ndjson  one JSON object per line: id, publishedOn, datePrecision, title, sources, actors (slug, name,
          kind, mentions with offsets in the body and text), conflicts (slug, name, score)
  csv     one row per article (RFC 4180, UTF-8, CRLF); list fields joined with "|", in the same order
          across actors, actor_kinds and mention_counts, and across conflicts and conflict_scores
or every place the articles name, for a map:
  geojson one FeatureCollection (RFC 7946), a Point feature a line at [longitude, latitude], its id the
          place's key; properties key, name, nameNl, kind, country, geonameId, articleCount, and
          conflicts: { conflict slug: articles naming the place that report on the conflict }.
          Place data from GeoNames (https://www.geonames.org), CC BY 4.0: credit it where you publish.

Options:
  --format F   ndjson, csv or geojson (required)
  --out FILE   write to FILE instead of standard output
  --body       include the article text (ndjson only)
  --story      include the global id of the article's story (as the API's Story.id; empty before a relink for
               articles stored before stories were kept); not with geojson
  -h, --help   this text

Streams page by page, so memory stays flat on any corpus. Reads only (no migration, no knowledge-base
sync). Uses DATABASE_URL when set, else the embedded PGlite database in PGLITE_DIR (default
.data/pglite), which must not be open in a server meanwhile: PGlite serves one process at a time.`;

async function main(): Promise<number> {
  const command = {
    script: 'export',
    help: HELP,
    positionals: false,
    options: { format: { type: 'string' }, out: { type: 'string' }, body: { type: 'boolean', default: false }, story: { type: 'boolean', default: false } },
  } as const;
  const { values } = parseCommandLine(command);
  if (values.format !== 'ndjson' && values.format !== 'csv' && values.format !== 'geojson') {
    usageError(command, `--format must be ndjson, csv or geojson${values.format === undefined ? '' : `, got "${values.format}"`}`);
  }
  if (values.format === 'geojson' && (values.body || values.story)) {
    usageError(command, `--${values.body ? 'body' : 'story'} is an option of the article formats, not of geojson (places)`);
  }
  const format: ExportFormat | 'geojson' = values.format;
  const env = loadEnv();
  // Read only: an export never migrates or syncs the knowledge base.
  const database = await openForReading({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const started = performance.now();
  try {
    const count =
      format === 'geojson'
        ? await exportPlaces(database.db, out)
        : await exportArticles(database.db, out, format, { withBody: values.body, withStory: values.story });
    if (out !== process.stdout) {
      out.end();
      await finished(out);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`exported ${count} ${format === 'geojson' ? 'places' : 'articles'} from ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} as ${format} in ${seconds} s`);
  } finally {
    await database.close();
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof DataDirInUseError) {
      console.error(`export: ${folderBusyMessage('export -- …', error, 'An export reads the folder itself.')}`);
    } else {
      const expected = error instanceof EnvError || error instanceof DataDirError || error instanceof NotMigratedError;
      console.error(expected ? `export: ${error.message}` : error);
    }
    process.exitCode = 1;
  },
);

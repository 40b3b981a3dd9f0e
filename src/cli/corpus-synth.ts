import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../linking/kb.js';
import { createGenerator } from '../synth/generate.js';
import { seedFrom } from '../synth/random.js';
import { parseCommandLine, usageError, wholeNumberOption } from './args.js';

const HELP = `Usage: npm run corpus:synth -- --articles N --out DIR [--seed S]

Writes N synthetic Dutch news articles in the corpus format (DIR/synth_000001.txt, …), composed from
templates over the knowledge base: 1–3 conflicts running on each article's date (2010–2025), their parties
and office holders, a long tail of other actors, and bylines, timestamps and source credits now and then.
The same seed (a number or any text; default 1) gives byte-identical files. Files are written one by one,
so memory stays flat whatever N is.`;

const PROGRESS_EVERY = 10_000;

const COMMAND = {
  script: 'corpus:synth',
  help: HELP,
  positionals: false,
  options: {
    articles: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
} as const;

function main(): number {
  const { values } = parseCommandLine(COMMAND);
  if (values.articles === undefined) usageError(COMMAND, '--articles is required');
  const articles = wholeNumberOption(COMMAND, 'articles', values.articles, 1);
  if (!values.out) usageError(COMMAND, '--out is required');

  const started = performance.now();
  mkdirSync(values.out, { recursive: true });
  const generator = createGenerator(loadKnowledgeBase(), seedFrom(values.seed));
  let bytes = 0;
  for (let i = 1; i <= articles; i++) {
    const { externalId, text } = generator.next();
    const data = Buffer.from(text, 'utf8');
    writeFileSync(join(values.out, `${externalId}.txt`), data);
    bytes += data.byteLength;
    if (i % PROGRESS_EVERY === 0 && i < articles) console.log(`${i} articles written`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${articles} files, ${bytes} bytes in ${values.out} in ${seconds.toFixed(1)} s (${Math.round(articles / seconds)} articles/s)`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

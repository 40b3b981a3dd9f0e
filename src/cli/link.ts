import { parseArticleFile } from '../corpus/parse.js';
import { collectArticleFiles } from '../ingest/ingest.js';
import { loadKnowledgeBase } from '../linking/kb.js';
import { createLinker } from '../linking/linker.js';
import { describeLinks } from './describe-links.js';
import { parseCommandLine, usageError } from './args.js';

const HELP = `Usage: npm run link -- [--all-mentions] <file or folder> [more …]

Shows how the linker reads each article, without a database: the actors found with every
mention in context and the rule that linked it (and how sure it is), the conflicts with their
scores, names the knowledge base does not know, and names it does know that were found but not
linked, with the reason (a capital used as a place, an ambiguous surname, a language …).

Options:
  --all-mentions   list every mention, not the first three per actor
  -h, --help       this text`;

async function main(): Promise<number> {
  const command = { script: 'link', help: HELP, positionals: true, options: { 'all-mentions': { type: 'boolean' } } } as const;
  const { values, positionals } = parseCommandLine(command);
  if (positionals.length === 0) usageError(command, 'name at least one article file or folder');
  const files = await collectArticleFiles(positionals);
  const kb = loadKnowledgeBase();
  const linker = createLinker(kb);
  let failed = 0;
  for (const file of files) {
    try {
      const article = await parseArticleFile(file);
      const explained = linker.explain({ title: article.title, body: article.body, publishedOn: article.publishedOn });
      const mentionsPerActor = values['all-mentions'] ? Infinity : 3;
      console.log(`${describeLinks(article, explained, kb, { mentionsPerActor })}\n`);
    } catch (error) {
      failed += 1;
      console.error(`link: ${file}: ${(error as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`link: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);

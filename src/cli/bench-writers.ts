import { parseCommandLine } from './args.js';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { parseArticle } from '../corpus/parse.js';
import { col, selectRows } from '../db/rows.js';
import { linkArticle } from '../ingest/link.js';
import { storeArticle, type ArticleLinks } from '../ingest/store.js';
import { closePrepared, prepare } from '../prepare-database.js';
import type { ParsedArticle } from '../corpus/types.js';

const HELP = `Usage: npm run bench:writers -- [--actors 450] [--conflicts 3] [--large 1] [--rounds 3] [--delay 0]   (DATABASE_URL names a Postgres server)

Measures how long a small ingest waits behind large ones on Postgres. Creates a scratch database
beside DATABASE_URL's (dropped at the end), migrates it and loads the knowledge base, then writes an
article of about 1 MB naming --actors actors of the knowledge base (linked by the real linker; its
conflicts are the first --conflicts of the knowledge base, for the pairs counted per conflict) and,
once its transaction is committing (where the counts are brought up to date) and --delay ms later, a small article: one
naming other actors in another month, one naming two of the large article's actors in its month.
Prints, per round, the large writes' time and the small ingests' times.`;

interface Round {
  large: number;
  commit: number;
  disjoint: number;
  sharing: number;
}

function article(externalId: string, month: string, title: string, body: string): ParsedArticle {
  return parseArticle({ externalId, text: ` date ${month} ${title}\n\n${body}\n` });
}

/** About `bytes` of text that names each given name in turn, in ordinary sentences. */
function largeBody(names: string[], bytes: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const a = names[i % names.length]!;
    const b = names[(i * 7 + 3) % names.length]!;
    const paragraph = `Volgens waarnemers sprak ${a} opnieuw over de toestand, terwijl ${b} een verklaring uitgaf. ` +
      'De gesprekken over een bestand liepen ook deze week vast, en de hulporganisaties vragen toegang tot het gebied.';
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return paragraphs.join('\n\n');
}

const ms = (start: number) => Math.round(performance.now() - start);

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    script: 'bench:writers',
    help: HELP,
    positionals: false,
    options: {
      actors: { type: 'string', default: '450' },
      conflicts: { type: 'string', default: '3' },
      large: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
      delay: { type: 'string', default: '0' },
    },
  });
  const base = process.env.DATABASE_URL;
  if (!base?.startsWith('postgres')) {
    console.error(`DATABASE_URL must name a Postgres server\n\n${HELP}`);
    return 2;
  }
  const wanted = Number(values.actors);
  const conflictCount = Number(values.conflicts);
  const largeCount = Number(values.large);
  const rounds = Number(values.rounds);
  const delay = Number(values.delay);

  const name = `bench_writers_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const watch = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const prepared = await prepare({ url: url.toString(), maxConnections: largeCount + 4 });
    const { db } = prepared.database;
    try {
      const actors = await selectRows(
        db,
        sql`select name_nl as "nameNl" from actors where kind = 'PERSON' and status <> 'REJECTED' order by id`,
        { nameNl: col.text },
      );
      const conflicts = await selectRows(db, sql`select slug from conflicts order by id limit ${conflictCount}`, { slug: col.text });
      // More names than wanted: not every name links (ambiguous ones are dropped).
      const pool = actors.map((a) => a.nameNl);
      const large = Array.from({ length: largeCount }, (_, n) => {
        let started = performance.now();
        const names = pool.slice(n * 5, n * 5 + Math.round(wanted * 1.3) + 30);
        const parsed = article(`groot_${n}`, '2030-01', `Groot artikel ${n}`, largeBody(names, 1_000_000 - 200));
        const links = linkArticle(prepared.linker, parsed);
        started = ms(started);
        links.actors = links.actors.filter((a) => a.mentions.length > 0).slice(0, wanted);
        links.conflicts = conflicts.map(({ slug }) => ({ slug, score: 0.5 }));
        return { parsed, links, linkMs: started };
      });
      for (const { parsed, links, linkMs } of large) {
        console.log(`large article ${parsed.externalId}: ${Buffer.byteLength(parsed.raw)} bytes, ${links.actors.length} actors, ` +
          `${links.conflicts.length} conflicts (linked in ${linkMs} ms, before the transaction)`);
      }
      const ids = new Map(
        (await selectRows(db, sql`select slug, id from actors`, { slug: col.text, id: col.int })).map((row) => [row.slug, row.id]),
      );
      const used = new Set(large.flatMap(({ links }) => links.actors.map((a) => a.slug)));
      const others = pool.filter((_, i) => i > pool.length - 200);
      const results: Round[] = [];
      for (let round = 0; round < rounds; round++) {
        const started = performance.now();
        const writes = large.map(({ parsed, links }) =>
          storeArticle(db, { ...parsed, externalId: `${parsed.externalId}_${round}`, body: `${parsed.body} ${round}`, contentHash: `${parsed.contentHash}_${round}` }, links),
        );
        const written = Promise.all(writes).then(() => performance.now());
        // The counts are brought up to date at commit: wait until a large write is committing.
        for (;;) {
          const [row] = await watch<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and state = 'active' and query ilike 'commit%'`;
          if (row!.n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const committing = performance.now();
        await new Promise((resolve) => setTimeout(resolve, delay));
        const small = async (externalId: string, month: string, body: string, share: ArticleLinks['actors'], conflicts: ArticleLinks['conflicts']) => {
          const at = performance.now();
          const parsed = article(`${externalId}_${round}`, month, 'Kort bericht', `${body} (${round})`);
          const links = linkArticle(prepared.linker, parsed);
          links.actors = [...links.actors.filter((a) => !used.has(a.slug)), ...share];
          links.conflicts = conflicts;
          await storeArticle(db, parsed, links);
          return ms(at);
        };
        // The two actors of the large article whose pair its recount locks first (the lowest ids).
        const shared = [...large[0]!.links.actors].sort((a, b) => (ids.get(a.slug) ?? 0) - (ids.get(b.slug) ?? 0)).slice(0, 2);
        const [disjoint, sharing] = await Promise.all([
          small('klein_los', '2031-06', `${others[round * 2]} sprak met ${others[round * 2 + 1]}.`, [], []),
          small('klein_samen', '2030-01', `${others[round * 2 + 40]} reageerde kort.`, shared, large[0]!.links.conflicts.slice(0, 1)),
        ]);
        const end = await written;
        results.push({ large: Math.round(end - started), commit: Math.round(end - committing), disjoint: disjoint!, sharing: sharing! });
        console.log(`round ${round + 1}: ${largeCount} large write(s) ${results.at(-1)!.large} ms, of which the commit ` +
          `(the recount) ${results.at(-1)!.commit} ms; small ingest beside it ` +
          `(other actors, other month) ${disjoint} ms; small ingest sharing two actors, a conflict and the month ${sharing} ms`);
      }
      const median = (key: keyof Round) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
      console.log(`median: large ${median('large')} ms (commit ${median('commit')} ms), small (disjoint) ${median('disjoint')} ms, small (sharing) ${median('sharing')} ms`);
    } finally {
      await closePrepared(prepared);
    }
  } finally {
    await watch.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  return 0;
}

process.exitCode = await main();

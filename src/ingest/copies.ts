import { sql } from 'drizzle-orm';
import { bandKeysOf, copyFingerprint, copySimilarity, COPY_THRESHOLD } from '../corpus/minhash.js';
import type { Db } from '../db/client.js';
import { col, selectRows } from '../db/rows.js';
import { column, insertRecords, recordset, table } from '../db/raw-sql.js';
import { bigintArray, intArray } from '../queries/rows.js';
import { insertNumberRecords, numberRecords } from './columns.js';
import { articleBands, articleCopies, articleFingerprints, bandLocks } from '../db/schema.js';
import { groupingLockFor, lockGrouping, type GroupingLock } from './grouping-lock.js';

/** How many days apart a copy and its original may be published (the first of the month stands for a month). */
export const COPY_WINDOW_DAYS = 31;
/** The most candidates one article is compared with, those sharing the most bands first. */
const MAX_CANDIDATES = 200;
/** A row of article_bands, as sent. */
const BAND_FIELDS = { k: articleBands.bandKey, d: articleBands.publishedOn, a: articleBands.articleId };

/** An article whose copies are (re)computed: its id, publication date and clean text. */
export interface CopyTarget {
  articleId: number;
  publishedOn: string;
  body: string;
}

/**
 * Stores the fingerprints of the articles and the copy pairs they make with each other and with
 * the stored articles, in the caller's transaction, in a fixed number of statements whatever the
 * batch size. Articles in `replacing` had a fingerprint already (their text changed, or they are
 * relinked): their old bands and pairs go first.
 *
 * Concurrent writers: before the candidates are read, a large transaction takes the grouping lock
 * exclusive, a small one takes it shared and locks every band key (a band_locks row, deleted again
 * at once but locked until the commit; see grouping-lock.ts). Of two transactions storing copies of
 * each other, the second waits for the first to commit and then finds its article (READ COMMITTED
 * reads what committed before each statement). Keys are locked in ascending order, so two writers
 * cannot wait for each other.
 */
export async function regroupCopies(
  tx: Db,
  targets: CopyTarget[],
  replacing: number[] = [],
  lock: GroupingLock = groupingLockFor(targets.length),
): Promise<void> {
  if (targets.length === 0) return;
  if (replacing.length > 0) await forgetCopies(tx, replacing);

  const prints = targets.map((t) => ({ ...t, print: copyFingerprint(t.body) }));
  const bandRows = prints.flatMap((p) => p.print.bands.map((k) => ({ k, d: p.publishedOn, a: p.articleId })));

  await lockGrouping(tx, lock);
  if (lock === 'keys') {
    const keys = [...new Set(bandRows.map((row) => row.k))].sort((x, y) => x - y);
    await tx.execute(sql`insert into ${table(bandLocks)} (${column(bandLocks.bandKey)})
      ${recordset({ k: bandLocks.bandKey }, keys.map((k) => ({ k })))} order by 1
      on conflict (${column(bandLocks.bandKey)}) do update set ${column(bandLocks.bandKey)} = excluded.${column(bandLocks.bandKey)}`);
    // The rows are needed only while locked: deleted now, they stay locked until the commit (a writer
    // upserting the same key waits for this transaction, then inserts the key anew), and the table
    // does not keep a row for every band key ever stored (64 an article).
    await tx.execute(sql`delete from ${table(bandLocks)} where ${column(bandLocks.bandKey)} = any(${bigintArray(keys)})`);
  }
  await tx.execute(
    insertRecords(
      articleFingerprints,
      { a: articleFingerprints.articleId, m: articleFingerprints.minhash, s: articleFingerprints.shingles },
      prints.map((p) => ({ a: p.articleId, m: p.print.minhash, s: p.print.shingles })),
    ),
  );
  // The band rows' arrays, written once for both statements that send them.
  const bandSet = numberRecords(BAND_FIELDS, bandRows);
  await tx.execute(insertNumberRecords(articleBands, BAND_FIELDS, bandSet));

  // The candidates of each article: stored articles (these included) sharing a band within the
  // window. A stored article is the candidate of several articles of the batch (20,000 pairs of
  // 4,800 stored articles for 500 synthetic ones): its signature, 128 integers, comes with its first
  // pair only, and as JSON, which the driver parses natively (an integer[] it parses character by
  // character in JavaScript).
  const candidates = await selectRows(
    tx,
    sql`select article, candidate,
               case when row_number() over (partition by candidate) = 1 then array_to_json(f.${column(articleFingerprints.minhash)}) end as minhash,
               f.${column(articleFingerprints.shingles)} as shingles
        from (
          select n.a as article, b.${column(articleBands.articleId)} as candidate,
                 row_number() over (partition by n.a order by count(*) desc, b.${column(articleBands.articleId)}) as rank
          from (${bandSet}) n
          join ${table(articleBands)} b on b.${column(articleBands.bandKey)} = n.k
            and b.${column(articleBands.publishedOn)} between n.d - ${COPY_WINDOW_DAYS}::int and n.d + ${COPY_WINDOW_DAYS}::int
            and b.${column(articleBands.articleId)} <> n.a
          group by n.a, b.${column(articleBands.articleId)}
        ) c
        join ${table(articleFingerprints)} f on f.${column(articleFingerprints.articleId)} = c.candidate
        where c.rank <= ${MAX_CANDIDATES}`,
    { article: col.int, candidate: col.int, minhash: col.nullable(col.ints), shingles: col.int },
  );

  const printOf = new Map(prints.map((p) => [p.articleId, p.print]));
  const pairs = new Map<string, { a: number; c: number; s: number }>();
  const signatures = new Map<number, number[]>();
  for (const { candidate, minhash } of candidates) if (minhash) signatures.set(candidate, minhash);
  for (const { article, candidate, shingles } of candidates) {
    const similarity = copySimilarity(printOf.get(article)!, { minhash: signatures.get(candidate)!, shingles });
    if (similarity < COPY_THRESHOLD) continue;
    pairs.set(`${article}:${candidate}`, { a: article, c: candidate, s: similarity });
    pairs.set(`${candidate}:${article}`, { a: candidate, c: article, s: similarity });
  }
  if (pairs.size === 0) return;
  await tx.execute(sql`${insertNumberRecords(
    articleCopies,
    { a: articleCopies.articleId, c: articleCopies.copyId, s: articleCopies.similarity },
    [...pairs.values()],
  )} on conflict do nothing`);
}

/**
 * Finds the copies of those of the articles that have no fingerprint yet (stored before copies were
 * detected). A relink changes links, not texts: an article with a fingerprint keeps its copies.
 */
export async function fingerprintMissing(tx: Db, targets: CopyTarget[], lock: GroupingLock = groupingLockFor(targets.length)): Promise<void> {
  if (targets.length === 0) return;
  const stored = await selectRows(
    tx,
    sql`select ${column(articleFingerprints.articleId)} as "articleId" from ${table(articleFingerprints)}
        where ${column(articleFingerprints.articleId)} = any(${intArray(targets.map((t) => t.articleId))})`,
    { articleId: col.int },
  );
  const fingerprinted = new Set(stored.map((row) => row.articleId));
  await regroupCopies(tx, targets.filter((t) => !fingerprinted.has(t.articleId)), [], lock);
}

/** Removes the fingerprints, bands and copy pairs of the articles. */
async function forgetCopies(tx: Db, articleIds: number[]): Promise<void> {
  const stored = await selectRows(
    tx,
    sql`delete from ${table(articleFingerprints)} where ${column(articleFingerprints.articleId)} = any(${intArray(articleIds)})
        returning ${column(articleFingerprints.articleId)} as "articleId", ${column(articleFingerprints.minhash)} as minhash`,
    { articleId: col.int, minhash: col.ints },
  );
  const bands = stored.flatMap((row) => bandKeysOf(row.minhash).map((k) => ({ k, a: row.articleId })));
  if (bands.length > 0) {
    await tx.execute(sql`delete from ${table(articleBands)} b
      using (${numberRecords({ k: articleBands.bandKey, a: articleBands.articleId }, bands)}) old
      where b.${column(articleBands.bandKey)} = old.k and b.${column(articleBands.articleId)} = old.a`);
  }
  await tx.execute(sql`delete from ${table(articleCopies)}
    where ${column(articleCopies.articleId)} = any(${intArray(articleIds)}) or ${column(articleCopies.copyId)} = any(${intArray(articleIds)})`);
}


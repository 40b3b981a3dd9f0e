import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actors, articleConflicts, articles, articleStories, conflicts, datePrecision, mentions } from '../db/schema.js';
import { encodeGlobalId } from '../global-id.js';

const a = alias(articles, 'a');
const m = alias(mentions, 'm');
const x = alias(actors, 'x');
const ac = alias(articleConflicts, 'ac');
const c = alias(conflicts, 'c');
const st = alias(articleStories, 'st');

/** An article with its links, as researchers get it from `npm run export`. */
export interface ExportedArticle {
  id: string;
  publishedOn: string;
  datePrecision: 'DAY' | 'MONTH';
  title: string;
  sources: string[];
  body?: string;
  /** The global id of the article's story (as the API's `Story.id`), when asked for; null for an article without one yet. */
  story?: string | null;
  actors: { slug: string; name: string; kind: string; mentions: { start: number; end: number; text: string }[] }[];
  conflicts: { slug: string; name: string; score: number }[];
}

/**
 * Every article with its links, oldest id first, a page at a time: three statements per page and
 * only one page in memory, whatever the size of the corpus.
 */
export async function* readArticles(db: Db, { pageSize = 500, withBody = false, withStory = false } = {}): AsyncGenerator<ExportedArticle> {
  let after = 0;
  for (;;) {
    const page = await selectRows(
      db,
      sql`select ${a.id}, ${a.externalId} as "externalId", ${a.publishedOn}::text as "publishedOn", ${a.datePrecision} as "datePrecision",
            ${a.title}, ${a.sources}, ${withBody ? a.body : sql`null`} as body, ${st.storyId} as story
          from ${table(articles)} a left join ${table(articleStories)} st on ${st.articleId} = ${a.id}
          where ${a.id} > ${after} order by ${a.id} limit ${pageSize}`,
      {
        id: col.int,
        externalId: col.text,
        publishedOn: col.date,
        datePrecision: col.oneOf(datePrecision.enumValues),
        title: col.text,
        sources: col.texts,
        body: col.nullable(col.text),
        story: col.nullable(col.int),
      },
    );
    if (page.length === 0) return;
    const first = page[0]!.id;
    const last = page.at(-1)!.id;
    const actorRows = await selectRows(
      db,
      sql`select ${m.articleId} as "articleId", ${x.slug}, ${x.name}, ${x.kind}, ${m.start}, ${m.end}, ${m.text}
          from ${table(mentions)} m join ${table(actors)} x on ${x.id} = ${m.actorId}
          where ${m.articleId} between ${first} and ${last}
          order by ${m.articleId}, ${m.start}`,
      { articleId: col.int, slug: col.text, name: col.text, kind: col.text, start: col.int, end: col.int, text: col.text },
    );
    const conflictRows = await selectRows(
      db,
      sql`select ${ac.articleId} as "articleId", ${c.slug}, ${c.name}, ${ac.score}
          from ${table(articleConflicts)} ac join ${table(conflicts)} c on ${c.id} = ${ac.conflictId}
          where ${ac.articleId} between ${first} and ${last}
          order by ${ac.articleId}, ${ac.score} desc, ${c.slug}`,
      { articleId: col.int, slug: col.text, name: col.text, score: col.float },
    );
    const actorsOf = groupBy(actorRows);
    const conflictsOf = groupBy(conflictRows);
    for (const row of page) {
      const actors = new Map<string, ExportedArticle['actors'][number]>();
      for (const m of actorsOf.get(row.id) ?? []) {
        let actor = actors.get(m.slug);
        if (!actor) actors.set(m.slug, (actor = { slug: m.slug, name: m.name, kind: m.kind, mentions: [] }));
        actor.mentions.push({ start: m.start, end: m.end, text: m.text });
      }
      yield {
        id: row.externalId,
        publishedOn: row.publishedOn,
        datePrecision: row.datePrecision,
        title: row.title,
        sources: row.sources,
        ...(withBody ? { body: row.body ?? '' } : {}),
        ...(withStory ? { story: row.story === null ? null : encodeGlobalId('Story', row.story) } : {}),
        actors: [...actors.values()],
        conflicts: (conflictsOf.get(row.id) ?? []).map(({ slug, name, score }) => ({ slug, name, score })),
      };
    }
    after = last;
  }
}

function groupBy<T extends { articleId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.articleId);
    if (group) group.push(row);
    else groups.set(row.articleId, [row]);
  }
  return groups;
}

import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

export const actorKind = pgEnum('actor_kind', ['PERSON', 'STATE', 'ORGANIZATION', 'ARMED_GROUP']);
export const conflictKind = pgEnum('conflict_kind', [
  'INTERSTATE_WAR',
  'CIVIL_WAR',
  'INTERNATIONALIZED_CIVIL_WAR',
  'INSURGENCY',
  'DIPLOMATIC_CRISIS',
]);
export const conflictRole = pgEnum('conflict_role', ['BELLIGERENT', 'SUPPORTER', 'MEDIATOR']);
export const datePrecision = pgEnum('date_precision', ['DAY', 'MONTH']);
export const linkMethod = pgEnum('link_method', ['DICTIONARY', 'RULE', 'MANUAL']);
/** CURATED: from the knowledge base or promoted by a curator; PROVISIONAL: named in articles, not yet curated; REJECTED: not an actor. */
export const actorStatus = pgEnum('actor_status', ['CURATED', 'PROVISIONAL', 'REJECTED']);

export const articles = pgTable(
  'articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id').notNull().unique('articles_external_id_key'),
    contentHash: text('content_hash').notNull().unique('articles_content_hash_key'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    raw: text('raw').notNull(),
    sources: text('sources').array().notNull().default(sql`'{}'::text[]`),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    datePrecision: datePrecision('date_precision').notNull(),
    language: text('language').notNull().default('nl'),
    // Title words weigh more than body words in ranking (weight A against B).
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('public.dutch_unaccent', title), 'A') || setweight(to_tsvector('public.dutch_unaccent', body), 'B')`,
      ),
    ingestedAt: timestamp('ingested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Keyset indexes are ascending: ORDER BY … DESC (nulls first, the default) scans them backward.
    // A DESC NULLS LAST index, as `.desc()` makes, matches neither direction's default null order.
    index('articles_published_on_id_idx').on(t.publishedOn, t.id),
    index('articles_search_idx').using('gin', t.search),
    // The sources of an article by id: counting sources over many articles reads this small
    // index alone (an index-only scan), not the wide rows.
    index('articles_id_sources_idx').on(t.id, t.sources),
  ],
);

/**
 * What is kept of an article's clean text to find its copies (see corpus/minhash.ts): its MinHash
 * signature and how many distinct shingles it has. Rewritten whenever the text is.
 */
export const articleFingerprints = pgTable('article_fingerprints', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  minhash: integer('minhash').array().notNull(),
  shingles: integer('shingles').notNull(),
});

/**
 * The LSH bands of every fingerprint: a copy shares at least one band key with its original, and
 * was published within the copy window of it. The key leads the primary key, so finding the
 * candidates of an article is an index lookup per band, whatever the size of the corpus. No foreign
 * key (64 rows an article): rows are deleted by the keys of the stored signature, and lookups join
 * article_fingerprints, which goes with its article.
 */
export const articleBands = pgTable(
  'article_bands',
  {
    bandKey: bigint('band_key', { mode: 'number' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    articleId: integer('article_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.publishedOn, t.articleId] })],
);

/**
 * One row per band key ever stored, locked (by a no-op upsert) by a writer before it looks for
 * candidates: two copies stored at the same time by two transactions share a band key, so the
 * second waits for the first to commit and then finds it.
 */
export const bandLocks = pgTable('band_locks', {
  bandKey: bigint('band_key', { mode: 'number' }).primaryKey(),
});

/** Pairs of articles that are copies of one text, stored in both directions, with their estimated containment. */
export const articleCopies = pgTable(
  'article_copies',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    copyId: integer('copy_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    similarity: real('similarity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.copyId] }), index('article_copies_copy_idx').on(t.copyId)],
);

/** A news event reported by one or more articles (see corpus/stories.ts); its articles are in article_stories. */
export const stories = pgTable('stories', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
});

/**
 * The story of every article, with what the story rule reads of it (hashed conflict slugs and key
 * terms, see corpus/stories.ts), so that a new article is compared with its candidates without
 * reading their texts. Rewritten whenever the article's text or links are.
 */
export const articleStories = pgTable(
  'article_stories',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    conflicts: integer('conflicts').array().notNull(),
    terms: integer('terms').array().notNull(),
  },
  // The articles of a story by date: one index range scan per story, as for a conflict's articles.
  (t) => [index('article_stories_story_idx').on(t.storyId, t.publishedOn, t.articleId)],
);

/**
 * The key terms of every article by term then date: the candidates of an article are the articles
 * sharing a term within the story window, an index lookup per term whatever the size of the corpus.
 * No foreign key (dozens of rows an article), as for article_bands: rows are deleted by the terms
 * stored in article_stories.
 */
export const storyTerms = pgTable(
  'story_terms',
  {
    term: integer('term').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    articleId: integer('article_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.publishedOn, t.articleId] })],
);

/**
 * Row locks on key terms, as band_locks for bands: a writer locks the terms of its articles before
 * it looks for candidates, so two articles of one story stored at the same time (they share a term)
 * are grouped one after the other. Rows, not advisory locks: a batch locks thousands of terms.
 */
export const storyTermLocks = pgTable('story_term_locks', {
  term: integer('term').primaryKey(),
});

export const actors = pgTable(
  'actors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique('actors_slug_key'),
    name: text('name').notNull(),
    nameNl: text('name_nl').notNull(),
    kind: actorKind('kind').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    wikidataId: text('wikidata_id'),
    status: actorStatus('status').notNull().default('CURATED'),
    /** What the articles say the actor is (`Afghanistanspecialist`); null when unknown. */
    description: text('description'),
  },
  (t) => [
    index('actors_name_id_idx').on(t.name, t.id),
    index('actors_kind_idx').on(t.kind),
    // Lists by status (curated only, the curation queue) read a range of this index.
    index('actors_status_name_id_idx').on(t.status, t.name, t.id),
  ],
);

// The names of provisional actors, by the linker's key of the name: how a name found in one article
// links to the same actor in the next. A merge points the key at the actor merged into, a rejection
// leaves it on the rejected actor (whose names then stay unlinked). The primary key is what lets two
// concurrent ingests of the same new name end with one actor.
export const actorNames = pgTable(
  'actor_names',
  {
    key: text('key').primaryKey(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    /** The name as first found. */
    name: text('name').notNull(),
  },
  (t) => [index('actor_names_actor_idx').on(t.actorId)],
);

export const conflicts = pgTable(
  'conflicts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique('conflicts_slug_key'),
    name: text('name').notNull(),
    nameNl: text('name_nl').notNull(),
    kind: conflictKind('kind').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    /** Where the conflict is fought, as Dutch news names the places. */
    places: text('places').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('conflicts_name_id_idx').on(t.name, t.id),
    check('conflicts_dates_check', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

export const conflictActors = pgTable(
  'conflict_actors',
  {
    conflictId: integer('conflict_id')
      .notNull()
      .references(() => conflicts.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: conflictRole('role').notNull(),
    side: text('side'),
  },
  (t) => [
    primaryKey({ name: 'conflict_actors_pkey', columns: [t.conflictId, t.actorId, t.role] }),
    index('conflict_actors_actor_idx').on(t.actorId, t.conflictId),
  ],
);

// published_on is copied from the article onto the link tables so that a page of one
// conflict's (or actor's) articles, newest first, is a single index range scan (backward, on
// the ascending index), and a count per parent an index-only scan.
export const articleConflicts = pgTable(
  'article_conflicts',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    conflictId: integer('conflict_id')
      .notNull()
      .references(() => conflicts.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'article_conflicts_pkey', columns: [t.articleId, t.conflictId] }),
    index('article_conflicts_conflict_idx').on(t.conflictId, t.publishedOn, t.articleId),
    check('article_conflicts_score_check', sql`${t.score} > 0 and ${t.score} <= 1`),
  ],
);

export const articleActors = pgTable(
  'article_actors',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    mentionCount: integer('mention_count').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'article_actors_pkey', columns: [t.articleId, t.actorId] }),
    index('article_actors_actor_idx').on(t.actorId, t.publishedOn, t.articleId),
    check('article_actors_mention_count_check', sql`${t.mentionCount} > 0`),
  ],
);

export const mentions = pgTable(
  'mentions',
  {
    articleId: integer('article_id').notNull(),
    actorId: integer('actor_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    // Rows from before provenance was kept get the defaults until the start-up relink replaces them.
    method: linkMethod('method').notNull().default('DICTIONARY'),
    confidence: real('confidence').notNull().default(1),
  },
  (t) => [
    primaryKey({ name: 'mentions_pkey', columns: [t.articleId, t.start] }),
    foreignKey({
      name: 'mentions_article_actor_fkey',
      columns: [t.articleId, t.actorId],
      foreignColumns: [articleActors.articleId, articleActors.actorId],
    }).onDelete('cascade'),
    index('mentions_article_actor_idx').on(t.articleId, t.actorId),
    check('mentions_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
  ],
);

// Names that look like actors but are not in the knowledge base: what curators add next.
export const unlinkedMentions = pgTable(
  'unlinked_mentions',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    /** The text with white space folded, so that the same name groups together. */
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ name: 'unlinked_mentions_pkey', columns: [t.articleId, t.start] }),
    index('unlinked_mentions_name_idx').on(t.name, t.articleId),
    check('unlinked_mentions_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
  ],
);

/** Small facts about the database itself, such as the fingerprint of the knowledge base its links were made with. */
// Places of the gazetteer that articles name (src/linking/gazetteer.ts), stored when first named.
export const placeKind = pgEnum('place_kind', ['CITY', 'REGION', 'AREA', 'COUNTRY']);

export const places = pgTable(
  'places',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The gazetteer's id: `geonames:1138958`, `admin1:UA.11`, `area:donbas`. */
    key: text('key').notNull().unique('places_key_key'),
    kind: placeKind('kind').notNull(),
    name: text('name').notNull(),
    nameNl: text('name_nl'),
    country: text('country'),
    admin1: text('admin1'),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    population: integer('population').notNull(),
    geonameId: integer('geoname_id'),
  },
  (t) => [
    index('places_latitude_longitude_idx').on(t.latitude, t.longitude),
    check('places_latitude_check', sql`${t.latitude} between -90 and 90`),
    check('places_longitude_check', sql`${t.longitude} between -180 and 180`),
  ],
);

export const articlePlaces = pgTable(
  'article_places',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    mentionCount: integer('mention_count').notNull(),
    /** The surest of its mentions. */
    confidence: real('confidence').notNull(),
    // The article's date, copied so that a place's articles page newest first along the index, as for actors.
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'article_places_pkey', columns: [t.articleId, t.placeId] }),
    index('article_places_place_idx').on(t.placeId, t.publishedOn, t.articleId),
  ],
);

export const placeMentions = pgTable(
  'place_mentions',
  {
    articleId: integer('article_id').notNull(),
    placeId: integer('place_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    method: linkMethod('method').notNull(),
    confidence: real('confidence').notNull(),
  },
  (t) => [
    primaryKey({ name: 'place_mentions_pkey', columns: [t.articleId, t.start] }),
    foreignKey({
      name: 'place_mentions_article_place_fkey',
      columns: [t.articleId, t.placeId],
      foreignColumns: [articlePlaces.articleId, articlePlaces.placeId],
    }).onDelete('cascade'),
    check('place_mentions_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`),
  ],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Offices and roles an actor held, with their dates (PETRARCH style); from the knowledge base. */
export const actorRoles = pgTable(
  'actor_roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The state or organisation the role is held for. */
    forActorId: integer('for_actor_id').references(() => actors.id, { onDelete: 'set null' }),
    code: text('code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('actor_roles_actor_idx').on(t.actorId, t.validFrom)],
);

export const entityKind = pgEnum('entity_kind', ['ACTOR', 'CONFLICT']);

// Autocomplete: every name of an actor or conflict, folded (lower case, no accents), once from
// each word start, so that a prefix of any word is an index range scan.
export const nameKeys = pgTable(
  'name_keys',
  {
    entityKind: entityKind('entity_kind').notNull(),
    entityId: integer('entity_id').notNull(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    /** 0 when the key is the start of the name, else the word position it starts at. */
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ name: 'name_keys_pkey', columns: [t.entityKind, t.entityId, t.name, t.key] }),
    index('name_keys_prefix_idx').on(t.entityKind, t.key.op('text_pattern_ops')),
  ],
);

// Precomputed aggregates. Triggers on articles, article_actors and article_conflicts keep them
// fresh in the writing transaction (see the aggregate migrations); nothing else writes them. They
// are derived data, so they carry no foreign keys: counts fall to zero (and the row goes) when the
// links they count are deleted.

/** What the aggregates count for each article: its date, actors (with mention counts) and conflicts. */
export const aggregatedArticles = pgTable('aggregated_articles', {
  articleId: integer('article_id').primaryKey(),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  actorIds: integer('actor_ids').array().notNull(),
  mentionCounts: integer('mention_counts').array().notNull(),
  conflictIds: integer('conflict_ids').array().notNull(),
});

/** Articles changed in the running transaction whose counts are brought up to date at commit. */
export const aggregateQueue = pgTable('aggregate_queue', {
  articleId: integer('article_id').primaryKey(),
});

/**
 * Articles stored by a bulk load whose counts are brought up to date at the end of the load, not at
 * each batch's commit (see ingest/backlog.ts); what a killed load leaves here, the next one counts.
 */
export const aggregateBacklog = pgTable('aggregate_backlog', {
  articleId: integer('article_id').primaryKey(),
});

/** Articles per month of publication (the first day of the month), for the whole corpus. */
export const corpusMonthCounts = pgTable('corpus_month_counts', {
  month: date('month', { mode: 'string' }).primaryKey(),
  articleCount: integer('article_count').notNull(),
});

/** Articles per conflict and month. */
export const conflictMonthCounts = pgTable(
  'conflict_month_counts',
  {
    conflictId: integer('conflict_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [primaryKey({ name: 'conflict_month_counts_pkey', columns: [t.conflictId, t.month] })],
);

/** Articles per actor and month. */
export const actorMonthCounts = pgTable(
  'actor_month_counts',
  {
    actorId: integer('actor_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [primaryKey({ name: 'actor_month_counts_pkey', columns: [t.actorId, t.month] })],
);

/**
 * Articles per conflict over all time, in slots as actor_pair_counts (each recount adds to the
 * slot it holds, so that writers on different months of a conflict never share a row; a slot's
 * part may be negative). Summed in the view conflict_totals: a conflict's total is a few rows
 * instead of a sum over its months (migration 0019).
 */
export const conflictCounts = pgTable(
  'conflict_counts',
  {
    conflictId: integer('conflict_id').notNull(),
    slot: smallint('slot').notNull(),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [primaryKey({ name: 'conflict_counts_pkey', columns: [t.conflictId, t.slot] })],
);

/** Each conflict's articles: its slots of conflict_counts summed (a view of migration 0019); conflicts without articles have no row. */
export const conflictTotals = pgView('conflict_totals', {
  conflictId: integer('conflict_id').notNull(),
  articleCount: integer('article_count').notNull(),
}).existing();

/** Articles per actor over all time, in slots (as conflict_counts). */
export const actorCounts = pgTable(
  'actor_counts',
  {
    actorId: integer('actor_id').notNull(),
    slot: smallint('slot').notNull(),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [primaryKey({ name: 'actor_counts_pkey', columns: [t.actorId, t.slot] })],
);

/** Each actor's articles: its slots of actor_counts summed (a view of migration 0019); actors without articles have no row. */
export const actorTotals = pgView('actor_totals', {
  actorId: integer('actor_id').notNull(),
  articleCount: integer('article_count').notNull(),
}).existing();

/** Articles on a conflict that mention an actor: how many, the mentions in them, the first and latest date. */
export const conflictActorCounts = pgTable(
  'conflict_actor_counts',
  {
    conflictId: integer('conflict_id').notNull(),
    actorId: integer('actor_id').notNull(),
    articleCount: integer('article_count').notNull(),
    mentionCount: integer('mention_count').notNull(),
    firstOn: date('first_on', { mode: 'string' }).notNull(),
    lastOn: date('last_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'conflict_actor_counts_pkey', columns: [t.conflictId, t.actorId] }),
    index('conflict_actor_counts_actor_idx').on(t.actorId, t.conflictId),
  ],
);

/**
 * Articles that mention both actors of a pair, each pair once (the lower id first), in parts: each
 * writer adds to the rows of a slot no other open transaction holds (see migration 0013), so two
 * writers never wait for each other on a pair. A pair's count is the sum over its slots (the view
 * actor_pair_totals); a slot's part may be negative.
 */
export const actorPairCounts = pgTable(
  'actor_pair_counts',
  {
    actorId: integer('actor_id').notNull(),
    otherId: integer('other_id').notNull(),
    slot: smallint('slot').notNull().default(0),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'actor_pair_counts_pkey', columns: [t.actorId, t.otherId, t.slot] }),
    index('actor_pair_counts_other_idx').on(t.otherId, t.actorId),
    check('actor_pair_counts_order_check', sql`${t.actorId} < ${t.otherId}`),
  ],
);

/** Each pair's articles: its slots of actor_pair_counts summed (a view of migration 0013, which creates it). */
export const actorPairTotals = pgView('actor_pair_totals', {
  actorId: integer('actor_id').notNull(),
  otherId: integer('other_id').notNull(),
  articleCount: integer('article_count').notNull(),
}).existing();

/** Articles on a conflict that mention both actors of a pair, in slots as actor_pair_counts (summed in conflict_actor_pair_totals). */
export const conflictActorPairCounts = pgTable(
  'conflict_actor_pair_counts',
  {
    conflictId: integer('conflict_id').notNull(),
    actorId: integer('actor_id').notNull(),
    otherId: integer('other_id').notNull(),
    slot: smallint('slot').notNull().default(0),
    articleCount: integer('article_count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'conflict_actor_pair_counts_pkey', columns: [t.conflictId, t.actorId, t.otherId, t.slot] }),
    index('conflict_actor_pair_counts_other_idx').on(t.conflictId, t.otherId, t.actorId),
    check('conflict_actor_pair_counts_order_check', sql`${t.actorId} < ${t.otherId}`),
  ],
);

/** Each pair's articles on a conflict: its slots of conflict_actor_pair_counts summed (a view the migrations create). */
export const conflictActorPairTotals = pgView('conflict_actor_pair_totals', {
  conflictId: integer('conflict_id').notNull(),
  actorId: integer('actor_id').notNull(),
  otherId: integer('other_id').notNull(),
  articleCount: integer('article_count').notNull(),
}).existing();

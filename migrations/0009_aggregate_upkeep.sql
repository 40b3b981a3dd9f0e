-- Keeps the *_counts tables equal to a count from scratch, in the writing transaction.
-- Statement triggers (with transition tables) on articles, article_actors and article_conflicts
-- queue the ids of the articles each statement touched; at commit one deferred trigger recounts
-- the queued articles: what aggregated_articles says was counted for them is subtracted, what
-- the tables hold now is added. Diffing against that ledger rather than against a statement's
-- old rows keeps the counts right however the writes come: links before or after each other,
-- both link tables in one statement, cascades from a deleted article, relinks.

-- The counters are updated in place all the time: room on each page lets an update stay on its
-- page (a HOT update) without touching the indexes.
ALTER TABLE actor_month_counts SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE conflict_actor_counts SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE actor_pair_counts SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE conflict_actor_pair_counts SET (fillfactor = 70);
--> statement-breakpoint
-- Calendar month of a date; through timestamp, so that the session's time zone plays no part.
CREATE FUNCTION month_start(day date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', day::timestamp)::date $$;
--> statement-breakpoint
-- The facts of two sets of articles with a sign: -1 for what was counted, +1 for what is there now.
CREATE FUNCTION aggregate_signed(counted aggregated_articles[], present aggregated_articles[])
  RETURNS TABLE (article_id int, published_on date, actor_ids int[], mention_counts int[], conflict_ids int[], sign int)
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT c.article_id, c.published_on, c.actor_ids, c.mention_counts, c.conflict_ids, -1 FROM unnest(counted) c
  UNION ALL
  SELECT p.article_id, p.published_on, p.actor_ids, p.mention_counts, p.conflict_ids, 1 FROM unnest(present) p
$$;
--> statement-breakpoint
-- Brings the counts of the given articles up to date (also used to fill the tables below).
CREATE FUNCTION aggregates_recount(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counted aggregated_articles[];
  present aggregated_articles[];
BEGIN
  -- Writers recount one at a time (until they commit): two ingests adding to the same hot
  -- counters (the United States, this month) in different orders would deadlock. Every
  -- statement below then sees what the writers before committed.
  PERFORM pg_advisory_xact_lock(720531915);
  WITH gone AS (DELETE FROM aggregated_articles WHERE article_id = ANY (ids) RETURNING *)
  SELECT coalesce(array_agg(ROW (g.article_id, g.published_on, g.actor_ids, g.mention_counts, g.conflict_ids)::aggregated_articles), '{}')
    INTO counted FROM gone g;
  SELECT coalesce(array_agg(ROW (a.id, a.published_on, coalesce(l.actor_ids, '{}'), coalesce(l.mention_counts, '{}'),
                                 coalesce(c.conflict_ids, '{}'))::aggregated_articles), '{}')
    INTO present
    FROM articles a
    LEFT JOIN LATERAL (SELECT array_agg(x.actor_id ORDER BY x.actor_id) AS actor_ids,
                              array_agg(x.mention_count ORDER BY x.actor_id) AS mention_counts
                       FROM article_actors x WHERE x.article_id = a.id) l ON true
    LEFT JOIN LATERAL (SELECT array_agg(y.conflict_id ORDER BY y.conflict_id) AS conflict_ids
                       FROM article_conflicts y WHERE y.article_id = a.id) c ON true
    WHERE a.id = ANY (ids);
  INSERT INTO aggregated_articles SELECT * FROM unnest(present);

  -- The MERGE sources hold one row per key (grouped) and only keys whose counts change.
  MERGE INTO corpus_month_counts t
  USING (SELECT month_start(f.published_on) AS month, sum(f.sign)::int AS n
         FROM aggregate_signed(counted, present) f GROUP BY 1 HAVING sum(f.sign) <> 0) d
  ON t.month = d.month
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n
  WHEN NOT MATCHED THEN INSERT (month, article_count) VALUES (d.month, d.n);

  MERGE INTO conflict_month_counts t
  USING (SELECT c.id AS conflict_id, month_start(f.published_on) AS month, sum(f.sign)::int AS n
         FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id) GROUP BY 1, 2 HAVING sum(f.sign) <> 0) d
  ON t.conflict_id = d.conflict_id AND t.month = d.month
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n
  WHEN NOT MATCHED THEN INSERT (conflict_id, month, article_count) VALUES (d.conflict_id, d.month, d.n);

  MERGE INTO actor_month_counts t
  USING (SELECT x.id AS actor_id, month_start(f.published_on) AS month, sum(f.sign)::int AS n
         FROM aggregate_signed(counted, present) f, unnest(f.actor_ids) x(id) GROUP BY 1, 2 HAVING sum(f.sign) <> 0) d
  ON t.actor_id = d.actor_id AND t.month = d.month
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n
  WHEN NOT MATCHED THEN INSERT (actor_id, month, article_count) VALUES (d.actor_id, d.month, d.n);

  MERGE INTO conflict_actor_counts t
  USING (SELECT c.id AS conflict_id, x.id AS actor_id, sum(f.sign)::int AS n, sum(f.sign * x.mentions)::int AS mentions,
                min(f.published_on) FILTER (WHERE f.sign > 0) AS first_on, max(f.published_on) FILTER (WHERE f.sign > 0) AS last_on
         FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id), unnest(f.actor_ids, f.mention_counts) x(id, mentions)
         GROUP BY 1, 2
         HAVING sum(f.sign) <> 0 OR sum(f.sign * x.mentions) <> 0
             OR min(f.published_on) FILTER (WHERE f.sign > 0) IS DISTINCT FROM min(f.published_on) FILTER (WHERE f.sign < 0)
             OR max(f.published_on) FILTER (WHERE f.sign > 0) IS DISTINCT FROM max(f.published_on) FILTER (WHERE f.sign < 0)) d
  ON t.conflict_id = d.conflict_id AND t.actor_id = d.actor_id
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n, mention_count = t.mention_count + d.mentions,
    first_on = least(t.first_on, d.first_on), last_on = greatest(t.last_on, d.last_on)
  WHEN NOT MATCHED THEN INSERT (conflict_id, actor_id, article_count, mention_count, first_on, last_on)
    VALUES (d.conflict_id, d.actor_id, d.n, d.mentions, d.first_on, d.last_on);

  -- Adding widens first_on and last_on; a removed article that held one of them (and that no
  -- added article holds again) leaves it to be recounted from the links. Rare: it takes the
  -- first or the latest article of a conflict and actor.
  UPDATE conflict_actor_counts t SET first_on = b.first_on, last_on = b.last_on
  FROM (SELECT k.conflict_id, k.actor_id, min(l.published_on) AS first_on, max(l.published_on) AS last_on
        FROM (SELECT c.id AS conflict_id, x.id AS actor_id,
                     min(f.published_on) FILTER (WHERE f.sign < 0) AS gone_first, max(f.published_on) FILTER (WHERE f.sign < 0) AS gone_last,
                     min(f.published_on) FILTER (WHERE f.sign > 0) AS new_first, max(f.published_on) FILTER (WHERE f.sign > 0) AS new_last
              FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id), unnest(f.actor_ids) x(id)
              GROUP BY 1, 2) k
        JOIN conflict_actor_counts m ON m.conflict_id = k.conflict_id AND m.actor_id = k.actor_id
        JOIN article_actors l ON l.actor_id = k.actor_id
        JOIN article_conflicts ac ON ac.article_id = l.article_id AND ac.conflict_id = k.conflict_id
        WHERE (k.gone_first = m.first_on AND (k.new_first IS NULL OR k.new_first > k.gone_first))
           OR (k.gone_last = m.last_on AND (k.new_last IS NULL OR k.new_last < k.gone_last))
        GROUP BY 1, 2) b
  WHERE t.conflict_id = b.conflict_id AND t.actor_id = b.actor_id;

  MERGE INTO actor_pair_counts t
  USING (SELECT x.id AS actor_id, y.id AS other_id, sum(f.sign)::int AS n
         FROM aggregate_signed(counted, present) f, unnest(f.actor_ids) x(id), unnest(f.actor_ids) y(id)
         WHERE x.id < y.id GROUP BY 1, 2 HAVING sum(f.sign) <> 0) d
  ON t.actor_id = d.actor_id AND t.other_id = d.other_id
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n
  WHEN NOT MATCHED THEN INSERT (actor_id, other_id, article_count) VALUES (d.actor_id, d.other_id, d.n);

  MERGE INTO conflict_actor_pair_counts t
  USING (SELECT c.id AS conflict_id, x.id AS actor_id, y.id AS other_id, sum(f.sign)::int AS n
         FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id), unnest(f.actor_ids) x(id), unnest(f.actor_ids) y(id)
         WHERE x.id < y.id GROUP BY 1, 2, 3 HAVING sum(f.sign) <> 0) d
  ON t.conflict_id = d.conflict_id AND t.actor_id = d.actor_id AND t.other_id = d.other_id
  WHEN MATCHED AND t.article_count + d.n = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET article_count = t.article_count + d.n
  WHEN NOT MATCHED THEN INSERT (conflict_id, actor_id, other_id, article_count) VALUES (d.conflict_id, d.actor_id, d.other_id, d.n);
END;
$$;
--> statement-breakpoint
-- Queues the articles a statement touched. Transition tables name them by id on articles and by
-- article_id on the link tables; a DELETE trigger has no new_rows and an INSERT trigger no old_rows.
CREATE FUNCTION aggregates_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'articles' THEN
    IF TG_OP <> 'DELETE' THEN INSERT INTO aggregate_queue SELECT DISTINCT id FROM new_rows ON CONFLICT DO NOTHING; END IF;
    IF TG_OP <> 'INSERT' THEN INSERT INTO aggregate_queue SELECT DISTINCT id FROM old_rows ON CONFLICT DO NOTHING; END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN INSERT INTO aggregate_queue SELECT DISTINCT article_id FROM new_rows ON CONFLICT DO NOTHING; END IF;
    IF TG_OP <> 'INSERT' THEN INSERT INTO aggregate_queue SELECT DISTINCT article_id FROM old_rows ON CONFLICT DO NOTHING; END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- TRUNCATE names no rows: every counted article is recounted.
CREATE FUNCTION aggregates_enqueue_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO aggregate_queue SELECT article_id FROM aggregated_articles ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Fires at commit once per queued article: the first call recounts every queued article, the
-- others find their row gone (a primary-key probe) and return.
CREATE FUNCTION aggregates_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids int[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM aggregate_queue WHERE article_id = NEW.article_id) THEN RETURN NULL; END IF;
  WITH taken AS (DELETE FROM aggregate_queue RETURNING article_id) SELECT array_agg(article_id) INTO ids FROM taken;
  PERFORM aggregates_recount(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER aggregate_queue_flush AFTER INSERT ON aggregate_queue
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION aggregates_flush();
--> statement-breakpoint
CREATE TRIGGER articles_aggregates_insert AFTER INSERT ON articles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER articles_aggregates_update AFTER UPDATE ON articles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER articles_aggregates_delete AFTER DELETE ON articles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER articles_aggregates_truncate AFTER TRUNCATE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue_all();
--> statement-breakpoint
CREATE TRIGGER article_actors_aggregates_insert AFTER INSERT ON article_actors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_actors_aggregates_update AFTER UPDATE ON article_actors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_actors_aggregates_delete AFTER DELETE ON article_actors
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_actors_aggregates_truncate AFTER TRUNCATE ON article_actors
  FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue_all();
--> statement-breakpoint
CREATE TRIGGER article_conflicts_aggregates_insert AFTER INSERT ON article_conflicts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_conflicts_aggregates_update AFTER UPDATE ON article_conflicts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_conflicts_aggregates_delete AFTER DELETE ON article_conflicts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue();
--> statement-breakpoint
CREATE TRIGGER article_conflicts_aggregates_truncate AFTER TRUNCATE ON article_conflicts
  FOR EACH STATEMENT EXECUTE FUNCTION aggregates_enqueue_all();
--> statement-breakpoint
-- Count the articles already stored, 10,000 at a time. The triggers above hold locks that keep
-- writers out until this migration commits, so nothing is counted twice or missed.
DO $$
DECLARE
  lo int := 0;
  hi int;
BEGIN
  LOOP
    SELECT max(id) INTO hi FROM (SELECT id FROM articles WHERE id > lo ORDER BY id LIMIT 10000) batch;
    EXIT WHEN hi IS NULL;
    PERFORM aggregates_recount(array(SELECT id FROM articles WHERE id > lo AND id <= hi));
    lo := hi;
  END LOOP;
END;
$$;

CREATE TABLE "actor_counts" (
	"actor_id" integer NOT NULL,
	"slot" smallint NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "actor_counts_pkey" PRIMARY KEY("actor_id","slot")
);
--> statement-breakpoint
CREATE TABLE "conflict_counts" (
	"conflict_id" integer NOT NULL,
	"slot" smallint NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "conflict_counts_pkey" PRIMARY KEY("conflict_id","slot")
);
--> statement-breakpoint
-- The articles of each actor and conflict over all time, kept beside their month counts: a list's
-- totalCount, the ARTICLE_COUNT order, facets and the co-actor measures read a few rows per entity
-- instead of summing its months (the ARTICLE_COUNT order summed every conflict_month_counts row,
-- some 10,000 on 100,000 articles, for each page). In slots, as the pairs (0013): a total is
-- shared by all months, and writers on different months must not wait for each other on it.
CREATE VIEW actor_totals AS
  SELECT actor_id, sum(article_count)::int AS article_count
  FROM actor_counts GROUP BY actor_id HAVING sum(article_count) <> 0;
--> statement-breakpoint
CREATE VIEW conflict_totals AS
  SELECT conflict_id, sum(article_count)::int AS article_count
  FROM conflict_counts GROUP BY conflict_id HAVING sum(article_count) <> 0;
--> statement-breakpoint
-- The exclusive recount lock (0015) waits for the recounts in flight and holds new ones back until
-- this commits, so none runs the old recount once the totals are counted. They are counted from
-- the month counts, as the recount's ledger (aggregated_articles) has it: articles still in
-- aggregate_backlog are added by their recount, as to the months.
SELECT pg_advisory_xact_lock(720531917);
--> statement-breakpoint
INSERT INTO actor_counts (actor_id, slot, article_count)
  SELECT actor_id, 0, sum(article_count)::int FROM actor_month_counts GROUP BY actor_id HAVING sum(article_count) <> 0 ORDER BY actor_id;
--> statement-breakpoint
INSERT INTO conflict_counts (conflict_id, slot, article_count)
  SELECT conflict_id, 0, sum(article_count)::int FROM conflict_month_counts GROUP BY conflict_id HAVING sum(article_count) <> 0 ORDER BY conflict_id;
--> statement-breakpoint
-- 0015's recount with the totals.
CREATE OR REPLACE FUNCTION aggregates_recount(ids int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counted aggregated_articles[];
  present aggregated_articles[];
  article int;
  zero_conflicts int[];
  zero_actors int[];
  zero_others int[];
  zero_months date[];
  my_slot smallint;
BEGIN
  IF cardinality(ids) > 1000 THEN
    PERFORM pg_advisory_xact_lock(720531917);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(720531917);
    FOR article IN SELECT DISTINCT k FROM unnest(ids) k ORDER BY k LOOP
      PERFORM pg_advisory_xact_lock(720531915, article);
    END LOOP;
  END IF;
  -- The first slot no other open transaction holds (an advisory lock held to commit); only when
  -- all 8 are taken, wait for one. Taken after the articles' locks, before any counter row.
  FOR s IN 0 .. 7 LOOP
    IF pg_try_advisory_xact_lock(720531916, s) THEN
      my_slot := s;
      EXIT;
    END IF;
  END LOOP;
  IF my_slot IS NULL THEN
    my_slot := (pg_backend_pid() % 8)::smallint;
    PERFORM pg_advisory_xact_lock(720531916, my_slot);
  END IF;
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

  -- Each source holds one row per key (grouped), only keys whose counts change, in key order. A
  -- counter that reaches zero is deleted by the statement after (its row is locked already).
  -- The pairs go to this transaction's slot: rows no other open writer holds.
  WITH d AS (
    INSERT INTO conflict_actor_pair_counts AS t (conflict_id, actor_id, other_id, slot, article_count)
    SELECT c.id, x.id, y.id, my_slot, sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id), unnest(f.actor_ids) x(id), unnest(f.actor_ids) y(id)
    WHERE x.id < y.id GROUP BY 1, 2, 3 HAVING sum(f.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (conflict_id, actor_id, other_id, slot) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.conflict_id, t.actor_id, t.other_id, t.article_count)
  SELECT array_agg(d.conflict_id), array_agg(d.actor_id), array_agg(d.other_id)
    INTO zero_conflicts, zero_actors, zero_others FROM d WHERE d.article_count = 0;
  DELETE FROM conflict_actor_pair_counts t USING unnest(zero_conflicts, zero_actors, zero_others) z(conflict_id, actor_id, other_id)
    WHERE t.conflict_id = z.conflict_id AND t.actor_id = z.actor_id AND t.other_id = z.other_id AND t.slot = my_slot;

  WITH d AS (
    INSERT INTO actor_pair_counts AS t (actor_id, other_id, slot, article_count)
    SELECT x.id, y.id, my_slot, sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.actor_ids) x(id), unnest(f.actor_ids) y(id)
    WHERE x.id < y.id GROUP BY 1, 2 HAVING sum(f.sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (actor_id, other_id, slot) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.actor_id, t.other_id, t.article_count)
  SELECT array_agg(d.actor_id), array_agg(d.other_id) INTO zero_actors, zero_others FROM d WHERE d.article_count = 0;
  DELETE FROM actor_pair_counts t USING unnest(zero_actors, zero_others) z(actor_id, other_id)
    WHERE t.actor_id = z.actor_id AND t.other_id = z.other_id AND t.slot = my_slot;

  -- Adding widens first_on and last_on (a row new to the table takes the dates as they come;
  -- 'infinity' stands in where only removals meet a key, and least/greatest then keep the row's).
  WITH d AS (
    INSERT INTO conflict_actor_counts AS t (conflict_id, actor_id, article_count, mention_count, first_on, last_on)
    SELECT c.id, x.id, sum(f.sign)::int, sum(f.sign * x.mentions)::int,
           coalesce(min(f.published_on) FILTER (WHERE f.sign > 0), 'infinity'),
           coalesce(max(f.published_on) FILTER (WHERE f.sign > 0), '-infinity')
    FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id), unnest(f.actor_ids, f.mention_counts) x(id, mentions)
    GROUP BY 1, 2
    HAVING sum(f.sign) <> 0 OR sum(f.sign * x.mentions) <> 0
        OR min(f.published_on) FILTER (WHERE f.sign > 0) IS DISTINCT FROM min(f.published_on) FILTER (WHERE f.sign < 0)
        OR max(f.published_on) FILTER (WHERE f.sign > 0) IS DISTINCT FROM max(f.published_on) FILTER (WHERE f.sign < 0)
    ORDER BY 1, 2
    ON CONFLICT (conflict_id, actor_id) DO UPDATE SET article_count = t.article_count + excluded.article_count,
      mention_count = t.mention_count + excluded.mention_count,
      first_on = least(t.first_on, excluded.first_on), last_on = greatest(t.last_on, excluded.last_on)
    RETURNING t.conflict_id, t.actor_id, t.article_count)
  SELECT array_agg(d.conflict_id), array_agg(d.actor_id) INTO zero_conflicts, zero_actors FROM d WHERE d.article_count = 0;
  DELETE FROM conflict_actor_counts t USING unnest(zero_conflicts, zero_actors) z(conflict_id, actor_id)
    WHERE t.conflict_id = z.conflict_id AND t.actor_id = z.actor_id;

  -- A removed article that held the first or the latest date of a conflict and actor (and that no
  -- added article holds again) leaves it to be recounted from the links. Rare; these rows were
  -- locked by the statement before.
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

  WITH d AS (
    INSERT INTO actor_month_counts AS t (actor_id, month, article_count)
    SELECT x.id, month_start(f.published_on), sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.actor_ids) x(id) GROUP BY 1, 2 HAVING sum(f.sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (actor_id, month) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.actor_id, t.month, t.article_count)
  SELECT array_agg(d.actor_id), array_agg(d.month) INTO zero_actors, zero_months FROM d WHERE d.article_count = 0;
  DELETE FROM actor_month_counts t USING unnest(zero_actors, zero_months) z(actor_id, month)
    WHERE t.actor_id = z.actor_id AND t.month = z.month;

  WITH d AS (
    INSERT INTO conflict_month_counts AS t (conflict_id, month, article_count)
    SELECT c.id, month_start(f.published_on), sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id) GROUP BY 1, 2 HAVING sum(f.sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (conflict_id, month) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.conflict_id, t.month, t.article_count)
  SELECT array_agg(d.conflict_id), array_agg(d.month) INTO zero_conflicts, zero_months FROM d WHERE d.article_count = 0;
  DELETE FROM conflict_month_counts t USING unnest(zero_conflicts, zero_months) z(conflict_id, month)
    WHERE t.conflict_id = z.conflict_id AND t.month = z.month;

  -- Each actor's and conflict's articles over all time, the month counts' deltas summed per key,
  -- in this transaction's slot (as the pairs): writers on other months never share these rows.
  WITH d AS (
    INSERT INTO actor_counts AS t (actor_id, slot, article_count)
    SELECT x.id, my_slot, sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.actor_ids) x(id) GROUP BY 1 HAVING sum(f.sign) <> 0 ORDER BY 1
    ON CONFLICT (actor_id, slot) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.actor_id, t.article_count)
  SELECT array_agg(d.actor_id) INTO zero_actors FROM d WHERE d.article_count = 0;
  DELETE FROM actor_counts t WHERE t.actor_id = ANY (zero_actors) AND t.slot = my_slot;

  WITH d AS (
    INSERT INTO conflict_counts AS t (conflict_id, slot, article_count)
    SELECT c.id, my_slot, sum(f.sign)::int
    FROM aggregate_signed(counted, present) f, unnest(f.conflict_ids) c(id) GROUP BY 1 HAVING sum(f.sign) <> 0 ORDER BY 1
    ON CONFLICT (conflict_id, slot) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.conflict_id, t.article_count)
  SELECT array_agg(d.conflict_id) INTO zero_conflicts FROM d WHERE d.article_count = 0;
  DELETE FROM conflict_counts t WHERE t.conflict_id = ANY (zero_conflicts) AND t.slot = my_slot;

  WITH d AS (
    INSERT INTO corpus_month_counts AS t (month, article_count)
    SELECT month_start(f.published_on), sum(f.sign)::int
    FROM aggregate_signed(counted, present) f GROUP BY 1 HAVING sum(f.sign) <> 0 ORDER BY 1
    ON CONFLICT (month) DO UPDATE SET article_count = t.article_count + excluded.article_count
    RETURNING t.month, t.article_count)
  SELECT array_agg(d.month) INTO zero_months FROM d WHERE d.article_count = 0;
  DELETE FROM corpus_month_counts t WHERE t.month = ANY (zero_months);
END;
$$;

ALTER TABLE "articles" drop column "search";--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('public.dutch_unaccent', title), 'A') || setweight(to_tsvector('public.dutch_unaccent', body), 'B')) STORED NOT NULL;--> statement-breakpoint
-- Dropping the column dropped its index; the snapshot still has it, so it is made again here.
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");

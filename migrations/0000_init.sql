CREATE TYPE "public"."actor_kind" AS ENUM('PERSON', 'STATE', 'ORGANIZATION', 'ARMED_GROUP');--> statement-breakpoint
CREATE TYPE "public"."conflict_kind" AS ENUM('INTERSTATE_WAR', 'CIVIL_WAR', 'INTERNATIONALIZED_CIVIL_WAR', 'INSURGENCY', 'DIPLOMATIC_CRISIS');--> statement-breakpoint
CREATE TYPE "public"."conflict_role" AS ENUM('BELLIGERENT', 'SUPPORTER', 'MEDIATOR');--> statement-breakpoint
CREATE TYPE "public"."date_precision" AS ENUM('DAY', 'MONTH');--> statement-breakpoint
CREATE TABLE "actors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_nl" text NOT NULL,
	"kind" "actor_kind" NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"wikidata_id" text,
	CONSTRAINT "actors_slug_key" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "article_actors" (
	"article_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"mention_count" integer NOT NULL,
	"published_on" date NOT NULL,
	CONSTRAINT "article_actors_pkey" PRIMARY KEY("article_id","actor_id"),
	CONSTRAINT "article_actors_mention_count_check" CHECK ("article_actors"."mention_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "article_conflicts" (
	"article_id" integer NOT NULL,
	"conflict_id" integer NOT NULL,
	"score" real NOT NULL,
	"published_on" date NOT NULL,
	CONSTRAINT "article_conflicts_pkey" PRIMARY KEY("article_id","conflict_id"),
	CONSTRAINT "article_conflicts_score_check" CHECK ("article_conflicts"."score" > 0 and "article_conflicts"."score" <= 1)
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"external_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"raw" text NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_on" date NOT NULL,
	"date_precision" date_precision NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', body), 'B')) STORED NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_external_id_key" UNIQUE("external_id"),
	CONSTRAINT "articles_content_hash_key" UNIQUE("content_hash")
);
--> statement-breakpoint
CREATE TABLE "conflict_actors" (
	"conflict_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"role" "conflict_role" NOT NULL,
	"side" text,
	CONSTRAINT "conflict_actors_pkey" PRIMARY KEY("conflict_id","actor_id","role")
);
--> statement-breakpoint
CREATE TABLE "conflicts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conflicts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_nl" text NOT NULL,
	"kind" "conflict_kind" NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	CONSTRAINT "conflicts_slug_key" UNIQUE("slug"),
	CONSTRAINT "conflicts_dates_check" CHECK ("conflicts"."ended_on" is null or "conflicts"."ended_on" >= "conflicts"."started_on")
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"article_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "mentions_pkey" PRIMARY KEY("article_id","start"),
	CONSTRAINT "mentions_span_check" CHECK ("mentions"."start" >= 0 and "mentions"."end" > "mentions"."start")
);
--> statement-breakpoint
ALTER TABLE "article_actors" ADD CONSTRAINT "article_actors_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_actors" ADD CONSTRAINT "article_actors_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_conflicts" ADD CONSTRAINT "article_conflicts_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_conflicts" ADD CONSTRAINT "article_conflicts_conflict_id_conflicts_id_fk" FOREIGN KEY ("conflict_id") REFERENCES "public"."conflicts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_actors" ADD CONSTRAINT "conflict_actors_conflict_id_conflicts_id_fk" FOREIGN KEY ("conflict_id") REFERENCES "public"."conflicts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_actors" ADD CONSTRAINT "conflict_actors_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_article_actor_fkey" FOREIGN KEY ("article_id","actor_id") REFERENCES "public"."article_actors"("article_id","actor_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_name_id_idx" ON "actors" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "actors_kind_idx" ON "actors" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "article_actors_actor_idx" ON "article_actors" USING btree ("actor_id","published_on" DESC NULLS LAST,"article_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "article_conflicts_conflict_idx" ON "article_conflicts" USING btree ("conflict_id","published_on" DESC NULLS LAST,"article_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "articles_published_on_id_idx" ON "articles" USING btree ("published_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "conflict_actors_actor_idx" ON "conflict_actors" USING btree ("actor_id","conflict_id");--> statement-breakpoint
CREATE INDEX "conflicts_name_id_idx" ON "conflicts" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "mentions_article_actor_idx" ON "mentions" USING btree ("article_id","actor_id");
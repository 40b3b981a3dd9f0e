CREATE TABLE "actor_month_counts" (
	"actor_id" integer NOT NULL,
	"month" date NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "actor_month_counts_pkey" PRIMARY KEY("actor_id","month")
);
--> statement-breakpoint
CREATE TABLE "actor_pair_counts" (
	"actor_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "actor_pair_counts_pkey" PRIMARY KEY("actor_id","other_id"),
	CONSTRAINT "actor_pair_counts_order_check" CHECK ("actor_pair_counts"."actor_id" < "actor_pair_counts"."other_id")
);
--> statement-breakpoint
CREATE TABLE "aggregate_queue" (
	"article_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aggregated_articles" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"published_on" date NOT NULL,
	"actor_ids" integer[] NOT NULL,
	"mention_counts" integer[] NOT NULL,
	"conflict_ids" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_actor_counts" (
	"conflict_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"article_count" integer NOT NULL,
	"mention_count" integer NOT NULL,
	"first_on" date NOT NULL,
	"last_on" date NOT NULL,
	CONSTRAINT "conflict_actor_counts_pkey" PRIMARY KEY("conflict_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "conflict_actor_pair_counts" (
	"conflict_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "conflict_actor_pair_counts_pkey" PRIMARY KEY("conflict_id","actor_id","other_id"),
	CONSTRAINT "conflict_actor_pair_counts_order_check" CHECK ("conflict_actor_pair_counts"."actor_id" < "conflict_actor_pair_counts"."other_id")
);
--> statement-breakpoint
CREATE TABLE "conflict_month_counts" (
	"conflict_id" integer NOT NULL,
	"month" date NOT NULL,
	"article_count" integer NOT NULL,
	CONSTRAINT "conflict_month_counts_pkey" PRIMARY KEY("conflict_id","month")
);
--> statement-breakpoint
CREATE TABLE "corpus_month_counts" (
	"month" date PRIMARY KEY NOT NULL,
	"article_count" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "actor_pair_counts_other_idx" ON "actor_pair_counts" USING btree ("other_id","actor_id");--> statement-breakpoint
CREATE INDEX "conflict_actor_counts_actor_idx" ON "conflict_actor_counts" USING btree ("actor_id","conflict_id");--> statement-breakpoint
CREATE INDEX "conflict_actor_pair_counts_other_idx" ON "conflict_actor_pair_counts" USING btree ("conflict_id","other_id","actor_id");--> statement-breakpoint
CREATE INDEX "articles_id_sources_idx" ON "articles" USING btree ("id","sources");
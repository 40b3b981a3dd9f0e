CREATE TABLE "article_bands" (
	"band_key" bigint NOT NULL,
	"published_on" date NOT NULL,
	"article_id" integer NOT NULL,
	CONSTRAINT "article_bands_band_key_published_on_article_id_pk" PRIMARY KEY("band_key","published_on","article_id")
);
--> statement-breakpoint
CREATE TABLE "article_copies" (
	"article_id" integer NOT NULL,
	"copy_id" integer NOT NULL,
	"similarity" real NOT NULL,
	CONSTRAINT "article_copies_article_id_copy_id_pk" PRIMARY KEY("article_id","copy_id")
);
--> statement-breakpoint
CREATE TABLE "article_fingerprints" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"minhash" integer[] NOT NULL,
	"shingles" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "band_locks" (
	"band_key" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_copies" ADD CONSTRAINT "article_copies_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_copies" ADD CONSTRAINT "article_copies_copy_id_articles_id_fk" FOREIGN KEY ("copy_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_fingerprints" ADD CONSTRAINT "article_fingerprints_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_copies_copy_idx" ON "article_copies" USING btree ("copy_id");
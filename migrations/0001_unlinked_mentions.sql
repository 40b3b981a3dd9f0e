CREATE TABLE "unlinked_mentions" (
	"article_id" integer NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "unlinked_mentions_pkey" PRIMARY KEY("article_id","start"),
	CONSTRAINT "unlinked_mentions_span_check" CHECK ("unlinked_mentions"."start" >= 0 and "unlinked_mentions"."end" > "unlinked_mentions"."start")
);
--> statement-breakpoint
ALTER TABLE "unlinked_mentions" ADD CONSTRAINT "unlinked_mentions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unlinked_mentions_name_idx" ON "unlinked_mentions" USING btree ("name","article_id");
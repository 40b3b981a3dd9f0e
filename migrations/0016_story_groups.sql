CREATE TABLE "article_stories" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"story_id" integer NOT NULL,
	"published_on" date NOT NULL,
	"conflicts" integer[] NOT NULL,
	"terms" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "story_term_locks" (
	"term" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_terms" (
	"term" integer NOT NULL,
	"published_on" date NOT NULL,
	"article_id" integer NOT NULL,
	CONSTRAINT "story_terms_term_published_on_article_id_pk" PRIMARY KEY("term","published_on","article_id")
);
--> statement-breakpoint
ALTER TABLE "article_stories" ADD CONSTRAINT "article_stories_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_stories" ADD CONSTRAINT "article_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_stories_story_idx" ON "article_stories" USING btree ("story_id","published_on","article_id");
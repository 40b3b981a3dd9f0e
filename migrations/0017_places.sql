CREATE TYPE "public"."place_kind" AS ENUM('CITY', 'REGION', 'AREA', 'COUNTRY');--> statement-breakpoint
CREATE TABLE "article_places" (
	"article_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"mention_count" integer NOT NULL,
	"confidence" real NOT NULL,
	"published_on" date NOT NULL,
	CONSTRAINT "article_places_pkey" PRIMARY KEY("article_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "place_mentions" (
	"article_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	"method" "link_method" NOT NULL,
	"confidence" real NOT NULL,
	CONSTRAINT "place_mentions_pkey" PRIMARY KEY("article_id","start"),
	CONSTRAINT "place_mentions_span_check" CHECK ("place_mentions"."start" >= 0 and "place_mentions"."end" > "place_mentions"."start")
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"kind" "place_kind" NOT NULL,
	"name" text NOT NULL,
	"name_nl" text,
	"country" text,
	"admin1" text,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"population" integer NOT NULL,
	"geoname_id" integer,
	CONSTRAINT "places_key_key" UNIQUE("key"),
	CONSTRAINT "places_latitude_check" CHECK ("places"."latitude" between -90 and 90),
	CONSTRAINT "places_longitude_check" CHECK ("places"."longitude" between -180 and 180)
);
--> statement-breakpoint
ALTER TABLE "article_places" ADD CONSTRAINT "article_places_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_places" ADD CONSTRAINT "article_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_mentions" ADD CONSTRAINT "place_mentions_article_place_fkey" FOREIGN KEY ("article_id","place_id") REFERENCES "public"."article_places"("article_id","place_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_places_place_idx" ON "article_places" USING btree ("place_id","published_on","article_id");--> statement-breakpoint
CREATE INDEX "places_latitude_longitude_idx" ON "places" USING btree ("latitude","longitude");
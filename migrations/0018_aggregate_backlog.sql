CREATE TABLE "aggregate_backlog" (
	"article_id" integer PRIMARY KEY NOT NULL
);

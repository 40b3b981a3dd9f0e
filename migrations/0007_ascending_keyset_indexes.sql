DROP INDEX "article_actors_actor_idx";--> statement-breakpoint
DROP INDEX "article_conflicts_conflict_idx";--> statement-breakpoint
DROP INDEX "articles_published_on_id_idx";--> statement-breakpoint
CREATE INDEX "article_actors_actor_idx" ON "article_actors" USING btree ("actor_id","published_on","article_id");--> statement-breakpoint
CREATE INDEX "article_conflicts_conflict_idx" ON "article_conflicts" USING btree ("conflict_id","published_on","article_id");--> statement-breakpoint
CREATE INDEX "articles_published_on_id_idx" ON "articles" USING btree ("published_on","id");
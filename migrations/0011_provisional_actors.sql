CREATE TYPE "public"."actor_status" AS ENUM('CURATED', 'PROVISIONAL', 'REJECTED');--> statement-breakpoint
CREATE TABLE "actor_names" (
	"key" text PRIMARY KEY NOT NULL,
	"actor_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "status" "actor_status" DEFAULT 'CURATED' NOT NULL;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "actor_names" ADD CONSTRAINT "actor_names_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actor_names_actor_idx" ON "actor_names" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "actors_status_name_id_idx" ON "actors" USING btree ("status","name","id");
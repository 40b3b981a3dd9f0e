CREATE TYPE "public"."entity_kind" AS ENUM('ACTOR', 'CONFLICT');--> statement-breakpoint
CREATE TABLE "actor_roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actor_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_id" integer NOT NULL,
	"title" text NOT NULL,
	"for_actor_id" integer,
	"code" text NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "name_keys" (
	"entity_kind" "entity_kind" NOT NULL,
	"entity_id" integer NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "name_keys_pkey" PRIMARY KEY("entity_kind","entity_id","name","key")
);
--> statement-breakpoint
ALTER TABLE "conflicts" ADD COLUMN "places" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "actor_roles" ADD CONSTRAINT "actor_roles_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_roles" ADD CONSTRAINT "actor_roles_for_actor_id_actors_id_fk" FOREIGN KEY ("for_actor_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actor_roles_actor_idx" ON "actor_roles" USING btree ("actor_id","valid_from");--> statement-breakpoint
CREATE INDEX "name_keys_prefix_idx" ON "name_keys" USING btree ("entity_kind","key" text_pattern_ops);
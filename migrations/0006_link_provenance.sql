CREATE TYPE "public"."link_method" AS ENUM('DICTIONARY', 'RULE', 'MANUAL');--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "method" "link_method" DEFAULT 'DICTIONARY' NOT NULL;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "confidence" real DEFAULT 1 NOT NULL;
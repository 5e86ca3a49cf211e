ALTER TABLE "initiative_keys" ADD COLUMN "seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing key rows: the best estimate of when each was last reported is its initiative's last_seen.
UPDATE "initiative_keys" k SET "seen_at" = i."last_seen" FROM "initiatives" i WHERE i."id" = k."initiative_id";--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "profile" json;--> statement-breakpoint
CREATE INDEX "initiative_keys_recent_idx" ON "initiative_keys" USING btree ("key","seen_at" DESC NULLS LAST,"initiative_id");

CREATE TABLE "articles" (
	"id" text PRIMARY KEY NOT NULL,
	"canonical_url" text NOT NULL,
	"source_id" text,
	"final_url" text,
	"feed_title" text,
	"title" text,
	"published_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"http_status" integer,
	"content_type" text,
	"raw_html" text,
	"content_hash" text,
	"fetched_at" timestamp with time zone,
	"analyzer_version" text,
	"analyzed_at" timestamp with time zone,
	"error_code" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"backfill" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_canonical_url_unique" UNIQUE("canonical_url")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"provider_message_id" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_subscription_window_uq" UNIQUE("subscription_id","window_end")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"initiative_id" text NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"silent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_item_type_uq" UNIQUE("item_id","type")
);
--> statement-breakpoint
CREATE TABLE "initiative_keys" (
	"key" text NOT NULL,
	"initiative_id" text NOT NULL,
	CONSTRAINT "initiative_keys_key_initiative_id_pk" PRIMARY KEY("key","initiative_id")
);
--> statement-breakpoint
CREATE TABLE "signature_bands" (
	"band_key" text NOT NULL,
	"initiative_id" text NOT NULL,
	CONSTRAINT "signature_bands_band_key_initiative_id_pk" PRIMARY KEY("band_key","initiative_id")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"feed_url" text NOT NULL,
	"kind" text DEFAULT 'rss' NOT NULL,
	"poll_interval_minutes" integer DEFAULT 30 NOT NULL,
	"current_interval_minutes" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"hints" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_new_article_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"paused_reason" text,
	"polls_total" integer DEFAULT 0 NOT NULL,
	"polls_not_modified" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_feed_url_unique" UNIQUE("feed_url")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"heading" text,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"primary_org" text,
	"region" text,
	"icb" text,
	"status" text,
	"analysis" jsonb NOT NULL,
	"analyzer_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_article_ordinal_uq" UNIQUE("article_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"primary_org" text,
	"region" text,
	"icb" text,
	"status" text,
	"state" jsonb NOT NULL,
	"minhash" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"merged_into" text,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_versions" (
	"initiative_id" text NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"diff" jsonb NOT NULL,
	"item_id" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_versions_initiative_id_version_pk" PRIMARY KEY("initiative_id","version")
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"item_id" text PRIMARY KEY NOT NULL,
	"initiative_id" text NOT NULL,
	"decision" text NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cadence" text DEFAULT 'daily' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_window_end" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_keys" ADD CONSTRAINT "initiative_keys_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_bands" ADD CONSTRAINT "signature_bands_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_versions" ADD CONSTRAINT "initiative_versions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_status_idx" ON "articles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "articles_analyzer_version_idx" ON "articles" USING btree ("analyzer_version");--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "items_analyzer_version_idx" ON "items" USING btree ("analyzer_version");--> statement-breakpoint
CREATE INDEX "items_region_idx" ON "items" USING btree ("region");--> statement-breakpoint
CREATE INDEX "initiatives_primary_org_idx" ON "initiatives" USING btree ("primary_org");--> statement-breakpoint
CREATE INDEX "initiatives_last_seen_idx" ON "initiatives" USING btree ("last_seen");--> statement-breakpoint
CREATE INDEX "mentions_initiative_idx" ON "mentions" USING btree ("initiative_id");
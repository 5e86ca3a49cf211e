import { z } from "zod";
import { DecisionSchema } from "./initiative.js";

/**
 * Job payloads: ids and ISO strings only, never HTML (Redis holds them; the store holds content).
 * Queue names and options live in @radar/queue; this file is the single definition of each payload.
 */
export const PollJobSchema = z.object({ sourceId: z.string().min(1) });
export type PollJob = z.infer<typeof PollJobSchema>;

export const FetchJobSchema = z.object({
  /** Canonical article URL (see @radar/feeds canonicalUrl). */
  url: z.string().url(),
  sourceId: z.string().nullable(),
  /** Title the feed gave, shown to operators before the page is fetched. */
  feedTitle: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
  /** Backfilled articles are stored and resolved but their events are silent. */
  backfill: z.boolean().default(false),
});
export type FetchJob = z.infer<typeof FetchJobSchema>;

export const AnalyzeJobSchema = z.object({
  articleId: z.string().min(1),
  contentHash: z.string().min(1),
  backfill: z.boolean().default(false),
});
export type AnalyzeJob = z.infer<typeof AnalyzeJobSchema>;

export const ResolveJobSchema = z.object({
  itemId: z.string().min(1),
  backfill: z.boolean().default(false),
  /** Bumped each time apply sends the item back after a concurrency conflict (part of the job id). */
  round: z.number().int().nonnegative().default(0),
});
export type ResolveJob = z.infer<typeof ResolveJobSchema>;

export const ApplyJobSchema = z.object({
  itemId: z.string().min(1),
  decision: DecisionSchema,
  /** Initiatives resolve looked at; a matching initiative outside this set means "resolve again". */
  seen: z.array(z.string()).default([]),
  /** Database time when resolve read the candidates: only initiatives created since can be rivals. */
  resolvedAt: z.string().datetime({ offset: true }).nullable().default(null),
  backfill: z.boolean().default(false),
  round: z.number().int().nonnegative().default(0),
  /**
   * The story's scoring profile as resolve made it (StoryProfile in @radar/resolve): apply keeps it
   * with the mention without tokenising the story again. Optional: without it, or in another
   * format, apply makes its own.
   */
  profile: z.record(z.string(), z.unknown()).optional(),
});
export type ApplyJob = z.infer<typeof ApplyJobSchema>;

export const ComposeJobSchema = z.object({
  subscriptionId: z.string().min(1),
  /** Digest window end (ISO); with the subscription id it is the delivery's idempotency key. */
  windowEnd: z.string().datetime(),
});
export type ComposeJob = z.infer<typeof ComposeJobSchema>;

export const DeliverJobSchema = z.object({ deliveryId: z.string().min(1) });
export type DeliverJob = z.infer<typeof DeliverJobSchema>;

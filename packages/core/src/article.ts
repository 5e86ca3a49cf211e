import { z } from "zod";

/**
 * The structure extraction keeps from a page: headings, paragraphs and lists, in order.
 * Every later stage works on blocks, never on HTML.
 */
export const BlockSchema = z.object({
  type: z.enum(["heading", "paragraph", "list"]),
  text: z.string(),
  /** Heading level 1-6 (headings only). */
  level: z.number().int().min(1).max(6).optional(),
  /** List entries (lists only); `text` holds them joined by newlines. */
  items: z.array(z.string()).optional(),
});
export type Block = z.infer<typeof BlockSchema>;

export const ExtractedArticleSchema = z.object({
  title: z.string(),
  publishedAt: z.string().nullable(),
  author: z.string().nullable(),
  /** Canonical URL the page declares (link rel=canonical / og:url), else null. */
  url: z.string().nullable(),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  blocks: z.array(BlockSchema),
});
export type ExtractedArticle = z.infer<typeof ExtractedArticleSchema>;

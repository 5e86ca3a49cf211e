import { and, eq, sql } from "drizzle-orm";
import { shortHash } from "@radar/core";
import type { Db } from "../client.js";
import { articles } from "../schema/articles.js";

export const articleIdFor = (canonicalUrl: string) => shortHash(canonicalUrl, 20);

export interface NewArticle {
  url: string;
  sourceId: string | null;
  feedTitle?: string | null;
  publishedAt?: string | null;
  backfill?: boolean;
}

/** Inserts a pending article once per canonical URL; returns its id and whether it is new. */
export async function ensureArticle(db: Db, a: NewArticle): Promise<{ id: string; created: boolean }> {
  const id = articleIdFor(a.url);
  const inserted = await db
    .insert(articles)
    .values({
      id,
      canonicalUrl: a.url,
      sourceId: a.sourceId,
      feedTitle: a.feedTitle ?? null,
      publishedAt: a.publishedAt ? new Date(a.publishedAt) : null,
      backfill: a.backfill ?? false,
    })
    .onConflictDoNothing({ target: articles.canonicalUrl })
    .returning({ id: articles.id });
  return { id, created: inserted.length > 0 };
}

export async function getArticle(db: Db, id: string) {
  const rows = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return rows[0] ?? null;
}

export interface FetchedPage {
  finalUrl: string;
  httpStatus: number;
  contentType: string | null;
  html: string;
  contentHash: string;
}

/**
 * Stores a fetched page. Returns `changed: false` when the same content was already stored, so
 * an unchanged page causes no further work.
 */
export async function storeFetchedPage(db: Db, id: string, page: FetchedPage): Promise<{ changed: boolean }> {
  // PostgreSQL text cannot hold NUL, and it never means anything in a web page: a binary or
  // hostile body is stored without it and fails later as "no article found", not as a DB error.
  const html = page.html.includes("\u0000") ? page.html.replaceAll("\u0000", "") : page.html;
  const updated = await db
    .update(articles)
    .set({
      finalUrl: page.finalUrl,
      httpStatus: page.httpStatus,
      contentType: page.contentType,
      rawHtml: html,
      contentHash: page.contentHash,
      fetchedAt: new Date(),
      status: "fetched",
      errorCode: null,
      error: null,
      attempts: sql`${articles.attempts} + 1`,
    })
    .where(and(eq(articles.id, id), sql`${articles.contentHash} is distinct from ${page.contentHash}`))
    .returning({ id: articles.id });
  if (updated.length === 0) {
    await db.update(articles).set({ fetchedAt: new Date(), attempts: sql`${articles.attempts} + 1` }).where(eq(articles.id, id));
  }
  return { changed: updated.length > 0 };
}

/** Every failure ends here, visible to operators: never dropped silently. */
export async function markArticleFailed(db: Db, id: string, code: string, message: string, httpStatus?: number | null) {
  await db
    .update(articles)
    .set({ status: "failed", errorCode: code, error: message, httpStatus: httpStatus ?? null, attempts: sql`${articles.attempts} + 1` })
    .where(eq(articles.id, id));
}

export async function markArticleAnalyzed(db: Db, id: string, v: { analyzerVersion: string; title: string | null; publishedAt: string | null }) {
  await db
    .update(articles)
    .set({
      status: "analyzed",
      analyzerVersion: v.analyzerVersion,
      analyzedAt: new Date(),
      title: v.title,
      ...(v.publishedAt ? { publishedAt: new Date(v.publishedAt) } : {}),
      errorCode: null,
      error: null,
    })
    .where(eq(articles.id, id));
}

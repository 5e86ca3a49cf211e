import { asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles } from "../schema/articles.js";
import { initiativeVersions } from "../schema/initiative-versions.js";
import { initiatives } from "../schema/initiatives.js";
import { items } from "../schema/items.js";
import { mentions } from "../schema/mentions.js";

export interface InitiativeView {
  id: string;
  title: string;
  orgs: string[];
  region: string | null;
  icb: string | null;
  themes: string[];
  status: string | null;
  version: number;
  firstSeen: string;
  lastSeen: string;
  money: Array<{ text: string; pounds: number }>;
  mentions: Array<{ itemId: string; source: string; ordinal: number; heading: string | null; excerpt: string; decision: string; score: number; reasons: string[]; at: string }>;
  history: Array<{ version: number; diff: unknown; at: string; itemId: string | null }>;
}

/** Initiatives with their mentions and history, for `radar initiatives list --json` and digests. */
export async function listInitiatives(db: Db, opts: { ids?: string[] } = {}): Promise<InitiativeView[]> {
  const where = opts.ids ? inArray(initiatives.id, opts.ids) : isNull(initiatives.mergedInto);
  const rows = await db.select().from(initiatives).where(where).orderBy(desc(initiatives.lastSeen), asc(initiatives.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ms = await db
    .select({
      initiativeId: mentions.initiativeId,
      itemId: mentions.itemId,
      decision: mentions.decision,
      score: mentions.score,
      reasons: mentions.reasons,
      at: mentions.createdAt,
      ordinal: items.ordinal,
      heading: items.heading,
      text: items.text,
      url: articles.canonicalUrl,
      published: articles.publishedAt,
    })
    .from(mentions)
    .innerJoin(items, eq(items.id, mentions.itemId))
    .innerJoin(articles, eq(articles.id, items.articleId))
    .where(inArray(mentions.initiativeId, ids))
    .orderBy(asc(mentions.createdAt));
  const hs = await db
    .select()
    .from(initiativeVersions)
    .where(inArray(initiativeVersions.initiativeId, ids))
    .orderBy(asc(initiativeVersions.version));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    orgs: r.state.orgNames,
    region: r.region,
    icb: r.icb,
    themes: r.state.themes,
    status: r.status,
    version: r.version,
    firstSeen: r.firstSeen.toISOString(),
    lastSeen: r.lastSeen.toISOString(),
    money: r.state.money,
    mentions: ms
      .filter((m) => m.initiativeId === r.id)
      .map((m) => ({
        itemId: m.itemId,
        source: m.url,
        ordinal: m.ordinal,
        heading: m.heading,
        excerpt: m.text.slice(0, 200),
        decision: m.decision,
        score: m.score,
        reasons: m.reasons,
        at: m.at.toISOString(),
      })),
    history: hs.filter((h) => h.initiativeId === r.id).map((h) => ({ version: h.version, diff: h.diff, at: h.createdAt.toISOString(), itemId: h.itemId })),
  }));
}

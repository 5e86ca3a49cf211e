import { errorMessage } from "@radar/core";
import { canonicalUrl, isAbsoluteHttpUrl } from "./canonical-url.js";
import type { FeedKind } from "./feed-guards.js";

export interface FeedEntry {
  /** Canonical URL (see canonicalUrl): the article's identity. */
  url: string;
  guid: string | null;
  title: string | null;
  /** ISO 8601, or null when the feed gives no parseable date. */
  publishedAt: string | null;
  categories: string[];
}

/** The subset of an rss-parser item we read, with the raw nodes our customFields keep. */
export interface RawItem {
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  title?: unknown;
  isoDate?: unknown;
  guidNodes?: unknown[];
  categoryNodes?: unknown[];
  subjectNodes?: unknown[];
  "rdf:about"?: unknown;
}

/** xml2js gives a string, or `{ _: text, $: attributes }` when the element has attributes. */
export function textOf(node: unknown): string | null {
  if (typeof node === "string") return node;
  if (node !== null && typeof node === "object" && "_" in node && typeof node._ === "string") return node._;
  return null;
}

function attrOf(node: unknown, name: string): string | null {
  if (node === null || typeof node !== "object" || !("$" in node)) return null;
  const attrs = node.$ as Record<string, unknown> | undefined;
  const value = attrs?.[name];
  return typeof value === "string" ? value : null;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Titles are often HTML-escaped twice (Atom type="html", WordPress `&amp;#8217;`); XML parsing
 * removes one layer, this removes the second. Unknown names are left as they are.
 */
function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function cleanTitle(value: string | null): string | null {
  return value === null ? null : cleanText(decodeHtmlEntities(value.replace(/<[^>]*>/g, "")));
}

export function cleanText(value: string | null): string | null {
  if (value === null) return null;
  // C0 controls other than whitespace are invalid in XML 1.0 yet turn up in real feeds.
  const cleaned = value.replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, " ").replace(/\s+/g, " ").trim();
  return cleaned === "" ? null : cleaned;
}

/** RSS `<category>`, Atom `<category term label>` and RDF `dc:subject`, trimmed and de-duplicated. */
function categoriesOf(item: RawItem): string[] {
  const nodes = [...(item.categoryNodes ?? []), ...(item.subjectNodes ?? [])];
  const seen = new Set<string>();
  for (const node of nodes) {
    const name = cleanText(textOf(node) ?? attrOf(node, "label") ?? attrOf(node, "term"));
    if (name !== null) seen.add(name);
  }
  return [...seen];
}

function isoOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The entry's identifier: RSS guid, Atom id. */
function guidOf(item: RawItem, kind: FeedKind): { guid: string | null; permalink: boolean } {
  if (kind === "atom") {
    const id = cleanText(textOf(item.id));
    return { guid: id, permalink: id !== null && isAbsoluteHttpUrl(id) };
  }
  const node = item.guidNodes?.[0];
  const guid = cleanText(textOf(node) ?? textOf(item.guid));
  // RSS 2.0: isPermaLink defaults to true; only an absolute URL can be used as a link.
  const flagged = attrOf(node, "isPermaLink")?.trim().toLowerCase() !== "false";
  return { guid, permalink: guid !== null && flagged && isAbsoluteHttpUrl(guid) };
}

export type EntryResult = { entry: FeedEntry } | { problem: string };

/**
 * Prefers the item's link; falls back to a permalink guid (or RDF's rdf:about). An item with
 * neither, or with a link that is not a usable URL, becomes a problem note, never an exception.
 */
export function toEntry(item: RawItem, kind: FeedKind, baseUrl: string, index: number): EntryResult {
  const { guid, permalink } = guidOf(item, kind);
  const title = cleanTitle(textOf(item.title));
  const label = `entry ${index + 1}${title ? ` (${JSON.stringify(title.slice(0, 80))})` : ""}`;
  const link = cleanText(textOf(item.link)) ?? cleanText(textOf(item["rdf:about"]));
  const chosen = link ?? (permalink ? guid : null);
  if (chosen === null) {
    const why = guid === null ? "no link and no guid" : `no link, and guid ${JSON.stringify(guid)} is not a permalink URL`;
    return { problem: `${label}: skipped, ${why}` };
  }
  try {
    const url = canonicalUrl(chosen, baseUrl);
    return { entry: { url, guid, title, publishedAt: isoOf(item.isoDate), categories: categoriesOf(item) } };
  } catch (err) {
    return { problem: `${label}: skipped, ${errorMessage(err)}` };
  }
}

/** Keeps the first entry per URL and fills its gaps from the later copies. */
export function collapseDuplicates(entries: FeedEntry[]): { entries: FeedEntry[]; collapsed: number } {
  const byUrl = new Map<string, FeedEntry>();
  for (const entry of entries) {
    const first = byUrl.get(entry.url);
    if (first === undefined) {
      byUrl.set(entry.url, { ...entry, categories: [...entry.categories] });
      continue;
    }
    first.guid ??= entry.guid;
    first.title ??= entry.title;
    first.publishedAt ??= entry.publishedAt;
    for (const c of entry.categories) if (!first.categories.includes(c)) first.categories.push(c);
  }
  return { entries: [...byUrl.values()], collapsed: entries.length - byUrl.size };
}

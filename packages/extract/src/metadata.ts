import { attr, hasAncestor, hasClass, textOf, tokens, type DomIndex, type DomNode } from "./dom.js";
import { normalizeSpace } from "./text-lines.js";

export interface PageMetadata {
  title: string;
  publishedAt: string | null;
  author: string | null;
  url: string | null;
  categories: string[];
  tags: string[];
}

/** JSON-LD articleBody: the full text on many script-rendered pages whose DOM body is empty. */
export function readLdBody(idx: DomIndex): string {
  const body = readJsonLd(new Lookup(idx))?.articleBody;
  return typeof body === "string" ? body : "";
}

type Json = Record<string, unknown>;
type Pred = (el: DomNode) => boolean;
const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|WebPage|LiveBlogPosting)$/;

/**
 * Lookups over the element index with plain predicates rather than CSS selectors:
 * css-select costs O(elements × depth), which is seconds on a hostile 10,000-deep page.
 */
class Lookup {
  constructor(private readonly idx: DomIndex) {}
  tag(name: string): DomNode[] {
    return this.idx.byTag.get(name) ?? [];
  }
  /** content of <meta property|name|itemprop=key> (all matches). */
  metas(key: string): string[] {
    const k = key.toLowerCase();
    return this.tag("meta")
      .filter((m) => [attr(m, "property"), attr(m, "name"), attr(m, "itemprop")].some((v) => v.toLowerCase() === k))
      .map((m) => normalizeSpace(attr(m, "content")))
      .filter(Boolean);
  }
  meta(...keys: string[]): string {
    for (const k of keys) {
      const v = this.metas(k)[0];
      if (v) return v;
    }
    return "";
  }
  find(pred: Pred, tag?: string): DomNode | undefined {
    return (tag ? this.tag(tag) : this.idx.all).find(pred);
  }
  text(pred: Pred, tag?: string): string {
    const el = this.find(pred, tag);
    return el ? normalizeSpace(textOf(el)) : "";
  }
  texts(pred: Pred, tag?: string): string[] {
    return (tag ? this.tag(tag) : this.idx.all).filter(pred).map((el) => textOf(el));
  }
}

const cls = (...names: string[]): Pred => (el) => names.some((c) => hasClass(el, c));
const rel = (r: string): Pred => (el) => tokens(el, "rel").includes(r);
const itemprop = (p: string): Pred => (el) => attr(el, "itemprop") === p;
const under = (pred: Pred, anc: Pred): Pred => (el) => pred(el) && hasAncestor(el, anc);

/** Metadata from meta tags, JSON-LD and WordPress/hAtom markup, best source first. */
export function readMetadata(idx: DomIndex, pageUrl?: string): PageMetadata {
  const q = new Lookup(idx);
  const ld = readJsonLd(q);
  const timeEl = q.find((el) => attr(el, "datetime") !== "", "time");
  const canonical = q.find(rel("canonical"), "link");
  return {
    title: readTitle(q, ld),
    publishedAt: firstDate([
      q.meta("article:published_time", "datePublished"),
      str(ld?.datePublished),
      q.meta("date", "pubdate", "publishdate", "parsely-pub-date", "DC.date.issued", "sailthru.date", "og:published_time"),
      timeEl ? attr(timeEl, "datetime") : "",
      q.text(cls("entry-date", "published", "post-date")),
    ]),
    author: readAuthor(q, ld),
    url: resolveUrl((canonical ? attr(canonical, "href") : "") || q.meta("og:url"), pageUrl),
    categories: unique([...q.texts(rel("category"), "a"), ...q.metas("article:section"), ...list(ld?.articleSection)]),
    tags: unique([
      ...q.texts((el) => rel("tag")(el) && !rel("category")(el), "a"),
      ...q.metas("article:tag"),
      ...list(ld?.keywords),
    ]),
  };
}

function readTitle(q: Lookup, ld: Json | null): string {
  const candidates = [
    q.meta("og:title"),
    q.text((el) => hasClass(el, "entry-title") || hasClass(el, "post-title") || itemprop("headline")(el), "h1"),
    str(ld?.headline),
    q.meta("twitter:title"),
    q.text(() => true, "title"),
    q.text(() => true, "h1"),
  ];
  const found = candidates.find((c) => c.length > 0) ?? "";
  return stripSiteSuffix(found, q.meta("og:site_name"));
}
/** "Trust plans EPR - Health Tech Newspaper" → "Trust plans EPR". */
export function stripSiteSuffix(title: string, siteName: string): string {
  if (siteName && title.endsWith(siteName) && title.length > siteName.length + 3) {
    return title.slice(0, -siteName.length).replace(/\s*[-|–—:·•»]\s*$/, "").trim();
  }
  const m = /^(.*\S)\s+(?:[|–—·•»]|::|\/\/)\s+[^|–—·•»]{2,60}$|^(.*\S)\s+-\s+[^-]{2,40}$/.exec(title);
  const head = m?.[1] ?? m?.[2];
  return head && head.split(/\s+/).length >= 3 ? head : title;
}

function readAuthor(q: Lookup, ld: Json | null): string | null {
  const ldAuthor = ld?.author;
  const ldName = Array.isArray(ldAuthor)
    ? ldAuthor.map((a) => (typeof a === "string" ? a : str((a as Json)?.name))).filter(Boolean).join(", ")
    : typeof ldAuthor === "string" ? ldAuthor : str((ldAuthor as Json | undefined)?.name);
  const candidates = [
    q.meta("author"),
    ldName,
    q.meta("article:author"),
    q.text(rel("author")),
    q.text((el) =>
      hasClass(el, "author-name") ||
      under(cls("fn"), cls("author"))(el) ||
      under(cls("author"), cls("byline"))(el) ||
      under(itemprop("name"), itemprop("author"))(el),
    ),
    q.text(itemprop("author")),
  ];
  for (const c of candidates) {
    const name = c.replace(/^by\s+/i, "").trim();
    if (name && !/^https?:\/\//i.test(name) && name.length < 120) return name;
  }
  return null;
}

function readJsonLd(q: Lookup): Json | null {
  const nodes: Json[] = [];
  for (const el of q.tag("script")) {
    if (attr(el, "type").toLowerCase() !== "application/ld+json") continue;
    const raw = textOf(el);
    if (raw.length > 1_000_000) continue;
    try {
      collect(JSON.parse(raw), nodes, 0);
    } catch {
      // Malformed JSON-LD is common; the page's other metadata still counts.
    }
  }
  const typed = (n: Json): string => [n["@type"]].flat().map(String).join(" ");
  return (
    nodes.find((n) => typed(n).split(" ").some((t) => ARTICLE_TYPES.test(t) && t !== "WebPage")) ??
    nodes.find((n) => typed(n).includes("WebPage") && n.headline) ??
    null
  );
}

function collect(value: unknown, out: Json[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach((v) => collect(v, out, depth + 1));
  const obj = value as Json;
  if (obj["@type"]) out.push(obj);
  if (obj["@graph"]) collect(obj["@graph"], out, depth + 1);
  if (obj.mainEntity) collect(obj.mainEntity, out, depth + 1);
}

const str = (v: unknown): string => (typeof v === "string" ? normalizeSpace(v) : "");

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  if (typeof v === "string") return v.split(",");
  return [];
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = normalizeSpace(raw);
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out;
}

function resolveUrl(href: string, base?: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return null;
  }
}

/** First parseable date as ISO 8601; handles "23rd June 2025" and UK dd/mm/yyyy. */
export function firstDate(values: string[]): string | null {
  for (const v of values) {
    const iso = toIsoDate(v);
    if (iso) return iso;
  }
  return null;
}

export function toIsoDate(raw: string): string | null {
  const v = raw.trim().replace(/^(?:posted|published|updated)\s*(?:on)?:?\s*/i, "");
  // Without a four-digit year V8 guesses one ("Jun 23" → 2001): better no date than a wrong one.
  if (!v || v.length > 80 || !/(?:^|\D)(?:19|20)\d\d(?:\D|$)/.test(v)) return null;
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  const text = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`
    : v.replace(/(\d)(st|nd|rd|th)\b/gi, "$1").replace(/\bat\b/i, " ");
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(t).toISOString() : null;
}

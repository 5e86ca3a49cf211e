import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderPostPage } from "./wordpress-page.js";
import type { BodyBlock } from "./seed-text.js";

/** One page the site serves, with what its feed item needs. */
export interface SitePost {
  postId: number;
  /** Path under the site root, WordPress permalink form: /2025/06/23/slug/ */
  path: string;
  title: string;
  publishedAt: string;
  author: string;
  categories: string[];
  excerpt: string;
  html: string;
}

/** The origin the seed pages were written for; served pages point at the local site instead. */
export const SEED_ORIGIN = "https://htn.co.uk";

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function meta(html: string, attr: "property" | "name", key: string): string[] {
  const re = new RegExp(`<meta\\s+${attr}="${key.replace(/[.:]/g, "\\$&")}"\\s+content="([^"]*)"`, "gi");
  return [...html.matchAll(re)].map((m) => decode(m[1]!));
}

/**
 * Reads what the feed needs from a saved post page (our seed pages, or any WordPress page saved
 * with its head intact). Falls back to the file name and order when a field is missing.
 */
export function postFromHtml(html: string, fileName: string, index: number, siteUrl: string): SitePost {
  const canonical = /<link\s+rel="canonical"\s+href="([^"]+)"/i.exec(html)?.[1];
  const slug = fileName.replace(/\.html?$/, "").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const fallbackDate = new Date(Date.UTC(2025, 0, 1 + index, 9)).toISOString();
  const publishedAt = meta(html, "property", "article:published_time")[0] ?? fallbackDate;
  const path = canonical ? new URL(decode(canonical)).pathname : `/${publishedAt.slice(0, 10).replace(/-/g, "/")}/${slug}/`;
  const shortlink = /<link\s+rel="shortlink"\s+href="[^"]*\?p=(\d+)"/i.exec(html)?.[1];
  const title = meta(html, "property", "og:title")[0] ?? decode(/<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? slug);
  return {
    postId: shortlink ? Number(shortlink) : 1000 + index,
    path: path.endsWith("/") ? path : `${path}/`,
    title,
    publishedAt,
    author: meta(html, "name", "author")[0] ?? "HTN",
    categories: meta(html, "property", "article:section"),
    excerpt: meta(html, "name", "description")[0] ?? "",
    html: html.split(SEED_ORIGIN).join(siteUrl),
  };
}

export function loadSeedPosts(articlesDir: string, siteUrl: string): SitePost[] {
  const files = readdirSync(articlesDir).filter((f) => f.endsWith(".html")).sort();
  return files.map((f, i) => postFromHtml(readFileSync(join(articlesDir, f), "utf8"), f, i, siteUrl));
}

const ORGS = ["Leeds Teaching Hospitals NHS Trust", "North Bristol NHS Trust", "NHS Lancashire and South Cumbria ICB",
  "Royal Cornwall Hospitals NHS Trust", "Norfolk and Norwich University Hospitals NHS Foundation Trust", "Barts Health NHS Trust",
  "NHS Greater Manchester ICB", "East Midlands Ambulance Service NHS Trust", "Oxford University Hospitals NHS Foundation Trust"];
const THINGS = ["electronic patient record", "ambient voice technology pilot", "virtual ward expansion", "cyber security programme",
  "shared care record", "AI-assisted radiology triage", "patient portal", "robotic process automation rollout"];
const STAGES = ["has gone live with", "has approved a business case for", "is procuring", "has completed the first phase of", "has begun a pilot of"];

/** A deterministic synthetic post for /generated/N/: distinct text per N, realistic shape. */
export function generatedPost(n: number, siteUrl: string): SitePost {
  const org = ORGS[n % ORGS.length]!;
  const thing = THINGS[(n * 7) % THINGS.length]!;
  const stage = STAGES[(n * 3) % STAGES.length]!;
  const title = `${org} ${stage} ${thing} (${n})`;
  const a = /^[aeiou]/i.test(thing) ? "an" : "a";
  const publishedAt = new Date(Date.UTC(2025, 5, 30, 12) - n * 3_600_000).toISOString();
  const blocks: BodyBlock[] = [
    { type: "p", text: `${org} ${stage} ${a} ${thing}, according to board papers published this month (reference ${n}).` },
    { type: "p", text: `The programme, budgeted at £${(n % 50) + 1} million, is expected to support ${1000 + n * 13} staff across the organisation.` },
    { type: "h3", text: `What happens next for item ${n}` },
    { type: "p", text: `The chief digital officer said the next phase will focus on adoption, training and benefits realisation over ${2 + (n % 4)} years.` },
    { type: "ul", items: [`Milestone ${n}.1: discovery`, `Milestone ${n}.2: procurement`, `Milestone ${n}.3: go-live`] },
  ];
  const path = `/generated/${n}/`;
  const excerpt = blocks[0]!.type === "p" ? blocks[0]!.text : title;
  const post = { postId: 500000 + n, path, title, publishedAt, author: "HTN Newsdesk", categories: ["News"], excerpt };
  // Rendered on demand: a feed with thousands of generated items needs none of the pages.
  return {
    ...post,
    get html() {
      return renderPostPage({ ...post, url: `${siteUrl}${path}`, tags: ["Generated"], blocks, related: [], siteUrl });
    },
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { buildAtomFeed, buildFeed, buildRdfFeed, newestDate } from "./feed-xml.js";
import { sendResource, type Resource } from "./responder.js";
import { generatedPost, loadSeedPosts, type SitePost } from "./site-content.js";
import { DEFAULT_SWITCHES, switchesFor, type FixtureSwitches } from "./switches.js";
import { escapeHtml } from "./wordpress-page.js";

export interface FixtureSiteOptions {
  /** Directory of saved post pages (*.html). Default: the repository's seeds/articles. */
  articlesDir?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Prefix for every route, e.g. "/htn". Default "". */
  basePath?: string;
  switches?: Partial<FixtureSwitches>;
}

export interface RecordedRequest {
  /** Path and query as received (including basePath). */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FixtureSite {
  /** Site root without trailing slash, e.g. http://127.0.0.1:41234 or http://127.0.0.1:41234/htn */
  url: string;
  feedUrl: string;
  /** One URL per seed page (trailing-slash permalink form), in file-name order. */
  articleUrls: string[];
  set(s: Partial<FixtureSwitches>): void;
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

export const DEFAULT_ARTICLES_DIR = fileURLToPath(new URL("../../../seeds/articles/", import.meta.url));
const MAX_GENERATED = 1_000_000;

interface SiteState {
  base: string;
  url: string;
  posts: SitePost[];
  byPath: Map<string, SitePost>;
  switches: FixtureSwitches;
  log: RecordedRequest[];
}

const html = (body: string, lastModified = new Date(Date.UTC(2025, 0, 1)), status?: number): Resource =>
  ({ body, contentType: "text/html", lastModified, ...(status ? { status } : {}) });

function homePage(state: SiteState): Resource {
  const items = state.posts.map((p) => `<li><a href="${escapeHtml(state.url + p.path)}">${escapeHtml(p.title)}</a></li>`).join("\n");
  return html(`<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="UTF-8"><title>HTN Health Tech News</title>` +
    `<link rel="alternate" type="application/rss+xml" href="${state.url}/feed/"></head>` +
    `<body><h1>HTN Health Tech News (fixture)</h1><ul>\n${items}\n</ul></body></html>\n`, newestDate(state.posts));
}

const FEEDS: Record<string, { build: typeof buildFeed; contentType: string }> = {
  "/feed/": { build: buildFeed, contentType: "application/rss+xml" },
  "/feed/atom/": { build: buildAtomFeed, contentType: "application/atom+xml" },
  "/feed/rdf/": { build: buildRdfFeed, contentType: "application/rdf+xml" },
};

function feed(state: SiteState, s: FixtureSwitches, kind: { build: typeof buildFeed; contentType: string }): Resource {
  const extra = Array.from({ length: Math.min(s.feedItems ?? 0, MAX_GENERATED) }, (_, i) => generatedPost(i + 1, state.url));
  const posts = [...state.posts, ...extra];
  return { body: kind.build(posts, state.url), contentType: kind.contentType, lastModified: newestDate(posts) };
}

/** Route table: feeds (RSS, Atom, RDF), generated pages, seed pages (with or without trailing slash), home, robots. */
function route(state: SiteState, path: string, query: URLSearchParams, s: FixtureSwitches): Resource | { redirect: string } | null {
  const withSlash = path.endsWith("/") ? path : `${path}/`;
  const feedKind = FEEDS[withSlash];
  if (feedKind) return feed(state, s, feedKind);
  const generated = /^\/generated\/(\d+)\/$/.exec(withSlash);
  if (generated) {
    const n = Number(generated[1]);
    if (n < 1 || n > MAX_GENERATED) return null;
    const post = generatedPost(n, state.url);
    return html(post.html, new Date(post.publishedAt));
  }
  const post = state.byPath.get(withSlash);
  if (post) return html(post.html, new Date(post.publishedAt));
  if (path === "/" && query.has("p")) {
    // WordPress shortlinks (/?p=123, the feed's guid) redirect to the permalink.
    const target = state.posts.find((p) => String(p.postId) === query.get("p"));
    return target ? { redirect: state.url + target.path } : null;
  }
  if (path === "/") return homePage(state);
  if (path === "/robots.txt") return { body: "User-agent: *\nAllow: /\n", contentType: "text/plain", lastModified: new Date(Date.UTC(2025, 0, 1)) };
  return null;
}

function redirectTarget(state: SiteState, req: IncomingMessage, requestUrl: URL, s: FixtureSwitches): { status: number; location: string } | null {
  if (s.redirectLoop) {
    const next = new URL(requestUrl);
    next.searchParams.set("hop", String(Number(requestUrl.searchParams.get("hop") ?? "0") + 1));
    return { status: 302, location: next.pathname + next.search };
  }
  if (s.redirect === null) return null;
  const to = s.redirect.to.startsWith("/") ? `${state.url}${s.redirect.to}` : s.redirect.to;
  const target = new URL(to);
  if (target.origin === requestUrl.origin && target.pathname + target.search === requestUrl.pathname + requestUrl.search) return null;
  return { status: s.redirect.status ?? 302, location: to };
}

async function handle(state: SiteState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  state.log.push({ path: req.url ?? "", headers: { ...req.headers } });
  const requestUrl = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const s = switchesFor(state.switches, requestUrl.searchParams);
  if (s.retryAfterSeconds !== null) res.setHeader("Retry-After", String(s.retryAfterSeconds));
  const redirect = redirectTarget(state, req, requestUrl, s);
  if (redirect) {
    res.writeHead(redirect.status, { Location: redirect.location, "Content-Type": "text/html; charset=UTF-8" });
    return void res.end(`<html><body>Moved to <a href="${escapeHtml(redirect.location)}">here</a></body></html>`);
  }
  if (s.errorStatus !== null) {
    res.writeHead(s.errorStatus, { "Content-Type": "text/html; charset=UTF-8" });
    return void res.end(`<!DOCTYPE html><html><body><h1>Error ${s.errorStatus}</h1></body></html>`);
  }
  const inBase = requestUrl.pathname === state.base || requestUrl.pathname.startsWith(`${state.base}/`);
  const path = inBase ? requestUrl.pathname.slice(state.base.length) || "/" : null;
  const found = path === null ? null : route(state, path, requestUrl.searchParams, s);
  if (found && "redirect" in found) {
    res.writeHead(301, { Location: found.redirect });
    return void res.end();
  }
  await sendResource(req, res, found ?? html("<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>", undefined, 404), found ? s : { ...s, etag: false });
}

function normaliseBase(basePath: string | undefined): string {
  const trimmed = (basePath ?? "").replace(/\/+$/, "");
  return trimmed === "" ? "" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/** Starts the local HTN-shaped site. Close it when done; it holds a listening socket. */
export async function startFixtureSite(opts: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const host = opts.host ?? "127.0.0.1";
  const state: SiteState = { base: normaliseBase(opts.basePath), url: "", posts: [], byPath: new Map(), switches: { ...DEFAULT_SWITCHES, ...opts.switches }, log: [] };
  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  state.url = `http://${urlHost}:${port}${state.base}`;
  state.posts = loadSeedPosts(opts.articlesDir ?? DEFAULT_ARTICLES_DIR, state.url);
  state.byPath = new Map(state.posts.map((p) => [p.path, p]));
  return {
    url: state.url,
    feedUrl: `${state.url}/feed/`,
    articleUrls: state.posts.map((p) => state.url + p.path),
    set: (s) => void (state.switches = { ...state.switches, ...s }),
    requests: () => state.log.map((r) => ({ ...r })),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

import { permanent, type Block, type ExtractedArticle } from "@radar/core";
import type { CheerioAPI } from "cheerio/slim";
import { filterBlocks, fold } from "./block-filter.js";
import { computeStats, findPruned, type NodeStats } from "./content-prune.js";
import { scoreContent } from "./content-score.js";
import { attr, capText, hasClass, indexDom, isInside, parseHtml, textOf, type DomIndex, type DomNode } from "./dom.js";
import { buildBlocks } from "./html-blocks.js";
import { estimateDepth, flattenHtml, MAX_NESTING, trimLongRuns } from "./html-deep.js";
import { readLdBody, readMetadata } from "./metadata.js";
import { extractText } from "./text-extract.js";
import { looksBinary, normalizeSpace } from "./text-lines.js";

export interface ExtractHints {
  /** CSS selector of the article body on a known site; wins over every heuristic. */
  contentSelector?: string;
}
export interface HtmlOptions {
  url?: string;
  hints?: ExtractHints;
}
export interface ExtractReport {
  article: ExtractedArticle;
  /** True when a cap cut the input or the body (see the caps below and README.md). */
  truncated: boolean;
}

/**
 * Work caps. Real articles are < 100 KB of text; beyond these we are looking at a broken or
 * hostile page, and bounded output keeps every later stage (segment, classify) fast too.
 */
export const MAX_HTML_CHARS = 8_000_000;
export const MAX_BODY_CHARS = 200_000;
/** Visible page text considered at all (article plus chrome); see capText. */
export const MAX_PAGE_TEXT_CHARS = 2 * MAX_BODY_CHARS;

/** Classes that name the article body on common CMSs (WordPress, Drupal, news themes). */
const KNOWN_CLASSES = [
  "entry-content", "post-content", "article-body", "article__body", "article-body__content",
  "story-body", "td-post-content", "field-name-body", "post-body", "c-article-body", "article-text",
];
const KNOWN_PREDICATES: Array<(el: DomNode) => boolean> = [
  (el) => hasClass(el, "entry-content"),
  (el) => attr(el, "itemprop") === "articleBody",
  ...KNOWN_CLASSES.slice(1).map((c) => (el: DomNode) => hasClass(el, c)),
  (el) => attr(el, "id") === "article-body",
];
const MIN_KNOWN_TEXT = 140;

export function extractHtml(html: string, opts: HtmlOptions = {}): ExtractedArticle {
  return extractHtmlReport(html, opts).article;
}

export function extractHtmlReport(html: string, opts: HtmlOptions = {}): ExtractReport {
  if (looksBinary(html)) throw permanent("no-article", "no article found: input looks like binary data");
  const trimmed = trimLongRuns(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, MAX_PAGE_TEXT_CHARS);
  const input = trimmed.html;
  if (estimateDepth(input) > MAX_NESTING) return extractDeep(input, opts);
  const { $, root } = parseHtml(input);
  const cutPage = capText(root, MAX_PAGE_TEXT_CHARS);
  const idx = indexDom(root);
  const meta = readMetadata(idx, opts.url);
  const body = idx.byTag.get("body")?.[0] ?? root;
  const known = findKnownContainer($, idx, opts.hints?.contentSelector);
  const keep = new Set<DomNode>();
  for (let p: DomNode | null = known?.node ?? null; p; p = p.parent) keep.add(p);
  const pruned = findPruned(body, computeStats(body), keep);
  const stats = computeStats(body, pruned);
  const roots = chooseRoots(body, known, pruned, stats);
  const found = withLdBody(filterBlocks(buildBlocks(roots, pruned), meta.title), readLdBody(idx));
  const { blocks, truncated } = capBlocks(found);
  if (!blocks.some((b) => b.type !== "heading")) {
    throw permanent("no-article", "no article found: the page has no readable body text");
  }
  return { article: { ...meta, blocks }, truncated: truncated || cutPage || trimmed.trimmed || html.length > MAX_HTML_CHARS };
}

/**
 * Script-rendered pages often leave the DOM body empty (or a teaser) while JSON-LD carries
 * the whole text: prefer articleBody when it is more than twice what the DOM gave.
 */
function withLdBody(blocks: Block[], ldBody: string): Block[] {
  const domChars = blocks.reduce((n, b) => n + b.text.length, 0);
  const ld = ldBody.slice(0, MAX_PAGE_TEXT_CHARS);
  if (ld.length < 200 || ld.length <= domChars * 2) return blocks;
  return ld
    .split(/\n+/)
    .map(normalizeSpace)
    .filter(Boolean)
    .map((text) => ({ type: "paragraph" as const, text }));
}

/**
 * A known CMS container wins unless it is tiny next to what scoring finds elsewhere (a
 * teaser ".post-content" on a page whose real body uses other classes). Sibling containers
 * of the same kind (bodies split into several ".article-body" blocks) are all kept.
 */
function chooseRoots(body: DomNode, known: KnownContainer | null, pruned: Set<DomNode>, stats: Map<DomNode, NodeStats>): DomNode[] {
  const scored = scoreContent(body, pruned, stats);
  if (known?.fromHint) return [known.node];
  const textOfRoots = (rs: DomNode[]) => rs.reduce((n, r) => n + (stats.get(r)?.text ?? 0), 0);
  if (known && !pruned.has(known.node)) {
    const group = known.siblings.filter((n) => !pruned.has(n) && (stats.get(n)?.text ?? 0) >= MIN_KNOWN_TEXT / 2);
    const knownText = textOfRoots(group);
    const related = scored.some((r) => isInside(r, known.node) || isInside(known.node, r));
    if (knownText >= MIN_KNOWN_TEXT && (related || knownText * 2 >= textOfRoots(scored))) return group;
  }
  return scored.length > 0 ? scored : [body];
}

/** Pathologically nested page: metadata from <head>, body read as flattened plain text. */
function extractDeep(html: string, opts: HtmlOptions): ExtractReport {
  const bodyAt = html.search(/<body\b/i);
  const head = html.slice(0, bodyAt >= 0 ? Math.min(bodyAt, 500_000) : 0);
  const meta = readMetadata(indexDom(parseHtml(head).root), opts.url);
  const text = textOf(parseHtml(flattenHtml(bodyAt >= 0 ? html.slice(bodyAt) : html)).root);
  const fromText = extractText(text.slice(0, MAX_PAGE_TEXT_CHARS));
  const title = meta.title || fromText.title;
  const { blocks, truncated } = capBlocks(fold(fromText.blocks[0]?.text ?? "") === fold(title) ? fromText.blocks.slice(1) : fromText.blocks);
  if (!blocks.some((b) => b.type !== "heading")) {
    throw permanent("no-article", "no article found: the page has no readable body text");
  }
  return { article: { ...meta, title, blocks }, truncated: truncated || text.length > MAX_PAGE_TEXT_CHARS };
}

/** The largest match of the hint selector, else of the known CMS containers. */
interface KnownContainer {
  node: DomNode;
  fromHint: boolean;
  /** Matches of the same rule under the same parent, in document order (incl. node). */
  siblings: DomNode[];
}

function findKnownContainer($: CheerioAPI, idx: DomIndex, hint?: string): KnownContainer | null {
  if (hint) {
    try {
      const best = largest($(hint).toArray() as unknown as DomNode[], 1);
      if (best) return { node: best, fromHint: true, siblings: [best] };
    } catch {
      // An invalid hint selector must not sink the extraction; fall back to heuristics.
    }
  }
  for (const pred of KNOWN_PREDICATES) {
    const matches = idx.all.filter(pred);
    const best = largest(matches, MIN_KNOWN_TEXT);
    if (best) return { node: best, fromHint: false, siblings: matches.filter((m) => m.parent === best.parent) };
  }
  return null;
}

function largest(matches: DomNode[], minText: number): DomNode | null {
  let best: DomNode | null = null;
  let bestLen = minText - 1;
  for (const m of matches) {
    const len = normalizeSpace(textOf(m)).length;
    if (len > bestLen) [best, bestLen] = [m, len];
  }
  return best;
}

/** Keep at most MAX_BODY_CHARS of block text; the last block is cut at a word boundary. */
export function capBlocks(blocks: Block[]): { blocks: Block[]; truncated: boolean } {
  let total = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (total + b.text.length <= MAX_BODY_CHARS) {
      total += b.text.length;
      continue;
    }
    const room = MAX_BODY_CHARS - total;
    const cut = b.text.slice(0, room).replace(/\s+\S*$/, "");
    const kept = blocks.slice(0, i);
    if (cut && b.type !== "list") kept.push({ ...b, text: cut });
    return { blocks: kept, truncated: true };
  }
  return { blocks, truncated: false };
}

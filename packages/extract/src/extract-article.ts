import { permanent, type ExtractedArticle } from "@radar/core";
import { capBlocks, extractHtmlReport, type ExtractHints, type ExtractReport } from "./html-extract.js";
import { looksBinary } from "./text-lines.js";
import { extractText } from "./text-extract.js";

export interface ExtractOptions {
  url?: string;
  /** HTTP Content-Type of the fetched body; sniffed from the input when absent. */
  contentType?: string;
  hints?: ExtractHints;
}

const HTML_TAG_RE = /<(?:!doctype\s+html|html|head|body|p|div|article|main|meta|title|h[1-6]|br|span|section)[\s>/]/i;
const SNIFF_CHARS = 20_000;

/** HTML by content type, else by the presence of common HTML tags near the start. */
export function looksLikeHtml(input: string, contentType?: string): boolean {
  const ct = (contentType ?? "").toLowerCase();
  if (ct.includes("html") || ct.includes("xml")) return true;
  if (ct.startsWith("text/plain")) return false;
  return HTML_TAG_RE.test(input.slice(0, SNIFF_CHARS));
}

/**
 * Fetched page or plain text → ExtractedArticle. Throws RadarError permanent 'no-article'
 * when nothing readable is found (empty, binary, chrome-only or script-only input).
 * Bodies are capped at MAX_BODY_CHARS; use extractArticleReport to learn whether that happened.
 */
export function extractArticle(input: string, opts: ExtractOptions = {}): ExtractedArticle {
  return extractArticleReport(input, opts).article;
}

export function extractArticleReport(input: string, opts: ExtractOptions = {}): ExtractReport {
  if (looksBinary(input)) throw permanent("no-article", "no article found: input looks like binary data");
  if (looksLikeHtml(input, opts.contentType)) {
    return extractHtmlReport(input, { url: opts.url, hints: opts.hints });
  }
  const article = extractText(input.length > 4 * 200_000 ? input.slice(0, 4 * 200_000) : input);
  const { blocks, truncated } = capBlocks(article.blocks);
  if (!blocks.some((b) => b.type !== "heading") && !article.title) {
    throw permanent("no-article", "no article found: the text is empty");
  }
  return { article: { ...article, blocks }, truncated: truncated || input.length > 800_000 };
}

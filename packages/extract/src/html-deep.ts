/**
 * Guard against pathologically nested markup. htmlparser2 keeps its open-element stack with
 * Array.unshift, so parsing costs O(depth) per tag: fine for real pages (depth < 100), but a
 * hostile 30,000-deep page takes seconds. A linear regex pre-scan estimates the depth; deep
 * pages are flattened to text (block tags become blank lines) and read as plain text.
 */

/** Tags whose end tag is optional (or that are void) never accumulate depth. */
const NO_DEPTH = new Set([
  "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup",
  "rb", "rt", "rp", "colgroup", "caption", "area", "base", "br", "col", "embed", "hr", "img",
  "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "html", "head", "body",
]);
export const MAX_NESTING = 1500;

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** Upper estimate of the element nesting depth (script/style bodies are not tags). */
export function estimateDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG_RE.lastIndex = 0;
  for (let m = TAG_RE.exec(html); m; m = TAG_RE.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (NO_DEPTH.has(name) || m[3] === "/") continue;
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
    if (name === "script" || name === "style") {
      const end = html.indexOf(`</${name}`, TAG_RE.lastIndex);
      if (end < 0) break;
      TAG_RE.lastIndex = end;
    }
  }
  return max;
}

const BLOCK_TAG_RE = /<\/?(?:p|div|section|article|main|h[1-6]|li|ul|ol|tr|table|blockquote|pre|header|footer|nav|aside|figure|dd|dt|br)\b[^>]*>/gi;

/** Deep page → markup-free text with paragraph breaks where block tags were. */
export function flattenHtml(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(BLOCK_TAG_RE, "\n\n")
    .replace(/<[^>]*>/g, "");
}

/**
 * For very large inputs only: cut every run between two "<" to `max` characters, so a page
 * that is megabytes of one paragraph never reaches the parser whole. Linear (indexOf scan).
 */
export function trimLongRuns(html: string, max: number): { html: string; trimmed: boolean } {
  if (html.length <= 1_000_000) return { html, trimmed: false };
  const out: string[] = [];
  let trimmed = false;
  for (let pos = 0; pos < html.length; ) {
    const next = html.indexOf("<", pos + 1);
    const end = next < 0 ? html.length : next;
    if (end - pos > max) {
      out.push(html.slice(pos, pos + max));
      trimmed = true;
    } else out.push(html.slice(pos, end));
    pos = end;
  }
  return { html: out.join(""), trimmed };
}

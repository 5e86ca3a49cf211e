import type { RawItem } from "./feed-entry.js";

const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;

/**
 * Escapes ampersands that do not start an entity or character reference ("?a=1&b=2" in a link,
 * "R&D" in a title): the commonest way real feeds break XML, and one every feed reader forgives.
 * A bare "&" is never valid XML, so this cannot change the meaning of a well-formed document.
 * CDATA sections are left alone: an "&" there is literal text.
 */
export function repairBareAmpersands(xml: string): { xml: string; repaired: number } {
  let repaired = 0;
  const parts = xml.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i]!.replace(BARE_AMPERSAND, () => {
      repaired++;
      return "&amp;";
    });
  }
  return { xml: repaired === 0 ? xml : parts.join(""), repaired };
}

type Node = Record<string, unknown> & { $?: Record<string, string>; _?: string };

const first = (nodes: unknown): unknown => (Array.isArray(nodes) ? nodes[0] : undefined);
const text = (node: unknown): string | undefined =>
  typeof node === "string" ? node : typeof (node as Node | undefined)?._ === "string" ? (node as Node)._ : undefined;

function validIso(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The alternate link (or the first link with an href, or a link written as text). */
function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const nodes = links as (Node | string)[];
  const href = (n: Node | string) => (typeof n === "object" ? n.$?.href : undefined);
  const alternate = nodes.find((n) => typeof n === "object" && href(n) && (n.$?.rel ?? "alternate") === "alternate");
  return (alternate && href(alternate)) ?? nodes.map(href).find(Boolean) ?? nodes.map(text).find(Boolean);
}

/**
 * rss-parser's Atom entry mapping throws on an unparseable date ("Invalid time value") and on a
 * <link> without attributes, failing the whole feed for one bad entry. This reads the same fields
 * without throwing; parse-feed uses it only when rss-parser's own mapping fails.
 */
export function atomEntryFallback(entry: Node): RawItem {
  const published = validIso(text(first(entry.published))) ?? validIso(text(first(entry.updated)));
  return {
    title: text(first(entry.title)),
    link: atomLink(entry.link),
    id: text(first(entry.id)),
    isoDate: published,
    categoryNodes: Array.isArray(entry.category) ? entry.category : [],
  };
}

import { permanent } from "@radar/core";

/** Feeds are small; a document this large is a mistake or an attack. Counted in characters. */
export const MAX_FEED_CHARS = 15 * 1024 * 1024;

export type FeedKind = "rss" | "atom" | "rdf";

interface Prolog {
  /** Text of the DOCTYPE declaration, or null. */
  doctype: string | null;
  /** Name of the first element (the root), or null when none was found. */
  rootName: string | null;
}

/** End index (exclusive) of a DOCTYPE starting at `start`, skipping an internal subset `[...]`. */
function doctypeEnd(text: string, start: number): number {
  const close = text.indexOf(">", start);
  const bracket = text.indexOf("[", start);
  if (bracket !== -1 && (close === -1 || bracket < close)) {
    const subsetEnd = text.indexOf("]", bracket);
    if (subsetEnd === -1) return text.length;
    const after = text.indexOf(">", subsetEnd);
    return after === -1 ? text.length : after + 1;
  }
  return close === -1 ? text.length : close + 1;
}

/** Reads what comes before the root element: XML declaration, comments, processing instructions, DOCTYPE. */
function scanProlog(text: string): Prolog {
  let i = 0;
  let doctype: string | null = null;
  // Bounded: each pass consumes at least one construct; a prolog longer than this is not a feed.
  for (let guard = 0; guard < 1000 && i < text.length; guard++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i);
      i = end === -1 ? text.length : end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i);
      i = end === -1 ? text.length : end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const end = doctypeEnd(text, i);
      doctype = text.slice(i, end);
      i = end;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      return { doctype, rootName: m ? m[1]! : null };
    }
  }
  return { doctype, rootName: null };
}

function kindOfRoot(rootName: string): FeedKind | null {
  const local = rootName.includes(":") ? rootName.slice(rootName.indexOf(":") + 1) : rootName;
  const lower = local.toLowerCase();
  if (lower === "rss") return "rss";
  if (lower === "feed") return "atom";
  if (lower === "rdf") return "rdf";
  return null;
}

/**
 * Refuses what must never reach the XML parser and says what the document is.
 * sax (under xml2js, under rss-parser) does not expand DTD entities and never fetches external
 * ones, so an entity reference fails as "Invalid character entity"; we still refuse any document
 * that declares entities, so the refusal is explicit and does not depend on a parser version.
 */
export function checkFeedText(xml: string): FeedKind {
  if (xml.length > MAX_FEED_CHARS) {
    throw permanent("feed-too-large", `feed is ${xml.length} characters; the limit is ${MAX_FEED_CHARS}`);
  }
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === "") throw permanent("malformed-feed", "malformed feed: the document is empty");
  if (/<!DOCTYPE/i.test(text) && /<!ENTITY/i.test(text)) {
    throw permanent("feed-entity-declaration", "feed refused: its DOCTYPE declares entities (possible entity-expansion or external-entity attack)");
  }
  const { doctype, rootName } = scanProlog(text);
  if (doctype !== null && /^<!DOCTYPE\s+html\b/i.test(doctype)) {
    throw permanent("not-a-feed", "not a feed: the document is an HTML page (<!DOCTYPE html>)");
  }
  if (rootName === null) {
    const start = JSON.stringify(text.trimStart().slice(0, 40));
    throw permanent("not-a-feed", `not a feed: no XML root element found (starts ${start})`);
  }
  const kind = kindOfRoot(rootName);
  if (kind === null) {
    const what = rootName.toLowerCase() === "html" ? "an HTML page" : `an XML document with root <${rootName}>`;
    throw permanent("not-a-feed", `not a feed: the document is ${what}, not RSS, Atom or RDF`);
  }
  return kind;
}

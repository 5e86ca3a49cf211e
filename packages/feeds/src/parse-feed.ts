import Parser from "rss-parser";
import { permanent, RadarError } from "@radar/core";
import { checkFeedText, type FeedKind } from "./feed-guards.js";
import { atomEntryFallback, repairBareAmpersands } from "./feed-repair.js";
import { cleanTitle, collapseDuplicates, textOf, toEntry, type FeedEntry, type RawItem } from "./feed-entry.js";

export interface ParsedFeed {
  title: string | null;
  kind: FeedKind;
  entries: FeedEntry[];
  /** Things a person should know (skipped entries, duplicates, repairs, an empty feed); never fatal. */
  problems: string[];
}

type RawFeed = { title?: unknown; items?: RawItem[] };

type AtomHook = { parseItemAtom(entry: Record<string, unknown>): RawItem };

/**
 * A new rss-parser per call: its xml2js parser keeps `errThrown` after a failure, and a reused
 * instance then resolves later malformed documents as if they were fine.
 * customFields keep the raw nodes rss-parser would otherwise flatten (guid's isPermaLink, every
 * category with its attributes, RDF's dc:subject). Atom entries rss-parser cannot map (bad date,
 * attribute-less link) are read by a fallback instead of failing the feed; `notes` says which.
 */
function newParser(notes: string[]): Parser<RawFeed, RawItem> {
  const parser = new Parser<RawFeed, RawItem>({
    defaultRSS: 2,
    customFields: {
      item: [
        ["guid", "guidNodes", { keepArray: true }],
        ["category", "categoryNodes", { keepArray: true }],
        ["dc:subject", "subjectNodes", { keepArray: true }],
      ] as never,
    },
  });
  const hook = parser as unknown as AtomHook;
  const original = hook.parseItemAtom.bind(parser);
  hook.parseItemAtom = (entry) => {
    try {
      return original(entry);
    } catch (err) {
      notes.push(`an Atom entry needed the fallback reader (${reasonOf(err)})`);
      return atomEntryFallback(entry);
    }
  };
  return parser;
}

/** The parser's message on one line ("Unexpected close tag, Line: 3, Column: 9, Char: >"). */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n").map((s) => s.trim()).filter(Boolean).join(", ");
}

async function parseXml(xml: string, notes: string[]): Promise<RawFeed> {
  try {
    return (await newParser(notes).parseString(xml)) as RawFeed;
  } catch (err) {
    if (err instanceof RadarError) throw err;
    throw permanent("malformed-feed", `malformed feed: ${reasonOf(err)}`, err);
  }
}

/**
 * Parses feed text that radar's own HTTP client fetched (this package never fetches).
 * Throws RadarError (permanent) for: too large ('feed-too-large'), DTD entity declarations
 * ('feed-entity-declaration'), HTML or other non-feed documents ('not-a-feed'), and XML the parser
 * rejects ('malformed-feed'). Bad entries are reported in `problems` and skipped.
 */
export async function parseFeed(xml: string, opts: { baseUrl: string }): Promise<ParsedFeed> {
  const kind = checkFeedText(xml);
  const problems: string[] = [];
  const repair = repairBareAmpersands(xml);
  if (repair.repaired > 0) problems.push(`repaired ${repair.repaired} unescaped ampersand${repair.repaired === 1 ? "" : "s"}`);
  const raw = await parseXml(repair.xml, problems);
  const found: FeedEntry[] = [];
  (raw.items ?? []).forEach((item, index) => {
    const result = toEntry(item, kind, opts.baseUrl, index);
    if ("entry" in result) found.push(result.entry);
    else problems.push(result.problem);
  });
  const { entries, collapsed } = collapseDuplicates(found);
  if (collapsed > 0) problems.push(`${collapsed} duplicate entr${collapsed === 1 ? "y" : "ies"} collapsed`);
  if ((raw.items ?? []).length === 0) problems.push("feed has no entries");
  return { title: cleanTitle(textOf(raw.title)), kind, entries, problems };
}

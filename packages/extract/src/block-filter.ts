import type { Block } from "@radar/core";
import type { RawBlock } from "./html-blocks.js";
import { isChrome } from "./text-lines.js";

/** Headings that open page furniture (comments, sharing, related links): drop what follows too. */
const FURNITURE_SECTION_HEADING =
  /^(?:related(?: articles?| posts?| stories| content| news| links)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed|shared)|more on this(?: story)?|more (?:stories|articles) like this|share(?: this)?(?: article| story| post| page)?|comments?|\d+ comments?|leave a (?:reply|comment)|join the (?:discussion|conversation)|about the author|(?:sign up|subscribe)(?: to| for)? (?:our|the)? ?newsletters?.{0,40}|newsletter|follow us.{0,40}|what to read next|read next|tags?|topics?)\s*[:.]?$/i;
/** Headings that are furniture themselves, while what follows is judged on its own merits. */
const FURNITURE_HEADING =
  /^(?:read more|more (?:news|from .{1,40})|popular(?: posts| stories)?|trending(?: now)?|latest(?: news| posts| stories)?|further reading|advertisement|categories|archives|search|explore more|in this section|share this:?)\s*[:.]?$/i;

const BOILERPLATE_PARAGRAPH: readonly RegExp[] = [
  /^(?:to (?:learn|read|find out|see|download|register|view)|for (?:more|further) (?:information|details)|read|find out|learn|click)\b.{0,160}\b(?:click here|here|below)[.!]?$/i,
  /\bclick here\b.{0,60}$/i,
  /^(?:read more|continue reading|read the full (?:story|article)|read next)\b/i,
  /^(?:see also|also read|more on this|related|recommended|most read|watch|listen|more)\s*:/i,
  /^(?:share|tweet|email|print|save)(?: this)?(?: article| story| post| page)?(?: on \w+)?\s*:?$/i,
  /(?:all rights reserved|^©|^copyright\s+(?:©\s*)?\d{4})/i,
  /\b(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletter|bulletin|alerts|updates|briefing)\b/i,
  /\bcookies?\b.{0,120}\b(?:accept|consent|agree|settings|policy|preferences)\b/i,
  /^(?:[Bb]y|BY|[Ww]ords by|[Ww]ritten by|[Pp]osted by|[Rr]eporting by)\s+[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}(?:\s*[,|–-].{0,60})?(?<![.!?])$/u,
  /^(?:[Bb]y|BY)\s+\p{Lu}[^.!?]{0,60}$/u,
  /^(?:image|images|photo|photos|picture|credit|source|illustration|video)(?: credit)?s?\s*:/i,
  /^(?:image|media|video) (?:source|caption|credit)s?\b/i,
  /^(?:getty images|pa media|reuters|afp|shutterstock|alamy|ap photo)(?:\/.*)?$/i,
  /^(?:advertisement|advert|sponsored content|story continues below(?: advertisement)?|scroll to continue)$/i,
  /^(?:posted|published|updated|last updated|first published)(?: on| at)?\s*[:\s]/i,
  /^(?:tags?|topics?|categories|filed under|posted in)\s*:/i,
  /^(?:follow us|like us|join us) on\b/i,
];

/** Paragraph-length bound for the boilerplate patterns: long prose is never dropped. */
const BOILERPLATE_MAX = 260;

/**
 * Drops link lists, furniture headings (and the furniture under them), boilerplate lines,
 * the title repeated as a heading, duplicates, and headings with nothing after them.
 */
export function filterBlocks(raw: RawBlock[], title: string): Block[] {
  const titleKey = fold(title);
  const seen = new Set<string>();
  const kept: Block[] = [];
  let skipUntilLevel = 0;
  for (const b of raw) {
    const level = b.type === "heading" ? (b.level ?? 2) : 0;
    if (skipUntilLevel > 0) {
      if (level === 0 || level > skipUntilLevel) continue;
      skipUntilLevel = 0;
    }
    if (b.type === "heading" && FURNITURE_SECTION_HEADING.test(b.text)) {
      skipUntilLevel = level;
      continue;
    }
    if (b.type === "heading" && FURNITURE_HEADING.test(b.text)) continue;
    if (isJunkBlock(b, titleKey)) continue;
    if (kept.length === 0 && b.type === "heading" && nearTitle(b.text, titleKey)) continue;
    // Duplicate check only for paragraph-sized text: folding a 200 KB block costs more than it saves.
    if (b.text.length < 5000) {
      const key = fold(b.text);
      if (b.type !== "heading" && key.length > 40 && seen.has(key)) continue;
      seen.add(key);
    }
    kept.push(toBlock(b));
  }
  while (kept.length > 0 && kept[kept.length - 1]!.type === "heading") kept.pop();
  return kept;
}

function isJunkBlock(b: RawBlock, titleKey: string): boolean {
  const density = b.text.length > 0 ? b.linkChars / b.text.length : 0;
  const isTitle = titleKey !== "" && b.text.length < titleKey.length * 2 + 20 && fold(b.text) === titleKey;
  if (b.type === "heading") return isTitle;
  if (b.type === "list") return density > 0.6;
  if (isTitle) return true;
  // Link-only lines are teasers; link-heavy prose that ends like a sentence stays.
  if (density > 0.95 && b.text.length < 400) return true;
  if (density > 0.5 && b.text.length < 400 && !/[.!?”"’)]$/.test(b.text)) return true;
  if (b.text.length > BOILERPLATE_MAX) return false;
  return isChrome(b.text) || BOILERPLATE_PARAGRAPH.some((re) => re.test(b.text));
}

/** A leading heading that is the title with or without a suffix/prefix ("Title | Site"). */
function nearTitle(text: string, titleKey: string): boolean {
  const key = fold(text);
  if (!titleKey || key.length < 12) return false;
  return titleKey.startsWith(key) || key.startsWith(titleKey) || titleKey.endsWith(key);
}

function toBlock(b: RawBlock): Block {
  if (b.type === "heading") return { type: "heading", text: b.text, level: b.level ?? 2 };
  if (b.type === "list") return { type: "list", text: b.text, items: b.items ?? [] };
  return { type: "paragraph", text: b.text };
}

/** Comparison key: case, spacing and quote style do not matter. */
export function fold(s: string): string {
  return s.toLowerCase().replace(/[‘’‚′]/g, "'").replace(/[“”„″]/g, '"').replace(/\s+/g, " ").trim();
}

import type { Block } from "@radar/core";
import { ATTRIBUTION_RE, BACKREF_START_RE, DATED_ACTION_RE, NOT_ANAPHORIC, SEPARATELY_RE, LEADING_TIME_RE, RECAP_OPENER_RE, NEW_INITIATIVE_RE, OTHER_NEWS_HEADING_RE, BOILERPLATE_RE, SPONSORED_RE, isLabelHeading, OPINION_OPENER_RE, SERIES_INTRO_RE, STORY_OPENER_RE, TEASER_RE } from "./cues.js";
import { firstSentence } from "./text.js";

/**
 * Story segmentation. Roundups split at story headings; where paragraphs run on without
 * headings, a paragraph opens a new story when its first sentence has a different subject
 * (an NHS body, a vendor, or a place in another region) or starts with a story opener.
 */

/** What segmentation needs to know about a piece of text; supplied by the analyzer. */
export interface Probe {
  /** Key of the subject near the start of the text's first sentence: "org:12", "sup:Epic", "region:London"; null if none or a list of many. */
  subject(text: string): string | null;
  /** Keys of every org/supplier/region named in the text. */
  keys(text: string): Set<string>;
  /** True when the heading is nothing but names ("North Central London"). */
  nameOnly(heading: string): boolean;
  /** True when the heading names an org or supplier. */
  namesEntity(heading: string): boolean;
  /** firstSentence(text), cached by the analyzer's probe. */
  first?(text: string): string;
}

export interface Segment {
  heading: string | null;
  section: string | null;
  blocks: Block[];
  /** Subject key of the story (first subject seen). */
  subject: string | null;
  keys: Set<string>;
  /** Vendor copy ("Featured content", "By <name>, CEO of…"): its own sub-headings stay with it. */
  sponsored?: boolean;
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function isBoilerplate(b: Block): boolean {
  return b.type === "paragraph" && b.text.length < 220 && BOILERPLATE_RE.test(b.text.trim());
}

export function segment(blocksIn: Block[], probe: Probe): Segment[] {
  const blocks = blocksIn.filter((b) => b.text.trim().length > 0 && !isBoilerplate(b));
  const out: Segment[] = [];
  let cur: Segment | null = null;
  let section: string | null = null;
  const open = (heading: string | null): Segment => {
    cur = { heading, section, blocks: [], subject: null, keys: new Set() };
    out.push(cur);
    return cur;
  };
  const add = (seg: Segment, b: Block) => {
    seg.blocks.push(b);
    for (const k of probe.keys(b.text)) seg.keys.add(k);
    if (!seg.subject && b.type === "paragraph") seg.subject = probe.subject(b.text);
    // Only a story that opens as vendor copy is one ("…, the company said" later in NHS news is not).
    if (seg.blocks.length === 1 && b.type === "paragraph" && !seg.subject?.startsWith("org:") && SPONSORED_RE.test(b.text)) seg.sponsored = true;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1];
    if (b.type === "heading") {
      const role = headingRole(b.text, next, cur, probe);
      if (role === "section") (section = b.text), (cur = null);
      else if (role === "story") {
        const seg = open(b.text);
        for (const k of probe.keys(b.text)) seg.keys.add(k);
        seg.subject = probe.subject(b.text);
        if (SPONSORED_RE.test(b.text)) seg.sponsored = true;
      }
      continue;
    }
    if (b.type === "list") {
      add(cur ?? open(null), b);
      continue;
    }
    const seg: Segment = cur !== null && !startsStory(b.text, cur, probe) ? cur : open(null);
    add(seg, b);
  }
  return out.filter((s) => s.blocks.length > 0);
}

type Role = "section" | "story" | "sub";

function headingRole(text: string, next: Block | undefined, cur: Segment | null, probe: Probe): Role {
  if (!next || next.type === "heading") return "section";
  if (probe.nameOnly(text) || OTHER_NEWS_HEADING_RE.test(text)) return "section";
  if (probe.namesEntity(text) && !(cur?.sponsored && !hasBody(text, probe))) return "story";
  if (!cur) return "story";
  // Vendor copy starting after a news story is a story of its own ("Partner content: …").
  if (!cur.sponsored && (SPONSORED_RE.test(text) || (next.type === "paragraph" && SPONSORED_RE.test(probe.first?.(next.text) ?? firstSentence(next.text))))) return "story";
  // Inside vendor copy only a heading naming an NHS body (or a story opener) starts something new.
  if (cur.sponsored && !hasBody(text, probe) && !(next.type === "paragraph" && opensStory(next.text))) return "sub";
  const first = probe.first?.(next.text) ?? firstSentence(next.text);
  const subj = next.type === "paragraph" ? probe.subject(next.text) : null;
  const opener = STORY_OPENER_RE.test(next.text) || OPINION_OPENER_RE.test(next.text) || TEASER_RE.test(next.text);
  const orgStory = cur.subject?.startsWith("org:") === true;
  // Sub-headings inside a story keep talking about its subject (or, in vendor copy, about nothing new).
  const continues =
    !opener &&
    (subj === cur.subject ||
      (subj === null && (!orgStory || probe.keys(next.text).has(cur.subject!) || BACKREF_START_RE.test(first))) ||
      (subj !== null && orgStory && cur.keys.has(subj)));
  const newBody = [...probe.keys(next.text)].some((k) => k.startsWith("org:") && !cur.keys.has(k));
  if (continues || (subj === null && !newBody && !opener)) return "sub";
  if (subj !== null && (isLabelHeading(text) || wordCount(text) <= 8)) return "section";
  return "story";
}

function startsStory(text: string, cur: Segment, probe: Probe): boolean {
  if (cur.blocks.length === 0) return false; // first paragraph under a story heading
  if (opensStory(text)) return true;
  if (cur.sponsored) return false; // vendor copy runs on through its own customer examples
  if (/^[“"]/.test(text.trim())) return false; // a quote continues the story it is quoted in
  const first = probe.first?.(text) ?? firstSentence(text);
  if (NEW_INITIATIVE_RE.test(first) && !/^(?:The trust|The ICB|It)\b/.test(first)) return true;
  if (SEPARATELY_RE.test(first)) return true;
  // Someone quoted on the story in hand ("NHS England's director … added that…").
  if (ATTRIBUTION_RE.test(first)) return false;
  if (RECAP_OPENER_RE.test(first) && cur.heading === null) return true;
  // "This year X was published…" / "In June, the government launched…": a new dated item.
  if (LEADING_TIME_RE.test(first) && DATED_ACTION_RE.test(first) && !BACKREF_RE.test(first)) return true;
  // "The trust also…" continues a story about a body; after an intro it opens one.
  if (BACKREF_START_RE.test(first) && cur.subject?.startsWith("org:")) return false;
  if (refersBack(first, cur)) return false;
  // "South Tyneside and Sunderland went live in May, and the rest follow…": another body joining
  // the roll-out in hand, with no new thing of its own (no object after the verb).
  if (JOINS_ROLLOUT_RE.test(first) && cur.subject !== null) return false;
  const subj = probe.subject(text);
  if (subj === null || subj === cur.subject) return false;
  if (subj.startsWith("region:") && cur.subject?.startsWith("org:") && cur.keys.has(subj)) return false;
  // A vendor quoted inside a story about a body stays with it ("We spoke with…" is an opener above).
  if (subj.startsWith("sup:") && (cur.keys.has(subj) || cur.subject?.startsWith("org:"))) return false;
  // "A new virtual ward has opened in Leeds…" then "Leeds Teaching Hospitals said…": one story.
  if (cur.subject?.startsWith("region:") && isProseLead(cur) && probe.keys(first).has(cur.subject)) return false;
  // A body already named in a story about a body is a follow-on ("Homerton has also…").
  return !(cur.subject?.startsWith("org:") && cur.keys.has(subj));
}

/**
 * "The record, first introduced by Royal Berkshire…" under "…growth in Berkshire West shared care
 * record": a definite noun the story introduced (in its heading or first paragraph) is the same
 * thing, whoever the sentence goes on to name.
 */
function refersBack(first: string, cur: Segment): boolean {
  // Four letters or more: "The new …", "The two …" are never the thing in hand.
  const m = /^The ([a-z][a-z-]{3,})\b/.exec(first);
  if (!m || NOT_ANAPHORIC.has(m[1]!)) return false;
  // "The virtual ward at Leeds Teaching Hospitals…" is another body's ward, not the one in hand.
  if (/^The [a-z-]+(?: [a-z-]+)? (?:at|in|of|for|from|across) [A-Z]/.test(first)) return false;
  const introduced = `${cur.heading ?? ""} ${cur.blocks[0]?.text ?? ""}`.toLowerCase().split(/[^a-z-]+/);
  return introduced.includes(m[1]!);
}

/**
 * A named subject, an intransitive roll-out verb, at most a short time phrase, then the clause ends:
 * "went live in January with £410,000 from the programme" brings something of its own.
 */
const JOINS_ROLLOUT_RE =
  /^(?:[A-Z][\w'’&.-]*(?:,? (?:and|&|of|upon|on|[A-Z][\w'’&.-]*))*) (?:went live|has gone live|have gone live|goes live|is (?:now |also )?live|are (?:now |also )?live|is (?:due|expected|set) to (?:go live|follow)|are (?:due|expected|set) to (?:go live|follow)|followed|follows|will follow|has followed|have followed|joined|will join)(?: (?:in|on|at|from|by|during|last|this|next|earlier|later|shortly|soon|early|late)(?: [\w'’]+){0,3})?(?:[,.;:]|$)/;

/** A single opening paragraph of real prose (not a title line that lost its heading, not a series intro). */
function isProseLead(cur: Segment): boolean {
  const t = cur.blocks[0]?.text.trim() ?? "";
  return cur.blocks.length === 1 && cur.heading === null && /[.!?]["”’)]?$/.test(t) && !SERIES_INTRO_RE.test(t);
}

const BACKREF_RE = /\b(?:the (?:trust|ICB|ICS|board|health board|team)|it|its|they|their)\b/i;

const opensStory = (text: string): boolean => STORY_OPENER_RE.test(text) || OPINION_OPENER_RE.test(text) || TEASER_RE.test(text);

/** The text names an NHS or national body (not just a vendor or a region). */
const hasBody = (text: string, probe: Probe): boolean => [...probe.keys(text)].some((k) => k.startsWith("org:"));

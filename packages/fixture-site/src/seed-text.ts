/**
 * Seed text → body blocks, the way an editor would have laid the article out in WordPress.
 * A line is a heading when it is short, has no closing punctuation and is followed by text that
 * is not a bullet; a heading directly followed by another heading opens a section (h2), the
 * others head a story (h3). Bullet lines ("•", "-") become list items.
 */

export type BodyBlock =
  | { type: "p"; text: string }
  | { type: "h2" | "h3"; text: string }
  | { type: "ul"; items: string[] };

/** Page furniture pasted along with the text (Wix "top of page", read-time and date badges). */
const JUNK = [
  /^top of page$/i,
  /^bottom of page$/i,
  /^•?\s*\d+\s+min(ute)?s?\s+read$/i,
  /^•?\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(,?\s+\d{4})?$/i,
];

const BULLET = /^\s*(?:[•·▪◦‣]|[-*]\s)\s*/;
const MAX_HEADING_CHARS = 160;

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
const fold = (s: string) => normalise(s).toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

interface Line {
  text: string;
  bullet: boolean;
}

function toLines(raw: string, title: string): Line[] {
  const lines: Line[] = [];
  for (const rawLine of raw.split(/\r?\n/)) {
    const bullet = BULLET.test(rawLine);
    const text = normalise(bullet ? rawLine.replace(BULLET, "") : rawLine);
    if (text === "" || JUNK.some((re) => re.test(normalise(rawLine)))) continue;
    lines.push({ text, bullet });
  }
  // The title is the page's <h1>; do not repeat it as the first body line.
  const first = lines[0];
  if (first && fold(first.text) === fold(title)) lines.shift();
  return lines;
}

function looksLikeHeading(line: Line, next: Line | undefined): boolean {
  if (line.bullet || next === undefined || next.bullet) return false;
  if (line.text.length > MAX_HEADING_CHARS) return false;
  return !/[.!?:;,…]["'”’)\]]*$/.test(line.text);
}

export function toBlocks(raw: string, title: string): BodyBlock[] {
  const lines = toLines(raw, title);
  const heading = lines.map((line, i) => looksLikeHeading(line, lines[i + 1]));
  const blocks: BodyBlock[] = [];
  lines.forEach((line, i) => {
    if (line.bullet) {
      const last = blocks[blocks.length - 1];
      if (last?.type === "ul") last.items.push(line.text);
      else blocks.push({ type: "ul", items: [line.text] });
    } else if (heading[i]) {
      blocks.push({ type: heading[i + 1] ? "h2" : "h3", text: line.text });
    } else {
      blocks.push({ type: "p", text: line.text });
    }
  });
  return blocks;
}

/** First paragraph, cut at a word boundary: the feed description and meta description. */
export function excerptOf(blocks: BodyBlock[], max = 280): string {
  const first = blocks.find((b) => b.type === "p");
  const text = first && "text" in first ? first.text : "";
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(" ", max))} […]`;
}

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

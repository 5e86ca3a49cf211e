import type { Block, ExtractedArticle } from "@radar/core";
import {
  endsSentence,
  isBullet,
  isChrome,
  isHeadingLike,
  normalizeSpace,
  startsLowercaseWord,
  stripBullet,
} from "./text-lines.js";

/**
 * Plain text → ExtractedArticle. Text pasted from a page: headings on their own lines,
 * paragraphs separated by blank lines or by single newlines, bullets as "•"/"-"/"1." lines.
 * Text headings get level 2 (text carries no hierarchy); the title is not repeated as a block.
 */
export function extractText(text: string): ExtractedArticle {
  const units = toUnits(text).filter((u) => !isChrome(u.text));
  const kinds = units.map((u, i) => classify(u, i, units));
  let start = 0;
  let title = "";
  if (units[0] && units.length > 1 && (kinds[0] === "heading" || isQuestionTitle(units[0].text))) {
    title = units[0].text;
    start = 1;
  }
  const blocks: Block[] = [];
  for (let i = start; i < units.length; i++) {
    const unit = units[i]!;
    const kind = kinds[i]!;
    if (kind === "item") pushItem(blocks, unit.text);
    else if (kind === "heading") blocks.push({ type: "heading", text: unit.text, level: 2 });
    else blocks.push({ type: "paragraph", text: unit.text });
  }
  return { title, publishedAt: null, author: null, url: null, categories: [], tags: [], blocks };
}

/** Headlines may ask a question ("Is ambient AI ready for the NHS?"): only the first line counts. */
function isQuestionTitle(line: string): boolean {
  return line.length < 160 && line.endsWith("?") && isHeadingLike(line.slice(0, -1));
}

interface Unit {
  text: string;
  bullet: boolean;
}
type Kind = "heading" | "paragraph" | "item";

/** A heading-like line is a heading only when some content follows it. */
function classify(unit: Unit, i: number, units: readonly Unit[]): Kind {
  if (unit.bullet) return "item";
  if (isHeadingLike(unit.text) && i + 1 < units.length) return "heading";
  return "paragraph";
}

/** Consecutive list items share one list block, even across blank lines. */
export function pushItem(blocks: Block[], item: string): void {
  const last = blocks[blocks.length - 1];
  if (last && last.type === "list" && last.items) {
    last.items.push(item);
    last.text = last.items.join("\n");
    return;
  }
  blocks.push({ type: "list", text: item, items: [item] });
}

/** Split text into logical lines, re-joining hard-wrapped paragraphs and bullet continuations. */
function toUnits(text: string): Unit[] {
  const clean = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").replace(/\u0000/g, "");
  const units: Unit[] = [];
  for (const chunk of clean.split(/\n[ \t\u00a0]*\n/)) {
    const lines = chunk.split("\n").map(normalizeSpace).filter((l) => l.length > 0);
    const wrapped = looksHardWrapped(lines);
    let prev: Unit | undefined;
    for (const line of lines) {
      const bullet = isBullet(line);
      if (prev && !bullet && (wrapped || isContinuation(prev.text, line))) {
        prev.text = `${prev.text} ${line}`;
        continue;
      }
      prev = { text: bullet ? stripBullet(line) : line, bullet };
      if (prev.text.length > 0) units.push(prev);
    }
  }
  return units;
}

function isContinuation(prev: string, line: string): boolean {
  return !endsSentence(prev) && startsLowercaseWord(line);
}

/**
 * Text wrapped at a fixed width (e-mail, terminals): three or more lines whose lengths,
 * apart from the last, sit in a narrow 50-100 char band. Pasted web text has ragged lines.
 */
function looksHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 3 || lines.some(isBullet)) return false;
  const body = lines.slice(0, -1).map((l) => l.length);
  const min = Math.min(...body);
  const max = Math.max(...body);
  return min >= 50 && max <= 100 && max - min <= 25;
}

import type { Block } from "@radar/core";
import { isElement, tagName, type DomNode } from "./dom.js";
import { normalizeSpace } from "./text-lines.js";

/** A block plus how much of its text sat inside links (for boilerplate filtering). */
export type RawBlock = Block & { linkChars: number };

const INLINE = new Set([
  "a", "b", "i", "em", "strong", "u", "s", "small", "sub", "sup", "abbr", "cite", "q", "code",
  "mark", "time", "img", "wbr", "del", "ins", "label", "bdi", "bdo", "dfn", "kbd", "var", "tt",
  "big", "span", "font", "picture", "source", "data", "nobr",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "head", "title"]);

interface Seg {
  text: string;
  link: boolean;
  br?: boolean;
}

/**
 * Walks content roots in document order and emits heading / paragraph / list blocks.
 * Any non-inline element is a paragraph boundary, so divs with direct text become
 * paragraphs, and <br><br> splits a run of text into paragraphs. Iterative throughout.
 */
export function buildBlocks(roots: DomNode[], pruned: Set<DomNode>): RawBlock[] {
  const out: RawBlock[] = [];
  let segs: Seg[] = [];
  const flush = () => {
    if (segs.length > 0) emitParagraphs(segs, out);
    segs = [];
  };
  // Stack entries: a node to visit, or a marker closing a block or a link.
  type Entry = { node: DomNode; link: boolean } | { close: "block" };
  const stack: Entry[] = roots.slice().reverse().map((node) => ({ node, link: false }));
  while (stack.length > 0) {
    const e = stack.pop()!;
    if ("close" in e) {
      flush();
      continue;
    }
    const { node, link } = e;
    if (node.type === "text") {
      segs.push({ text: node.data ?? "", link });
      continue;
    }
    if (!isElement(node) || pruned.has(node)) continue;
    const tag = tagName(node);
    if (SKIP.has(tag)) continue;
    if (tag === "br") {
      segs.push({ text: " ", link: false, br: true });
      continue;
    }
    const inline = INLINE.has(tag);
    if (!inline) {
      flush();
      if (emitSpecial(node, tag, pruned, out)) continue;
      stack.push({ close: "block" });
    }
    const kids = node.children ?? [];
    const inLink = link || tag === "a";
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, link: inLink });
  }
  flush();
  return out;
}

/** Headings, lists and <pre> become one block each; returns true when handled. */
function emitSpecial(node: DomNode, tag: string, pruned: Set<DomNode>, out: RawBlock[]): boolean {
  const h = /^h([1-6])$/.exec(tag);
  if (h) {
    const { text, linkChars } = collectText(node, pruned, null);
    if (text) out.push({ type: "heading", text, level: Number(h[1]), linkChars });
    return true;
  }
  if (tag === "ul" || tag === "ol") {
    const items: string[] = [];
    let linkChars = 0;
    for (const li of listItems(node, pruned)) {
      const r = collectText(li, pruned, (n) => n !== li && (tagName(n) === "ul" || tagName(n) === "ol"));
      if (r.text) items.push(r.text);
      linkChars += r.linkChars;
    }
    if (items.length > 0) out.push({ type: "list", text: items.join("\n"), items, linkChars });
    return true;
  }
  if (tag === "pre") {
    const { text, linkChars } = collectText(node, pruned, null);
    if (text) out.push({ type: "paragraph", text, linkChars });
    return true;
  }
  return false;
}

/** All <li> under a list in document order (nested lists flattened into the same block). */
function listItems(list: DomNode, pruned: Set<DomNode>): DomNode[] {
  const items: DomNode[] = [];
  const stack: DomNode[] = [...(list.children ?? [])].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n) || pruned.has(n)) continue;
    if (tagName(n) === "li") items.push(n);
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return items;
}

/** Normalised text and link-text length of a subtree; `stop` excludes nested subtrees. */
function collectText(root: DomNode, pruned: Set<DomNode>, stop: ((n: DomNode) => boolean) | null) {
  const parts: string[] = [];
  let linkChars = 0;
  const stack: Array<[DomNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [n, link] = stack.pop()!;
    if (n.type === "text") {
      parts.push(n.data ?? "");
      if (link) linkChars += normalizeSpace(n.data ?? "").length;
      continue;
    }
    if (!isElement(n) || pruned.has(n) || SKIP.has(tagName(n)) || stop?.(n)) continue;
    if (tagName(n) === "br" || !INLINE.has(tagName(n))) parts.push(" ");
    const kids = n.children ?? [];
    const inLink = link || tagName(n) === "a";
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, inLink]);
  }
  return { text: normalizeSpace(parts.join("")), linkChars };
}

/** Split a text run on <br><br> (two breaks with only whitespace between) into paragraphs. */
function emitParagraphs(segs: Seg[], out: RawBlock[]): void {
  let parts: string[] = [];
  let link = 0;
  let pendingBr = 0;
  const close = () => {
    const text = normalizeSpace(parts.join(""));
    if (text) out.push({ type: "paragraph", text, linkChars: Math.min(link, text.length) });
    parts = [];
    link = 0;
  };
  for (const s of segs) {
    if (s.br) {
      pendingBr++;
      parts.push(" ");
      continue;
    }
    if (/^\s*$/.test(s.text)) {
      parts.push(s.text);
      continue;
    }
    if (pendingBr >= 2) close();
    pendingBr = 0;
    parts.push(s.text);
    if (s.link) link += normalizeSpace(s.text).length;
  }
  close();
}

import { classAndId, type NodeStats } from "./content-prune.js";
import { isElement, tagName, type DomNode } from "./dom.js";

/** Elements whose loose text (text not inside a <p>) reads as a paragraph of their own. */
const LOOSE_TEXT_TAGS = new Set(["div", "section", "article", "td", "main", "center", "blockquote", "li", "dd"]);
/** Inline tags: their text belongs to the nearest enclosing block. */
const INLINE_TAGS = new Set(["a", "b", "i", "em", "strong", "u", "s", "small", "sub", "sup", "abbr", "cite", "q", "code", "mark", "time", "br", "img", "wbr", "del", "ins", "label", "bdi", "bdo", "dfn", "kbd", "var", "tt", "big", "span", "font"]);
const POSITIVE = /article|body|content|entry|hentry|main|page|post|text|blog|story|prose/i;
const NEGATIVE = /hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu/i;

interface Unit {
  container: DomNode;
  text: string;
}

/**
 * Readability-style scoring: each paragraph-like unit credits its container fully, the next
 * ancestor half and further ancestors less; containers are weighted by tag and class/id and
 * penalised by link density. Returns the winning container plus sibling containers that
 * carry the same article (bodies split around ads or embeds).
 */
export function scoreContent(root: DomNode, pruned: Set<DomNode>, stats: Map<DomNode, NodeStats>): DomNode[] {
  const scores = new Map<DomNode, number>();
  for (const unit of collectUnits(root, pruned)) {
    const len = unit.text.length;
    if (len < 25) continue;
    const s = 1 + countCommas(unit.text) + Math.min(Math.floor(len / 100), 3);
    let node: DomNode | null = unit.container;
    for (let level = 0; node && node !== root && level < 5; level++, node = node.parent) {
      const prev = scores.get(node) ?? initialScore(node);
      scores.set(node, prev + (level === 0 ? s : level === 1 ? s / 2 : s / (level * 3)));
    }
  }
  if (scores.size === 0) return [];
  const final = new Map<DomNode, number>();
  for (const [node, s] of scores) final.set(node, s * (1 - linkDensity(stats.get(node))));
  let top = [...final.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  top = climbOnlyChild(climbToSharedAncestor(top, final), stats);
  return withSiblings(top, final, stats);
}

/** Paragraphs (p, pre) and loose text runs, each attributed to its block container. */
function collectUnits(root: DomNode, pruned: Set<DomNode>): Unit[] {
  const units: Unit[] = [];
  const loose = new Map<DomNode, string[]>();
  // Stack of [node, nearest block ancestor, inside <p>/<pre>]
  const stack: Array<[DomNode, DomNode, DomNode | null]> = [[root, root, null]];
  const paraText = new Map<DomNode, string[]>();
  while (stack.length > 0) {
    const [n, block, para] = stack.pop()!;
    if (n.type === "text") {
      const target = para ? paraText : loose;
      const key = para ?? block;
      const arr = target.get(key);
      if (arr) arr.push(n.data ?? "");
      else target.set(key, [n.data ?? ""]);
      continue;
    }
    if (n !== root && (!isElement(n) || pruned.has(n))) continue;
    const tag = tagName(n);
    if (tag === "script" || tag === "style") continue;
    const isPara = tag === "p" || tag === "pre";
    const nextPara = isPara ? n : para;
    const nextBlock = INLINE_TAGS.has(tag) || n === root ? block : n;
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, nextBlock, nextPara]);
  }
  for (const [p, parts] of paraText) if (p.parent) units.push({ container: p.parent, text: squash(parts) });
  for (const [el, parts] of loose) {
    if (LOOSE_TEXT_TAGS.has(tagName(el))) units.push({ container: el, text: squash(parts) });
  }
  return units;
}

const squash = (parts: string[]): string => parts.join("").replace(/\s+/g, " ").trim();

function initialScore(n: DomNode): number {
  const tag = tagName(n);
  let s = 0;
  if (tag === "div" || tag === "article" || tag === "main") s = 5;
  else if (tag === "pre" || tag === "td" || tag === "blockquote") s = 3;
  else if (["address", "ol", "ul", "dl", "dd", "dt", "li", "form"].includes(tag)) s = -3;
  else if (/^h[1-6]$/.test(tag) || tag === "th") s = -5;
  return s + classWeight(n);
}

function classWeight(n: DomNode): number {
  const names = classAndId(n);
  if (!names) return 0;
  let w = 0;
  if (POSITIVE.test(names)) w += 25;
  if (NEGATIVE.test(names)) w -= 25;
  return w;
}

const countCommas = (t: string): number => (t.match(/[,，、]/g) ?? []).length;

export function linkDensity(s: NodeStats | undefined): number {
  return s && s.text > 0 ? Math.min(1, s.link / s.text) : 0;
}

/** When several near-top candidates sit under one ancestor, the ancestor is the article. */
function climbToSharedAncestor(top: DomNode, final: Map<DomNode, number>): DomNode {
  const topScore = final.get(top) ?? 0;
  const rivals = [...final.entries()]
    .filter(([n, s]) => n !== top && s >= topScore * 0.75 && !isAncestor(n, top) && !isAncestor(top, n))
    .map(([n]) => n);
  if (rivals.length < 2) return top;
  for (let p = top.parent; p && tagName(p) !== "body" && p.type !== "root"; p = p.parent) {
    if (rivals.filter((r) => isAncestor(p, r)).length >= 2) return p;
  }
  return top;
}

/**
 * A top candidate that is its parent's only content-bearing child is replaced by the parent
 * (repeatedly), so that sibling merging looks at the level where a lead paragraph or the
 * second half of a body split around an embed actually sits.
 */
function climbOnlyChild(top: DomNode, stats: Map<DomNode, NodeStats>): DomNode {
  let node = top;
  for (let up = 0; up < 6; up++) {
    const parent = node.parent;
    if (!parent || !isElement(parent) || ["body", "html"].includes(tagName(parent))) break;
    if (!hasOnlyContentChild(parent, node, stats)) break;
    node = parent;
  }
  return node;
}

function hasOnlyContentChild(parent: DomNode, child: DomNode, stats: Map<DomNode, NodeStats>): boolean {
  for (const k of parent.children ?? []) {
    if (k === child) continue;
    if (k.type === "text" ? /\S/.test(k.data ?? "") : (stats.get(k)?.text ?? 0) > 0) return false;
  }
  return true;
}

function isAncestor(a: DomNode, b: DomNode): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

/** The top container plus siblings that look like more of the same article. */
function withSiblings(top: DomNode, final: Map<DomNode, number>, stats: Map<DomNode, NodeStats>): DomNode[] {
  const parent = top.parent;
  if (!parent?.children) return [top];
  const topScore = final.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = classAndId(top);
  const out: DomNode[] = [];
  for (const sib of parent.children) {
    if (!isElement(sib) || !stats.has(sib)) continue;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    const bonus = topClass && classAndId(sib) === topClass ? topScore * 0.2 : 0;
    const s = final.get(sib);
    if (s !== undefined && s + bonus >= threshold) out.push(sib);
    else if (tagName(sib) === "p" ? looksLikeProse(sib, stats) : isProseBlock(sib, stats)) out.push(sib);
  }
  return out;
}

function looksLikeProse(p: DomNode, stats: Map<DomNode, NodeStats>): boolean {
  const s = stats.get(p);
  if (!s) return false;
  const ld = linkDensity(s);
  return (s.text > 80 && ld < 0.25) || (s.text > 0 && s.text <= 80 && ld === 0);
}

/**
 * A wrapper that is nothing but prose paragraphs sitting at most one level down (a lead or
 * standfirst in its own div). Deeper prose (rail > card > teaser <p>) is a widget, not body.
 */
function isProseBlock(el: DomNode, stats: Map<DomNode, NodeStats>): boolean {
  const s = stats.get(el);
  if (!s || s.prose <= 80 || linkDensity(s) >= 0.25) return false;
  let shallow = 0;
  for (const k of el.children ?? []) {
    if (tagName(k) === "p") shallow += stats.get(k)?.prose ?? 0;
    else for (const g of k.children ?? []) if (tagName(g) === "p") shallow += stats.get(g)?.prose ?? 0;
  }
  return shallow >= s.text * 0.8;
}

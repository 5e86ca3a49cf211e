import { load, type CheerioAPI } from "cheerio/slim";

/**
 * The few fields of htmlparser2's domhandler nodes we walk. Declared structurally so the
 * package depends on cheerio only; every walk is iterative (deep pages must not blow the stack).
 */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent: DomNode | null;
}

/**
 * cheerio/slim always parses with htmlparser2 (≈8x faster than parse5 on real pages) and,
 * unlike the main "cheerio" entry, does not import undici, which a pure package must not.
 */
export function parseHtml(html: string): { $: CheerioAPI; root: DomNode } {
  const $ = load(html, { xml: false, decodeEntities: true } as Parameters<typeof load>[1]);
  return { $, root: $.root()[0] as unknown as DomNode };
}

export const isElement = (n: DomNode): boolean =>
  n.type === "tag" || n.type === "script" || n.type === "style";

export const tagName = (n: DomNode): string => (isElement(n) ? (n.name ?? "").toLowerCase() : "");

export const attr = (n: DomNode, key: string): string => n.attribs?.[key] ?? "";

/** Elements in document order (pre-order), iterative. `skip` prunes whole subtrees. */
export function* walkElements(root: DomNode, skip?: (n: DomNode) => boolean): Generator<DomNode> {
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root) {
      if (!isElement(node)) continue;
      if (skip?.(node)) continue;
      yield node;
    }
    const kids = node.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** Text content of a subtree, skipping pruned elements; iterative. */
export function textOf(root: DomNode, skip?: (n: DomNode) => boolean): string {
  const parts: string[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text") {
      parts.push(node.data ?? "");
      continue;
    }
    if (!isElement(node) && node.type !== "root") continue;
    if (node !== root && skip?.(node)) continue;
    const t = tagName(node);
    // Script/style bodies are not visible text, unless the caller asked for that very element.
    if (node !== root && (t === "script" || t === "style" || t === "noscript" || t === "template")) continue;
    if (t === "br") parts.push(" ");
    const kids = node.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join("");
}

export function isInside(node: DomNode, ancestor: DomNode): boolean {
  for (let p: DomNode | null = node; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Every element once, by tag, so metadata lookups are linear even on 10,000-deep pages. */
export interface DomIndex {
  all: DomNode[];
  byTag: Map<string, DomNode[]>;
}

export function indexDom(root: DomNode): DomIndex {
  const all: DomNode[] = [];
  const byTag = new Map<string, DomNode[]>();
  for (const el of walkElements(root)) {
    all.push(el);
    const t = tagName(el);
    const list = byTag.get(t);
    if (list) list.push(el);
    else byTag.set(t, [el]);
  }
  return { all, byTag };
}

const NO_TOKENS: readonly string[] = [];
export const tokens = (n: DomNode, key: string): readonly string[] => {
  const v = n.attribs?.[key];
  return v ? v.toLowerCase().split(/\s+/).filter(Boolean) : NO_TOKENS;
};

export const hasClass = (n: DomNode, cls: string): boolean => {
  const v = n.attribs?.class;
  return v !== undefined && v.includes(cls) && tokens(n, "class").includes(cls);
};

/** Is there an ancestor within `maxUp` levels matching `pred`? Bounded, so never O(depth²). */
export function hasAncestor(n: DomNode, pred: (a: DomNode) => boolean, maxUp = 8): boolean {
  let p = n.parent;
  for (let i = 0; p && i < maxUp; i++, p = p.parent) if (isElement(p) && pred(p)) return true;
  return false;
}

/**
 * Bound the visible text a page can feed into later stages: text nodes past `budget`
 * characters (document order, scripts/styles excluded) are cut. Returns true when it cut.
 */
export function capText(root: DomNode, budget: number): boolean {
  let left = budget;
  let cut = false;
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === "text") {
      const len = n.data?.length ?? 0;
      if (len > left) {
        n.data = (n.data ?? "").slice(0, left);
        cut = true;
      }
      left = Math.max(0, left - len);
      continue;
    }
    if (n.type === "script" || n.type === "style") continue;
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return cut;
}

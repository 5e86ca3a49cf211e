import { attr, isElement, tagName, type DomNode } from "./dom.js";

/** Never content: code, media, controls and caption-only junk. */
const DROP_TAGS = new Set([
  "script", "style", "noscript", "iframe", "svg", "canvas", "template", "button", "select",
  "input", "textarea", "option", "figcaption", "object", "embed", "video", "audio", "map",
  "dialog", "link", "meta", "head", "title", "amp-ad", "amp-embed", "amp-analytics",
  "amp-social-share", "amp-sidebar", "amp-iframe", "amp-video", "amp-consent", "amp-sticky-ad",
  "amp-auto-ads", "amp-pixel",
]);
/** Page furniture by tag: dropped unless it wraps most of the page (ASP.NET <form>, etc.). */
const FURNITURE_TAGS = new Set(["nav", "footer", "aside", "header", "form", "menu"]);

/** Class/id words that always mean "not the article" (comments, sharing, related, ads…). */
const HARD_NEGATIVE =
  /(?:^|[\s_-])(?:comments?|commentlist|disqus|respond|replies|cookies?|cookiebar|consent|gdpr|newsletters?|subscribe|subscription|signup|share|shares|sharing|sharedaddy|sharebar|social|socials|related|relatedposts|yarpp|recommended|recommendations|outbrain|taboola|breadcrumbs?|popup|modal|advert|adverts|advertisement|ads?|adslot|adunit|dfp|promo|skip|sr-only|screen-reader-text|visually-hidden|visuallyhidden)(?:$|[\s_-])/i;
/** Words that usually mean chrome, but are also used loosely on layout wrappers. */
const SOFT_NEGATIVE =
  /(?:^|[\s_-])(?:sidebar|widgets?|nav|navbar|navigation|menu|footer|header|masthead|banner|byline|author-bio|author-box|authorbox|bio|meta|tags|taglist|tagcloud|pagination|pager|toolbar|tools|utility|print|rss|skyscraper|supplemental|more-stories|read-more|readmore|newsletter-signup|caption|credit|hidden)(?:$|[\s_-])/i;

/** Layout modifiers ("has-sidebar") and WordPress taxonomy classes ("tag-social-care") say
 * nothing about what the element holds; ignore them when matching chrome words. */
const MODIFIER_CLASS = /^(?:has|with|no|is|js|show|hide|page|single|layout|template|body|tag|category|format|status|type|postid)[-_]/i;

/** Class and id, plus the component names modern front-ends put in data attributes. */
export function classAndId(n: DomNode): string {
  const a = n.attribs;
  if (!a) return "";
  const cls = (a.class ?? "").split(/\s+/).filter((c) => c && !MODIFIER_CLASS.test(c));
  return [cls.join(" "), a.id, a["data-component"], a["data-testid"], a["data-module"]]
    .filter(Boolean)
    .join(" ")
    .trim();
}

export interface NodeStats {
  text: number;
  link: number;
  /** Text of prose paragraphs (<p> of 60+ chars, few links) inside: chrome rarely has any. */
  prose: number;
}

/** Visible-text and link-text lengths per element (whitespace collapsed), one iterative pass. */
export function computeStats(root: DomNode, pruned?: Set<DomNode>): Map<DomNode, NodeStats> {
  const order: DomNode[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== root && (!isElement(n) || pruned?.has(n) || DROP_TAGS.has(tagName(n)))) continue;
    order.push(n);
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const stats = new Map<DomNode, NodeStats>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const s: NodeStats = { text: 0, link: 0, prose: 0 };
    for (const k of n.children ?? []) {
      if (k.type === "text") s.text += visibleLength(k.data ?? "");
      else {
        const ks = stats.get(k);
        if (ks) {
          s.text += ks.text;
          s.link += ks.link;
          s.prose += ks.prose;
        }
      }
    }
    const tag = tagName(n);
    if (tag === "a") s.link = s.text;
    else if (tag === "p" && s.text >= 60 && s.link < s.text * 0.3) s.prose = s.text;
    stats.set(n, s);
  }
  return stats;
}

function visibleLength(s: string): number {
  if (s.length > 200_000) return s.trim().length;
  return s.replace(/\s+/g, " ").trim().length;
}

/**
 * Elements whose subtree is not article content. Chrome is recognised by tag and by class/id;
 * a wrapper holding most of the page's text is spared (mis-named layout containers), and so
 * is anything containing a known article container.
 */
export function findPruned(root: DomNode, raw: Map<DomNode, NodeStats>, keep: Set<DomNode>): Set<DomNode> {
  const pruned = new Set<DomNode>();
  const total = Math.max(1, raw.get(root)?.text ?? 1);
  const totalProse = Math.max(1, raw.get(root)?.prose ?? 1);
  const stack: DomNode[] = [...(root.children ?? [])].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (!keep.has(n) && isJunk(n, raw.get(n), total, totalProse)) {
      pruned.add(n);
      continue;
    }
    const kids = n.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return pruned;
}

/** Words that mark an article container even when chrome words share its class list. */
const POSITIVE = /article|body|content|entry|main|post|story|text|prose/i;
const DISCUSSION = /comment|disqus|respond|repl(?:y|ies)/i;

function isJunk(n: DomNode, stats: NodeStats | undefined, total: number, totalProse: number): boolean {
  const tag = tagName(n);
  if (DROP_TAGS.has(tag)) return true;
  if (tag === "html" || tag === "body" || tag === "main") return false;
  const share = (stats?.text ?? 0) / total;
  if (isHidden(n)) return share < 0.5;
  if (FURNITURE_TAGS.has(tag)) return share < 0.5;
  const names = classAndId(n);
  if (!names) return false;
  // A link or span inside running text is part of the sentence, whatever it is called
  // (class="popup" footnote links, "share-link" mentions); only hidden-text classes drop it.
  if (INLINE_FLOW.has(tag) && inTextFlow(n)) return HIDDEN_TEXT.test(names);
  const hard = HARD_NEGATIVE.test(names);
  if (!hard && !SOFT_NEGATIVE.test(names)) return attr(n, "role") === "navigation" || attr(n, "role") === "complementary";
  const proseShare = (stats?.prose ?? 0) / totalProse;
  if (looksLikeArticleContainer(n, names, stats, Math.max(share, proseShare))) return false;
  // "read-more-content", "story-meta-wrap": a loosely named wrapper that holds most of the
  // page's prose paragraphs is the article, however small its share of all page text.
  if (!hard && proseShare >= 0.5) return false;
  return share < (hard ? 0.7 : 0.5);
}

/** "article-body social-share-enabled": a big, prose-like, positively named container stays. */
function looksLikeArticleContainer(n: DomNode, names: string, stats: NodeStats | undefined, share: number): boolean {
  if (DISCUSSION.test(names) || !stats || stats.text === 0) return false;
  if (!POSITIVE.test(names) && tagName(n) !== "article") return false;
  return share >= 0.2 && stats.link / stats.text < 0.3;
}

const INLINE_FLOW = new Set(["a", "span", "em", "strong", "b", "i", "u", "small", "font", "abbr", "cite", "q", "mark", "sup", "sub"]);
const HIDDEN_TEXT = /(?:^|[\s_-])(?:sr-only|screen-reader-text|visually-?hidden|hidden|offscreen|element-invisible)(?:$|[\s_-])/i;

/** Per parent, computed once: a paragraph with 100,000 styled links must stay linear. */
const flowCache = new WeakMap<DomNode, boolean>();

/** Has a sibling text node with words: the element sits mid-sentence. */
function inTextFlow(n: DomNode): boolean {
  const parent = n.parent;
  if (!parent) return false;
  let known = flowCache.get(parent);
  if (known === undefined) {
    known = (parent.children ?? []).some((k) => k.type === "text" && /[\p{L}\p{N}]/u.test(k.data ?? ""));
    flowCache.set(parent, known);
  }
  return known;
}

function isHidden(n: DomNode): boolean {
  if (n.attribs && "hidden" in n.attribs) return true;
  const style = attr(n, "style").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}

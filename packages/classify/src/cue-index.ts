import { cuePrefixes } from "./cue-prefix.js";

/**
 * Where in a text each cue of each group may match, found in one regex pass per case mode
 * instead of trying every cue at every word boundary.
 *
 * Each cue's possible leading characters (up to 24, see cue-prefix.ts) go into a trie. A finder
 * regex `\b(?:d(?=ata|igital)|p(?=atient)|…)` built from the trie stops only at word starts where
 * some key begins (V8 runs a leading \b plus literal alternatives far faster than look-aheads or
 * `(?:\b|(?=£))`); "£" keys are found with indexOf. The trie walk then names the cues. Cues the
 * parser cannot bound, or with too many keys (`[A-Z][a-z]+ Care Record`), are scanned with their
 * own regex. The result is a superset of the real matches: the caller runs each cue's sticky regex
 * at its candidates, in taxonomy order.
 */
export interface CueIndex {
  /**
   * Candidates per group (by the group numbers given to buildCueIndex) of the case-insensitive
   * cues, found in `lower` (text.toLowerCase()), and of the exact cues, found in `text`. Each
   * candidate is encoded as pos * CUE_SLOTS + cue (the cue's index in its group), ascending by
   * position (the cues at one position in no particular order).
   */
  hits(text: string, lower: string): { ci: number[][]; cs: number[][] };
}

export const CUE_SLOTS = 1024;

/** Trie over the first characters of the keys; `cues` (group * CUE_SLOTS + cue) have a key ending here. */
interface Node {
  cues: number[];
  next: Map<number, Node> | null;
}

const KEY_LEN = 24;
/**
 * Keys are as long as possible with at most this many per cue; a cue whose keys are single
 * characters of a large class is scanned on its own.
 */
const MAX_TRIE_KEYS = 200;
const POUND = 0xa3;

interface Mode {
  roots: Map<number, Node>;
  finder: RegExp | null;
  /** Cues scanned with their own regex (every match start, overlapping). */
  own: Array<{ code: number; re: RegExp }>;
  groups: number;
}

function child(node: Node, c: number): Node {
  node.next ??= new Map();
  let n = node.next.get(c);
  if (!n) node.next.set(c, (n = { cues: [], next: null }));
  return n;
}

/** groups[g] = the sources of group g's cues, as compiled (already lower-cased where the text will be). */
function buildMode(groups: string[][]): Mode {
  const roots = new Map<number, Node>();
  const own: Mode["own"] = [];
  groups.forEach((srcs, g) => {
    srcs.forEach((src, k) => {
      if (k >= CUE_SLOTS) throw new Error("too many cues in one theme");
      const code = g * CUE_SLOTS + k;
      const keys = cuePrefixes(src, KEY_LEN, MAX_TRIE_KEYS);
      if (keys === null || (keys[0]!.length === 1 && keys.length > 8)) {
        // The cue's own global regex (its matches are rare); no "£" start possible: a plain \b.
        const lead = cuePrefixes(src, 1, 65536)?.includes("£") === false ? "\\b" : "(?:\\b|(?=£))";
        own.push({ code, re: new RegExp(`${lead}(?:${src})\\b`, "g") });
        return;
      }
      for (const key of keys) {
        let node = roots.get(key.charCodeAt(0));
        if (!node) roots.set(key.charCodeAt(0), (node = { cues: [], next: null }));
        for (let j = 1; j < key.length; j++) node = child(node, key.charCodeAt(j));
        if (!node.cues.includes(code)) node.cues.push(code);
      }
    });
  });
  const firsts: string[] = [];
  roots.forEach((node, c) => {
    if (c === POUND) return;
    firsts.push(node.cues.length > 0 || node.next === null ? hex(c) : `${hex(c)}(?=${alternatives(node.next)})`);
  });
  const finder = firsts.length ? new RegExp(`\\b(?:${firsts.join("|")})`, "g") : null;
  return { roots, finder, own, groups: groups.length };
}

/** A character for the finder regex: letters and digits as they are, anything else escaped. */
const hex = (c: number) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `\\u${c.toString(16).padStart(4, "0")}`);

/** The trie below a node as a regex: children that end a key become one character class. */
function alternatives(nodes: Map<number, Node>): string {
  const leaves: number[] = [];
  const parts: string[] = [];
  for (const [c, node] of nodes) {
    if (node.cues.length > 0 || node.next === null) leaves.push(c);
    else parts.push(`${hex(c)}${alternatives(node.next)}`);
  }
  if (leaves.length) parts.unshift(`[${leaves.map(hex).join("")}]`);
  return `(?:${parts.join("|")})`;
}

/** Start positions where some trie key may begin: the finder's word starts, plus every "£". */
function starts(mode: Mode, str: string): number[] {
  const out: number[] = [];
  const finder = mode.finder;
  if (finder) {
    // test() allocates nothing; the match consumes exactly the key's first character.
    finder.lastIndex = 0;
    while (finder.test(str)) out.push(finder.lastIndex - 1);
  }
  if (mode.roots.has(POUND) && str.includes("£")) {
    for (let p = str.indexOf("£"); p >= 0; p = str.indexOf("£", p + 1)) out.push(p);
    out.sort((a, b) => a - b);
  }
  return out;
}

/** Shared by every group without candidates (never written to). */
const NONE: number[] = [];

function add(out: number[][], g: number, v: number): void {
  if (out[g] === NONE) out[g] = [v];
  else out[g]!.push(v);
}

function scan(mode: Mode, str: string): number[][] {
  const out: number[][] = new Array<number[]>(mode.groups).fill(NONE);
  for (const p of starts(mode, str)) {
    let node: Node | null | undefined = mode.roots.get(str.charCodeAt(p));
    for (let j = 1; node; j++) {
      for (const code of node.cues) add(out, Math.floor(code / CUE_SLOTS), p * CUE_SLOTS + (code % CUE_SLOTS));
      if (node.next === null || p + j >= str.length) break;
      node = node.next.get(str.charCodeAt(p + j));
    }
  }
  if (mode.own.length === 0) return out;
  const touched = new Set<number>();
  for (const { code, re } of mode.own) {
    const g = Math.floor(code / CUE_SLOTS);
    re.lastIndex = 0;
    // Every start, overlapping: resume one past each match start.
    for (let m = re.exec(str); m; m = re.exec(str)) {
      add(out, g, m.index * CUE_SLOTS + (code % CUE_SLOTS));
      re.lastIndex = m.index + 1;
    }
    touched.add(g);
  }
  for (const g of touched) out[g]!.sort((a, b) => a - b);
  return out;
}

export function buildCueIndex(ciGroups: string[][], csGroups: string[][]): CueIndex {
  const ci = buildMode(ciGroups);
  const cs = buildMode(csGroups);
  return { hits: (text, lower) => ({ ci: scan(ci, lower), cs: scan(cs, text) }) };
}

import type { Region } from "@radar/core";
import { readGazetteerRows, type GazOrg } from "./gazetteer-csv.js";
import { isGeographic, placeEntries } from "./places.js";
import { UNSAFE_STEMS } from "./org-facts.js";
import { isAcronymToken, LazyToken, tokenize, type Token } from "./text.js";

/**
 * Gazetteer index: every official name, alias and generated variant as a token sequence in
 * one trie, so a text is scanned once, leftmost-longest. Acronym tokens match case-sensitively;
 * capitalised name words must be capitalised in the text too ("north london" is prose, not a body).
 */

type Mode = 0 | 1 | 2; // 0 any case, 1 capitalised, 2 exact (acronym)
interface Entry {
  org: number; // -1 for places
  place?: { name: string; region: Region };
  /** 0 strong (name/alias), 1 weak (bare ICB/board place name, bare acronym), 2 place. */
  rank: 0 | 1 | 2;
  /** A trust's places without its descriptor ("York and Scarborough"): not after "in", "across"… */
  short?: boolean;
  modes: Mode[];
  raws: string[];
}
interface Node {
  next: Map<string, Node>;
  ends: Entry[];
}

export interface Mention {
  org: GazOrg | null;
  place: { name: string; region: Region } | null;
  rank: 0 | 1 | 2;
  start: number;
  end: number;
  text: string;
}

export interface Gazetteer {
  orgs: GazOrg[];
  byName: Map<string, GazOrg>;
  /** All org and place mentions in text, leftmost-longest, non-overlapping. */
  scan(text: string, localAliases?: Map<string, number>): Mention[];
  size: number;
}

const SMALL = new Set(["and", "of", "the", "for", "upon", "on", "in", "at", "with"]);
const TRUST_SUFFIX = /\s+(?:NHS Foundation Trust|NHS Trust|Foundation Trust|NHS FT)$/;
const SUFFIXES = ["NHS Foundation Trust", "NHS FT", "NHSFT", "NHS Trust", "Foundation Trust", "FT", "Trust", "NHS", "NHS Group"];
const TRUST_KINDS = new Set(["trust", "foundation-trust", "ambulance-trust"]);

/** What a trust's stem says it is, after its places: "Teaching Hospitals", "Healthcare"… */
const DESCRIPTOR = /\s+(?:(?:University |Teaching |Acute |Combined |Community |Orthopaedic |Mental Health )*(?:Hospitals?|Healthcare|Health and Care|Health Services|Mental Health|Health|Integrated Care|Partnership|Care))$/;
/** Two or more places joined by "and" (and commas): "Doncaster and Bassetlaw", "Wrightington, Wigan and Leigh". */
const PLACE_LIST = /^[A-Z][a-z']+(?: [A-Z][a-z']+)*(?:, [A-Z][a-z']+(?: [A-Z][a-z']+)*)* and [A-Z][a-z']+(?: [A-Z][a-z']+)*$/;

/**
 * Reporters name a trust by its places alone once it is known ("York and Scarborough has
 * extended…", "Lewisham and Greenwich extends…", where the name is nothing but its places). Only
 * a list of places qualifies: one place ("Leeds") is the city, and a single word ("Mersey") is
 * many bodies. Other bodies' names are removed from these in loadGazetteer.
 */
export function shortFormOf(o: GazOrg): string | null {
  if (!TRUST_KINDS.has(o.kind)) return null;
  const stem = o.name.replace(/^The\s+/, "").replace(TRUST_SUFFIX, "");
  const short = stem.replace(DESCRIPTOR, "");
  return PLACE_LIST.test(short) ? short : null;
}

function variantsOf(o: GazOrg): Array<{ text: string; rank: 0 | 1 }> {
  const out: Array<{ text: string; rank: 0 | 1 }> = [];
  const add = (text: string, rank: 0 | 1) => text.trim() && out.push({ text: text.trim(), rank });
  const names = o.kind === "region" ? o.aliases : [o.name, ...o.aliases];
  for (const n0 of names) {
    add(n0, 0);
    const n = n0.replace(/^The\s+/, "");
    if (n !== n0) add(n, 0);
    if (TRUST_KINDS.has(o.kind) && TRUST_SUFFIX.test(n)) {
      const stem = n.replace(TRUST_SUFFIX, "");
      for (const s of SUFFIXES) add(`${stem} ${s}`, 0);
      if (!isGeographic(stem) && !UNSAFE_STEMS.has(stem.toLowerCase())) add(stem, 0);
    }
    const acr = /^([A-Z][A-Za-z&]{1,6}) (?:ICB|ICS)$/.exec(n);
    if (acr && acr[1]!.replace(/[^A-Z]/g, "").length >= 3) add(acr[1]!, 1);
  }
  if (o.kind === "icb") add(o.name.replace(/^NHS\s+/, "").replace(/\s+Integrated Care Board$/, ""), 1);
  if (o.kind === "health-board") {
    const stem = o.name.replace(/^NHS\s+/, "").replace(/\s+(?:University |Teaching )?Health Board$/, "");
    if (stem !== o.name && !UNSAFE_STEMS.has(stem.toLowerCase())) add(stem, 1);
  }
  return out;
}

function modesOf(toks: Token[]): Mode[] {
  return toks.map((t) => (isAcronymToken(t.raw) ? 2 : /^\p{Lu}/u.test(t.raw) && !SMALL.has(t.key) ? 1 : 0));
}

function insert(root: Node, toks: Token[], entry: Omit<Entry, "modes" | "raws">): void {
  if (toks.length === 0 || toks.some((t) => t.brk)) return;
  let node = root;
  for (const t of toks) {
    let nx = node.next.get(t.key);
    if (!nx) node.next.set(t.key, (nx = { next: new Map(), ends: [] }));
    node = nx;
  }
  const modes = modesOf(toks);
  const raws = toks.map((t) => t.raw);
  const same = node.ends.find((e) => e.org === entry.org && e.rank === entry.rank && e.raws.join(" ") === raws.join(" "));
  if (!same) node.ends.push({ ...entry, modes, raws });
}

/** raw without a trailing possessive: what /'s$|'$/ removes. */
function unpossessed(raw: string): string {
  const n = raw.length;
  if (n > 0 && raw.charCodeAt(n - 1) === 39) return raw.slice(0, -1);
  if (n > 1 && raw.charCodeAt(n - 1) === 115 && raw.charCodeAt(n - 2) === 39) return raw.slice(0, -2);
  return raw;
}

const UPPER_OR_DIGIT_RE = /^[\p{Lu}\p{N}]/u;

/** /^[\p{Lu}\p{N}]/u, with the ASCII answer computed directly (nearly every token). */
function capitalised(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER_OR_DIGIT_RE.test(raw);
}

function accepts(e: Entry, toks: Token[], from: number, path: number[]): boolean {
  for (let k = 0; k < e.modes.length; k++) {
    const t = toks[path[k]!]!;
    const m = e.modes[k]!;
    if (m === 2 && t.raw !== e.raws[k] && unpossessed(t.raw) !== e.raws[k]) return false;
    if (m === 1 && !capitalised(t.raw)) return false;
  }
  return !(e.short && from > 0 && LOCATIVE.has(toks[from - 1]!.key));
}

/** "patients across Surrey and Sussex": after these, a list of places is the places. */
const LOCATIVE = new Set(["in", "across", "throughout", "around", "covering", "serving", "of", "for", "from", "to", "between", "and"]);

export function loadGazetteer(csvText: string): Gazetteer {
  const orgs = readGazetteerRows(csvText);
  const root: Node = { next: new Map(), ends: [] };
  let size = 0;
  const claimed = new Set<string>(); // every name and variant, lower case
  for (const o of orgs) {
    for (const v of variantsOf(o)) insert(root, tokenize(v.text), { org: o.id, rank: v.rank }), size++, claimed.add(v.text.toLowerCase());
  }
  for (const o of orgs) {
    const short = shortFormOf(o);
    // "Birmingham and Solihull" is also the ICB: a short form nobody else answers to, or none.
    if (short && !claimed.has(short.toLowerCase())) insert(root, tokenize(short), { org: o.id, rank: 0, short: true }), size++;
  }
  for (const p of placeEntries()) insert(root, tokenize(p.name), { org: -1, place: p, rank: 2 }), size++;
  const byName = new Map(orgs.map((o) => [o.name, o]));
  const bits = prefixBits([...root.next.keys()]);
  return { orgs, byName, size, scan: (text, local) => scan(root, bits, orgs, text, local ?? new Map()) };
}

/**
 * The first three characters (ASCII, lower case, 0-padded) of every entry's first word, as a bit
 * set: most tokens are rejected by one lookup, without making their key string.
 */
function prefixBits(keys: string[]): Uint8Array {
  const bits = new Uint8Array(1 << 18); // 2^21 bits: three 7-bit characters
  for (const k of keys) {
    let code = 0;
    for (let i = 0; i < 3; i++) {
      const c = i < k.length ? k.charCodeAt(i) : 0;
      if (c >= 128) return bits.fill(255); // a non-ASCII key: let every token through
      code = (code << 7) | c;
    }
    bits[code >> 3]! |= 1 << (code & 7);
  }
  return bits;
}

/** root.next.has(t.key), with the key's first three characters read off the text first. */
function startsEntry(root: Node, bits: Uint8Array, t: LazyToken): boolean {
  const s = t.src;
  let end = t.end;
  const last = s.charCodeAt(end - 1);
  if (last === 39 || last === 0x2019) end -= 1;
  else if ((last === 115 || last === 83) && end - t.start >= 2 && (s.charCodeAt(end - 2) === 39 || s.charCodeAt(end - 2) === 0x2019)) end -= 2;
  let code = 0;
  for (let i = 0; i < 3; i++) {
    let c = t.start + i < end ? s.charCodeAt(t.start + i) : 0;
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    else if (c >= 128 || c === 38) return root.next.has(t.key); // accents, "&": the key itself
    code = (code << 7) | c;
  }
  return (bits[code >> 3]! & (1 << (code & 7))) !== 0 && root.next.has(t.key);
}

const ACR_RE = /^[A-Z][A-Za-z&]{1,7}$/;

/** Longest accepted entry starting at token i, allowing "(ACR)" between name and suffix. */
function longestAt(root: Node, toks: Token[], i: number): { entry: Entry; last: number; acr: string | null } | null {
  let node: Node | undefined = root;
  let best: { entry: Entry; last: number; acr: string | null } | null = null;
  const path: number[] = [];
  let acr: string | null = null;
  let j = i;
  while (node && j < toks.length) {
    let t = toks[j]!;
    if (t.raw === "(" && path.length > 0 && ACR_RE.test(toks[j + 1]?.raw ?? "") && toks[j + 2]?.raw === ")" && toks[j + 3] && node.next.has(toks[j + 3]!.key)) {
      acr = toks[j + 1]!.raw;
      j += 3;
      t = toks[j]!;
    }
    if (t.brk) break;
    node = node.next.get(t.key);
    if (!node) break;
    path.push(j);
    let ok: Entry | undefined;
    for (const e of node.ends) if ((!ok || e.rank < ok.rank) && accepts(e, toks, i, path)) ok = e;
    if (ok) best = { entry: ok, last: j, acr };
    j++;
  }
  return best;
}

function scan(root: Node, bits: Uint8Array, orgs: GazOrg[], text: string, local: Map<string, number>): Mention[] {
  const toks = tokenize(text);
  const out: Mention[] = [];
  // First characters of the local aliases: a token starting otherwise cannot be one (no need for its raw).
  const aliasFirsts = new Set<number>();
  for (const k of local.keys()) aliasFirsts.add(k.charCodeAt(0));
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.brk) { i++; continue; }
    // Most tokens start no entry: skip the walk (and its allocations) for them.
    const hit = startsEntry(root, bits, t) ? longestAt(root, toks, i) : null;
    if (hit) {
      const e = hit.entry;
      const org = e.org >= 0 ? orgs[e.org]! : null;
      const start = t.start;
      const end = toks[hit.last]!.end;
      out.push({ org, place: e.place ?? null, rank: e.rank, start, end, text: text.slice(start, end) });
      // "West and North London (WNL) ICB" teaches WNL for the rest of the article.
      const after = toks[hit.last + 1];
      const acr = hit.acr ?? (after?.raw === "(" && ACR_RE.test(toks[hit.last + 2]?.raw ?? "") && toks[hit.last + 3]?.raw === ")" ? toks[hit.last + 2]!.raw : null);
      if (org && acr && e.rank < 2) local.set(acr, org.id), aliasFirsts.add(acr.charCodeAt(0));
      i = hit.last + 1;
      continue;
    }
    const lo = aliasFirsts.has(text.charCodeAt(t.start)) ? local.get(unpossessed(t.raw)) : undefined;
    if (lo !== undefined) out.push({ org: orgs[lo]!, place: null, rank: 0, start: t.start, end: t.end, text: t.raw });
    i++;
  }
  return out;
}

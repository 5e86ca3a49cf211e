/**
 * The leading characters a cue regex can match, so a text is scanned once by a small finder regex
 * instead of a 300-way alternation tried at every word boundary. The keys are a sound
 * over-approximation (every match starts with one of them): a wildcard or negated class ends a key
 * where it appears; anything the small parser does not understand yields null, and the caller then
 * scans that cue with its own regex.
 */

type Atom = { kind: "chars"; chars: string[] } | { kind: "group"; alts: Seq[] } | { kind: "empty" } | { kind: "any" };
interface Item {
  atom: Atom;
  min: number;
  max: number;
}
type Seq = Item[];

class Unsupported extends Error {}

const DIGITS = "0123456789".split("");
const LOWER = "abcdefghijklmnopqrstuvwxyz".split("");
const UPPER = LOWER.map((c) => c.toUpperCase());
// Everything JavaScript's \s matches.
const SPACES = [..."\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"].concat(
  Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
);
const WORD = [...LOWER, ...UPPER, ...DIGITS, "_"];
const MAX_KEYS = 5000;
/** Marks a string that is only a prefix of the matches on its path (the pattern went on with unlisted characters). */
const PARTIAL = "\u0000";

class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  alternation(): Seq[] {
    const alts: Seq[] = [this.sequence()];
    while (this.src[this.i] === "|") this.i++, alts.push(this.sequence());
    return alts;
  }

  private sequence(): Seq {
    const seq: Seq = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      seq.push({ atom, ...this.quantifier() });
    }
    return seq;
  }

  private atom(): Atom {
    const c = this.src[this.i++]!;
    if (c === "(") {
      let zeroWidth = false;
      if (this.src[this.i] === "?") {
        const m = /^\?(?::|=|!|<=|<!)/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported("group kind");
        zeroWidth = m[0] !== "?:";
        this.i += m[0].length;
      }
      const alts = this.alternation();
      if (this.src[this.i++] !== ")") throw new Unsupported("unclosed group");
      return zeroWidth ? { kind: "empty" } : { kind: "group", alts };
    }
    if (c === "[") return this.classAtom();
    if (c === "\\") return this.escape(false);
    if (c === ".") return { kind: "any" };
    if (c === "^" || c === "$") return { kind: "empty" };
    if ("*+?".includes(c)) throw new Unsupported("dangling quantifier");
    return { kind: "chars", chars: [c] };
  }

  /** An escape; "any" for the ones whose characters are not listed (\\D, \\p{…}): fine unless reached. */
  private escape(inClass: boolean): Atom & { kind: "chars" | "empty" | "any" } {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported("trailing backslash");
    if (c === "d") return { kind: "chars", chars: DIGITS };
    if (c === "s") return { kind: "chars", chars: SPACES };
    if (c === "w") return { kind: "chars", chars: WORD };
    if (!inClass && (c === "b" || c === "B")) return { kind: "empty" };
    if ((c === "p" || c === "P") && this.src[this.i] === "{") {
      const close = this.src.indexOf("}", this.i);
      if (close < 0) throw new Unsupported("unclosed \\p");
      this.i = close + 1;
      return { kind: "any" };
    }
    if (c === "D" || c === "S" || c === "W") return { kind: "any" };
    if (/[A-Za-z0-9]/.test(c)) throw new Unsupported(`escape \\${c}`);
    return { kind: "chars", chars: [c] };
  }

  /** A class; "any" when negated or holding an unlisted escape (fine unless reached). */
  private classAtom(): Atom {
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    const { chars, open } = this.charClass();
    return negated || open ? { kind: "any" } : { kind: "chars", chars };
  }

  private charClass(): { chars: string[]; open: boolean } {
    const out = new Set<string>();
    let open = false;
    let prev: string | null = null;
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      const c = this.src[this.i++]!;
      if (c === "\\") {
        const e = this.escape(true);
        if (e.kind === "any") open = true;
        if (e.kind === "chars") for (const x of e.chars) out.add(x);
        prev = e.kind === "chars" && e.chars.length === 1 ? e.chars[0]! : null;
        continue;
      }
      if (c === "-" && prev !== null && this.src[this.i] !== "]" && this.src[this.i] !== undefined) {
        const hi = this.src[this.i++]!;
        if (hi === "\\") throw new Unsupported("escaped range end");
        for (let k = prev.charCodeAt(0); k <= hi.charCodeAt(0); k++) out.add(String.fromCharCode(k));
        prev = null;
        continue;
      }
      out.add(c);
      prev = c;
    }
    if (this.src[this.i++] !== "]") throw new Unsupported("unclosed class");
    return { chars: [...out], open };
  }

  private quantifier(): { min: number; max: number } {
    const c = this.src[this.i];
    let q = { min: 1, max: 1 };
    if (c === "?") q = { min: 0, max: 1 };
    else if (c === "*") q = { min: 0, max: Infinity };
    else if (c === "+") q = { min: 1, max: Infinity };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q; // a literal "{"
      this.i += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity };
    } else return q;
    this.i++;
    if (this.src[this.i] === "?") this.i++; // lazy: same language
    return q;
  }
}

/** Every string of length k that starts a match of seq, plus whole matches shorter than k. */
function starts(seq: Seq, k: number, limit: number): Set<string> {
  const e = new Enumeration(seq, k, limit);
  e.walk(0, "");
  return e.out;
}

/** The walk of starts() (methods, not closures: the build wraps each closure it creates). */
class Enumeration {
  readonly out = new Set<string>();
  constructor(
    private readonly seq: Seq,
    private readonly k: number,
    private readonly limit: number,
  ) {}

  private add(s: string): void {
    this.out.add(s.length > this.k ? s.slice(0, this.k) : s);
    if (this.out.size > this.limit) throw new Unsupported("too many keys");
  }

  walk(i: number, prefix: string): void {
    if (prefix.length >= this.k || i === this.seq.length) return this.add(prefix);
    const item = this.seq[i]!;
    if (item.atom.kind === "any") {
      // Characters not listed (a wildcard, a negated class): matches start with the prefix so far.
      if (item.min === 0) this.walk(i + 1, prefix);
      if (item.max > 0) this.add(prefix + PARTIAL);
      return;
    }
    this.rep(i, item, expand(item.atom, this.k - prefix.length, this.limit), 0, prefix);
  }

  private rep(i: number, item: Item, exps: string[], count: number, p: string): void {
    if (p.length >= this.k) return this.add(p);
    if (count >= item.min) this.walk(i + 1, p);
    if (count >= item.max) return;
    for (const e of exps) {
      if (e.endsWith(PARTIAL)) this.add(p + e); // a group alternative that ran into unlisted characters
      else if (e !== "" || count < item.min) this.rep(i, item, exps, count + 1, p + e);
    }
  }
}

function expand(atom: Atom, k: number, limit: number): string[] {
  if (atom.kind === "chars") return atom.chars;
  if (atom.kind === "empty") return [""];
  if (atom.kind === "any") throw new Unsupported("wildcard");
  const out = new Set<string>();
  for (const alt of atom.alts) for (const s of starts(alt, k, limit)) out.add(s);
  return [...out];
}

/**
 * Keys of one length (the largest up to maxLen with at most maxKeys of them) such that every
 * match of src starts with one of them (with sameLength false: the k-character prefixes and the
 * whole matches shorter than k, untruncated); null when no length qualifies, the source is beyond this
 * parser, or it could match the empty string.
 */
export function cuePrefixes(src: string, maxLen = 3, maxKeys = MAX_KEYS, sameLength = true): string[] | null {
  for (const k of [...new Set([maxLen, 12, 8, 6, 4, 3, 2, 1])].filter((x) => x <= maxLen)) {
    try {
      const p = new Parser(src);
      const alts = p.alternation();
      if (p.i !== src.length) return null;
      // More than maxKeys strings at this length: give up on it early (a shorter one may do).
      const keys = starts([{ atom: { kind: "group", alts }, min: 1, max: 1 }], k, Math.min(MAX_KEYS, maxKeys));
      const plain = [...new Set([...keys].map((s) => (s.endsWith(PARTIAL) ? s.slice(0, -1) : s)))];
      const len = Math.min(...plain.map((s) => s.length));
      if (len === 0) return null;
      const out = sameLength ? [...new Set(plain.map((s) => s.slice(0, len)))] : plain;
      if (out.length <= maxKeys) return out;
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
    }
  }
  return null;
}

/** Top-level alternatives of a regex source (outside groups and classes). */
export function topLevelAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) out.push(src.slice(from, i)), (from = i + 1);
  }
  out.push(src.slice(from));
  return out;
}

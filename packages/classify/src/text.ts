/**
 * Tokenising and sentence splitting shared by the gazetteer, suppliers and themes.
 * Tokens keep their offsets so matches map back to sentences and evidence.
 */

export interface Token {
  /** Original text of the token (curly apostrophes folded to '). */
  raw: string;
  /** Matching key: lower case, possessive 's / trailing ' removed, & → and. */
  key: string;
  start: number;
  end: number;
  /** A hard boundary (sentence end, bracket, colon…): names never run across it. */
  brk: boolean;
}

// Latin letters only (A-Z plus Latin-1/Extended-A accents): cheaper than \p{L} and enough for NHS names.
// tokenize() below is a hand-written scanner for exactly this pattern (a regex match per token cost
// a tenth of analyze()):
//   /[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)*['’]?|&|[.;:!?()\[\]"“”]/g
const ABBREV = new Set(["st", "dr", "mt", "no"]);

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
const isWordChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57);
const isApos = (c: number) => c === 0x27 || c === 0x2019;
/** . ; : ! ? ( ) [ ] " “ ” */
const isBreak = (c: number) =>
  c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 91 || c === 93 || c === 34 || c === 0x201c || c === 0x201d;

export function foldQuotes(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
}

export function tokenKey(raw: string): string {
  let k = raw.toLowerCase();
  if (k === "&") return "and";
  if (k.includes("’")) k = k.replace(/’/g, "'");
  if (k.endsWith("'s")) k = k.slice(0, -2);
  else if (k.endsWith("'")) k = k.slice(0, -1);
  return k;
}

/** The possessive-free key of an already lower-cased, quote-folded word. */
function unpossessive(k: string): string {
  const last = k.charCodeAt(k.length - 1);
  if (last === 39) return k.slice(0, -1);
  if (last === 115 && k.length >= 2 && k.charCodeAt(k.length - 2) === 39) return k.slice(0, -2);
  return k;
}

/** Flags of the word token scanned last: anything but a-z seen (digits too), a curly apostrophe seen. */
let sawUpper = false;
let sawCurly = false;

/** End of the word token starting at i (a letter or digit): the regex's first alternative. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let upper = false;
  let c = 0;
  while (i < n && isWordChar((c = text.charCodeAt(i)))) (upper ||= c < 97 || c > 122), i++;
  let curly = false;
  while (i + 1 < n && isApos((c = text.charCodeAt(i))) && isLetter(text.charCodeAt(i + 1))) {
    curly ||= c !== 39;
    i += 2;
    c = text.charCodeAt(i - 1);
    upper ||= c < 97 || c > 122;
    while (i < n && isLetter((c = text.charCodeAt(i)))) (upper ||= c < 97 || c > 122), i++;
  }
  if (i < n && isApos((c = text.charCodeAt(i)))) (curly ||= c !== 39), i++;
  sawUpper = upper;
  sawCurly = curly;
  return i;
}

const CURLY = 1;
const UPPER = 2;

/**
 * A token whose strings are made on first use: the gazetteer looks most words up by their
 * characters (see gazetteer.ts), so slicing and lower-casing every word would be wasted.
 */
export class LazyToken implements Token {
  private r: string | undefined;
  private k: string | undefined;
  constructor(
    /** The tokenised text. */
    readonly src: string,
    readonly start: number,
    readonly end: number,
    readonly brk: boolean,
    /** CURLY: a ’ inside; UPPER: anything but a-z (the key needs lower-casing). */
    readonly flags: number,
    raw?: string,
    key?: string,
  ) {
    this.r = raw;
    this.k = key;
  }
  get raw(): string {
    if (this.r === undefined) {
      const m = this.src.slice(this.start, this.end);
      this.r = this.flags & CURLY ? m.replace(/’/g, "'") : m;
    }
    return this.r;
  }
  get key(): string {
    // Lower-case ASCII needs no toLowerCase (a runtime call for text stored two bytes wide).
    return (this.k ??= unpossessive(this.flags & UPPER ? this.raw.toLowerCase() : this.raw));
  }
}

export function tokenize(text: string): LazyToken[] {
  const out: LazyToken[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const end = wordEnd(text, i);
      out.push(new LazyToken(text, i, end, false, (sawCurly ? CURLY : 0) | (sawUpper ? UPPER : 0)));
      i = end;
    } else if (c === 38) {
      out.push(new LazyToken(text, i, i + 1, false, 0, "&", "and"));
      i++;
    } else if (isBreak(c)) {
      const prev = out[out.length - 1];
      // "St. Thomas'" must not break a name; straight quotes are not boundaries.
      if (!(c === 46 && prev && !prev.brk && ABBREV.has(prev.key)) && c !== 34) {
        const raw = text[i]!;
        out.push(new LazyToken(text, i, i + 1, true, 0, raw, raw));
      }
      i++;
    } else i++;
  }
  return out;
}

const ABBREVIATIONS = ["St", "Dr", "Mr", "Mrs", "Ms", "Prof", "No", "vs"];
const isAsciiWord = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * /\b(?:St|Dr|Mr|Mrs|Ms|Prof|No|vs)\.$/.test(s), checked from the end: V8 would try the regex at
 * every position of the sentence.
 */
function endsWithAbbreviation(s: string): boolean {
  if (s.charCodeAt(s.length - 1) !== 46) return false;
  for (const a of ABBREVIATIONS) {
    const at = s.length - 1 - a.length;
    if (at >= 0 && s.startsWith(a, at) && (at === 0 || !isAsciiWord(s.charCodeAt(at - 1)))) return true;
  }
  return false;
}

/** Split prose into sentences (keeps offsets implicit: returns the strings). */
export function sentences(text: string): string[] {
  return sentencesOfCollapsed(text.replace(/\s+/g, " "));
}

// Where sentences() splits: the space after . ! ? (and a closing quote or bracket) before an
// upper-case letter, digit or £ (after an opening quote or bracket). Found forwards from the
// punctuation, which is much cheaper than splitting on a look-behind.
const SPLIT_AT_RE = /[.!?][”"’)]? (?=[“"‘(]?[\p{Lu}\p{N}£])/gu;

/** sentences() of text whose whitespace runs are already single spaces. */
export function sentencesOfCollapsed(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  SPLIT_AT_RE.lastIndex = 0;
  for (let m = SPLIT_AT_RE.exec(text); m; m = SPLIT_AT_RE.exec(text)) {
    const space = m.index + m[0].length - 1;
    parts.push(text.slice(from, space));
    from = space + 1;
  }
  parts.push(text.slice(from));
  // Re-join splits after abbreviations such as "St." or "Dr.".
  const out: string[] = [];
  for (const p0 of parts) {
    const p = p0.trim();
    if (p.length === 0) continue;
    const prev = out[out.length - 1];
    if (prev && endsWithAbbreviation(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

const BOUNDARY_RE = /[.!?][”"’)]?\s+(?=[“"‘(]?[\p{Lu}\p{N}£])/gu;

/**
 * text.matchAll(re) for a global regex, collected: matchAll clones the regex on every call, which
 * costs more than the scan on short texts. Starts at 0 and leaves lastIndex at 0.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === "") re.lastIndex = advance(text, re.lastIndex, re.unicode);
  }
  return out;
}

/** The index after i, a whole code point in unicode mode (as matchAll advances past empty matches). */
function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}

/** The first sentence without splitting the whole text (same rules as sentences()). */
export function firstSentence(text: string): string {
  BOUNDARY_RE.lastIndex = 0;
  for (let m = BOUNDARY_RE.exec(text); m; m = BOUNDARY_RE.exec(text)) {
    const end = m.index + 1;
    const head = text.slice(0, end + (m[0].length > 1 && /[”"’)]/.test(m[0][1]!) ? 1 : 0));
    if (endsWithAbbreviation(head)) continue;
    return head.replace(/\s+/g, " ").trim();
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Normalise for loose comparisons: curly quotes folded, whitespace collapsed, lower case. */
export function looseKey(s: string): string {
  return foldQuotes(s).replace(/\s+/g, " ").trim().toLowerCase();
}

export function isAcronymToken(raw: string): boolean {
  const letters = raw.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  return letters.length >= 2 && upper >= 2 && (upper === letters.length || upper >= letters.length / 2 || /^[A-Z]{2,}[a-z]+[A-Z]*$/.test(letters));
}

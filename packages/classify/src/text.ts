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
const TOKEN_RE = /[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)*['’]?|&|[.;:!?()\[\]"“”]/g;
const WORDISH_RE = /[A-Za-z0-9\u00C0-\u024F&]/;
const ABBREV = new Set(["st", "dr", "mt", "no"]);

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

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0].includes("’") ? m[0].replace(/’/g, "'") : m[0];
    const start = m.index ?? 0;
    const isWord = WORDISH_RE.test(raw[0]!);
    if (!isWord) {
      const prev = out[out.length - 1];
      // "St. Thomas'" must not break a name.
      if (raw === "." && prev && !prev.brk && ABBREV.has(prev.key)) continue;
      if (raw === '"') continue;
      out.push({ raw, key: raw, start, end: start + raw.length, brk: true });
      continue;
    }
    out.push({ raw, key: tokenKey(raw), start, end: start + raw.length, brk: false });
  }
  return out;
}

/** Split prose into sentences (keeps offsets implicit: returns the strings). */
export function sentences(text: string): string[] {
  const parts = text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?][”"’)]?)\s+(?=[“"‘(]?[\p{Lu}\p{N}£])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // Re-join splits after abbreviations such as "St." or "Dr.".
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev && /\b(?:St|Dr|Mr|Mrs|Ms|Prof|No|vs)\.$/.test(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

const BOUNDARY_RE = /[.!?][”"’)]?\s+(?=[“"‘(]?[\p{Lu}\p{N}£])/gu;

/** The first sentence without splitting the whole text (same rules as sentences()). */
export function firstSentence(text: string): string {
  BOUNDARY_RE.lastIndex = 0;
  for (const m of text.matchAll(BOUNDARY_RE)) {
    const end = (m.index ?? 0) + 1;
    const head = text.slice(0, end + (m[0].length > 1 && /[”"’)]/.test(m[0][1]!) ? 1 : 0));
    if (/\b(?:St|Dr|Mr|Mrs|Ms|Prof|No|vs)\.$/.test(head)) continue;
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

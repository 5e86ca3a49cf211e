/**
 * Text normalisation shared by signatures, similarity features and "new facts" detection.
 * Deliberately simple and deterministic: the same text must always give the same tokens, or
 * signatures stored in the database stop matching.
 */

const STOPWORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does for from had has have he her his " +
    "how i if in into is it its it's may more most much must no not of on or our out over per she should " +
    "so such than that the their them then there these they this those through to too under up upon us " +
    "was we were what when where which while who whom why will with within would you your also about after " +
    "all any before between both each few further here just now only other own same some very via " +
    "said says say states stated according one two three four five six seven eight nine ten"
  ).split(" "),
);

/**
 * Words that occur in nearly every NHS digital story; they carry no identity, so content-word
 * measures (cosine, title similarity, new facts) ignore them. Shingles keep them: near-identical
 * copy is still detected through the phrasing.
 */
const DOMAIN_STOPWORDS = new Set(
  (
    "nhs trust trusts foundation ft digital health healthcare care service services patient patients " +
    "data new plan plans planned work working shared share shares sharing including include includes " +
    "across set out outline outlines outlined highlight highlights highlighted board update updates " +
    "programme programmes strategy strategies use using used support supporting well part latest " +
    "team teams staff organisation system systems approach ongoing future key area areas"
  ).split(" "),
);

/** Fold typographic quotes and dashes, lowercase, collapse whitespace. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\u00a0/g, " ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Light suffix stripping so "pilots"/"pilot" and "deployed"/"deploy" meet (no regex: hot path). */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3) return word;
  for (let i = 0; i < n; i++) if (isDigit(word.charCodeAt(i))) return word;
  if (word.endsWith("ies") && n > 4) return word.slice(0, -3) + "y";
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && n > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && n > 4) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

const isAlnum = (c: number) => (c >= 97 && c <= 122) || isDigit(c);

/**
 * Word tokens of the lowercased text: runs of a-z, 0-9 and £, keeping an internal "." or "/"
 * between alphanumerics ("2025/26", "1.5"). Everything else (quotes, dashes, accents) separates.
 * Single letters (a possessive's "s", initials) are dropped; single digits kept. A char loop, not
 * a regex: every candidate's facts go through here on each decision.
 */
export function words(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const inner = (c === 46 || c === 47) && start >= 0 && i + 1 < s.length && isAlnum(s.charCodeAt(i + 1)) && isAlnum(s.charCodeAt(i - 1));
    if (isAlnum(c) || c === 163 || inner) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (i - start > 1 || isDigit(s.charCodeAt(start))) out.push(s.slice(start, i));
    start = -1;
  }
  return out;
}

// word → stem (or null for a stopword), per flavour. Deterministic, so memoising is safe; capped
// so a long-running worker does not grow without bound on rare words.
const MEMO_CAP = 100_000;
const shingleMemo = new Map<string, string | null>();
const contentMemo = new Map<string, string | null>();

function mapWords(text: string, memo: Map<string, string | null>, f: (w: string) => string | null): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    let v = memo.get(w);
    if (v === undefined) {
      v = f(w);
      if (memo.size >= MEMO_CAP) memo.clear();
      memo.set(w, v);
    }
    if (v !== null) out.push(v);
  }
  return out;
}

/** Tokens for shingling: general stopwords removed, stemmed; domain words kept. */
export function shingleTokens(text: string): string[] {
  return mapWords(text, shingleMemo, (w) => (STOPWORDS.has(w) ? null : stem(w)));
}

/** Content words: no general or domain stopwords, no single letters, stemmed. */
export function contentWords(text: string): string[] {
  return mapWords(text, contentMemo, (w) => {
    if (STOPWORDS.has(w) || DOMAIN_STOPWORDS.has(w)) return null;
    const st = stem(w);
    return DOMAIN_STOPWORDS.has(st) ? null : st;
  });
}

export function contentSet(text: string): Set<string> {
  return new Set(contentWords(text));
}

/** Sentences, split on terminal punctuation followed by a capital/quote/digit, and on newlines. */
export function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?]["”’]?)\s+(?=["“‘(£0-9A-Z])/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** |A∩B| / |A∪B|; 0 when both are empty. */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Binary cosine |A∩B| / sqrt(|A||B|): less punishing than Jaccard when one side is much longer. */
export function cosine<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.sqrt(a.size * b.size);
}

/** Case/space/quote-insensitive key for names (programmes, suppliers, periods). */
export function nameKey(name: string): string {
  return normalise(name).replace(/[^a-z0-9£/ -]/g, "").replace(/\s+/g, " ").trim().replace(/^the /, "");
}

/**
 * Programme names written in running text: up to three words before "programme(s)", a
 * coordinating "and"/"&" kept inside the name ("digital & data programme 2025/26" and "digital
 * and data programmes" both give "digital data programme"). A single qualifier ("the data
 * programme", "infrastructure programme") is too generic to identify anything and is skipped.
 * The analyser only extracts capitalised names; boards write their own programmes in lower case.
 */
const AMOUNT_WORDS = new Set(["million", "billion", "thousand", "£m", "£bn"]);

export function programmePhrases(text: string): string[] {
  const out = new Set<string>();
  const toks = normalise(text).replace(/&/g, " and ").replace(/[,;:()."!?\u2026]/g, " | ").split(/[^a-z0-9/|]+/).filter(Boolean);
  for (let i = 0; i < toks.length; i++) {
    if (toks[i] !== "programme" && toks[i] !== "programmes") continue;
    const head: string[] = [];
    for (let j = i - 1; j >= 0 && head.length < 3; j--) {
      const w = toks[j]!;
      const inner = w === "and" && head.length > 0 && j > 0 && toks[j - 1] !== "|" && !STOPWORDS.has(toks[j - 1]!);
      if (inner) continue;
      if (w === "|" || STOPWORDS.has(w) || AMOUNT_WORDS.has(w) || w.length < 2 || /^\d/.test(w)) break;
      head.unshift(stem(w));
    }
    if (head.length >= 2) out.add(`${head.join(" ")} programme`);
  }
  return [...out];
}

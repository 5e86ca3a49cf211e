/**
 * Line-level judgements shared by the plain-text extractor and the HTML block builder:
 * what is page chrome, what is a list bullet, what could be a heading.
 */

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
/** Optional time of day after a date: "08.04.2015 12:46", "March 3, 2015 at 7:11 AM GMT". */
const CLOCK = "(?:,?\\s+(?:at\\s+|um\\s+|à\\s+)?\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[a-z]{2,4})?)?";

/** Lines that are page furniture copied along with the article, never content. */
const CHROME_PATTERNS: readonly RegExp[] = [
  /^(?:top|bottom) of (?:the )?page$/i,
  /^(?:back to top|skip to (?:main )?content|skip to navigation)$/i,
  /^\d+\s*(?:-|–)?\s*min(?:ute)?s?\.?\s+read$/i,
  new RegExp(`^(?:updated:?\\s*|published:?\\s*|posted:?\\s*)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?)(?:,?\\s+\\d{4})?${CLOCK}$`, "i"),
  new RegExp(`^(?:updated:?\\s*|published:?\\s*)?\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}${CLOCK}$`, "i"),
  /^(?:share|share this(?: article| post| story)?|share on (?:facebook|twitter|x|linkedin))$/i,
  /^(?:advertisement|sponsored|print|email|tweet|facebook|twitter|linkedin|whatsapp)$/i,
  /^\d+\s+(?:views?|comments?|likes?)$/i,
];

const BULLET_RE = /^(?:[•·▪◦‣●○■□–*-]\s+|[•·▪◦‣●]\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)/;

/** Sentence-final characters: a line ending with one reads as prose, not a heading. */
const TERMINAL_RE = /[.!?:;,…”"]$/;

export const HEADING_MAX_CHARS = 160;

/** Collapse runs of whitespace (incl. NBSP) to one space and trim. */
export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}

export function isBullet(line: string): boolean {
  return BULLET_RE.test(line);
}

export function stripBullet(line: string): string {
  return line.replace(BULLET_RE, "").trim();
}

/** Chrome, including meta lines that join several chrome bits: "14 May 2025 · 4 min read". */
export function isChrome(line: string): boolean {
  const bare = stripBullet(line);
  if (bare.length > 120) return false;
  const parts = bare.split(/\s+[·•|]\s+/);
  return parts.every((part) => CHROME_PATTERNS.some((re) => re.test(part.trim())));
}

/**
 * Could this line be a heading on its own? Short, starts like a title, carries letters and
 * does not end like a sentence. Whether it *is* one also depends on what follows.
 */
export function isHeadingLike(line: string): boolean {
  if (line.length === 0 || line.length >= HEADING_MAX_CHARS) return false;
  if (isBullet(line) || TERMINAL_RE.test(line)) return false;
  if (!/\p{L}/u.test(line)) return false;
  return !startsLowercaseWord(line);
}

/** "and the…" yes; brand names like "iPLATO" or "eConsult" no. */
export function startsLowercaseWord(line: string): boolean {
  return /^\p{Ll}[\p{Ll}\s,;'’-]/u.test(line);
}

export function endsSentence(line: string): boolean {
  return TERMINAL_RE.test(line);
}

/**
 * Random bytes decoded as text are full of control characters and U+FFFD; real pages
 * (in any script) have almost none. Checks a sample so 5 MB inputs stay cheap.
 */
export function looksBinary(input: string): boolean {
  const sample = input.slice(0, 8192);
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / sample.length > 0.05;
}

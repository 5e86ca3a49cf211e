import { cuePrefixes, topLevelAlternatives } from "./cue-prefix.js";
import { matchesOf } from "./text.js";

/**
 * The same matches as a global `\b(?:…)` regex, found faster: V8 tries a big alternation at every
 * word boundary, so a small finder regex over the alternation's possible leading characters picks
 * the few positions where a match can start, and the regex runs sticky only there. The first
 * candidate where it matches is the leftmost match, so the result equals matchAll's.
 * Regexes this cannot bound (an alternative without a leading \b, a wildcard or class too early)
 * keep the plain scan.
 */
export interface FastRegex {
  /** text.matchAll(re), as an array. */
  matches(text: string): RegExpExecArray[];
  /** re.test(text) (without touching re.lastIndex). */
  test(text: string): boolean;
}

const KEY_LEN = 8;
const MAX_KEYS = 300;

const esc = (c: string) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** `\b(?:d(?=ata|igital)|…)`: consumes exactly the first character of some key, at a word boundary. */
function finderOf(keys: string[]): RegExp {
  const byFirst = new Map<string, Set<string>>();
  for (const k of keys) byFirst.set(k[0]!, (byFirst.get(k[0]!) ?? new Set()).add(k.slice(1)));
  const alts = [...byFirst].map(([c, rests]) => (rests.has("") ? esc(c) : `${esc(c)}(?=${[...rests].map((r) => [...r].map(esc).join("")).join("|")})`));
  return new RegExp(`\\b(?:${alts.join("|")})`, "g");
}

let asciiLowering: string[] | null = null;
/** Characters outside ASCII whose lower case is ASCII (the Kelvin sign): they would move \b. */
function asciiLowerings(): string[] {
  if (!asciiLowering) {
    asciiLowering = [];
    for (let x = 128; x < 65536; x++) {
      const l = String.fromCharCode(x).toLowerCase();
      if (l.length === 1 && l.charCodeAt(0) < 128) asciiLowering.push(String.fromCharCode(x));
    }
  }
  return asciiLowering;
}

export function fastRegex(re: RegExp): FastRegex {
  const plain: FastRegex = {
    matches: (text) => matchesOf(re, text),
    test: (text) => matchesOf(re, text).length > 0,
  };
  if (!re.global || re.unicode || re.sticky || re.multiline) return plain;
  if (!topLevelAlternatives(re.source).every((a) => a.startsWith("\\b"))) return plain;
  const raw = cuePrefixes(re.source, KEY_LEN, MAX_KEYS, false);
  if (!raw) return plain;
  const ci = re.ignoreCase;
  // Case-insensitive: keys and text lower-cased. Sound for ASCII keys (an ASCII pattern character
  // only matches ASCII text characters under /i without the u flag).
  const keys = [...new Set(ci ? raw.map((k) => k.toLowerCase()) : raw)];
  if (ci && keys.some((k) => /[^\x00-\x7f]/.test(k))) return plain;
  const finder = finderOf(keys);
  const sticky = new RegExp(re.source, re.flags.replace("g", "") + "y");
  const matches = (text: string, first: boolean): RegExpExecArray[] | null => {
    let str = text;
    if (ci) {
      str = text.toLowerCase();
      if (str.length !== text.length || asciiLowerings().some((ch) => text.includes(ch))) return null;
    }
    const out: RegExpExecArray[] = [];
    let from = 0;
    finder.lastIndex = 0;
    while (finder.test(str)) {
      const p = finder.lastIndex - 1;
      if (p < from) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (!m) continue;
      out.push(m);
      if (first) break;
      from = p + Math.max(m[0].length, 1);
    }
    return out;
  };
  return {
    matches: (text) => matches(text, false) ?? matchesOf(re, text),
    test: (text) => (matches(text, true) ?? matchesOf(re, text)).length > 0,
  };
}

import type { Money, Status } from "@radar/core";
import { STATUSES } from "@radar/core";
import { topLevelAlternatives } from "./cue-prefix.js";
import { fastRegex } from "./prefix-scan.js";
import { matchesOf } from "./text.js";

/** Money, periods, figures and status cues: precompiled regexes, one pass each over a story. */

const MONEY_RE = /£\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand|mn|bn|m|k)?\b/gi;
const MULT: Record<string, number> = { million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, thousand: 1e3, k: 1e3 };

export function parseMoney(text: string): Money[] {
  const out: Money[] = [];
  const seen = new Set<string>();
  for (const m of matchesOf(MONEY_RE, text)) {
    const value = Number(m[1]!.replace(/,/g, ""));
    const unit = m[2]?.toLowerCase();
    const pounds = Math.round(value * (unit ? MULT[unit] ?? 1 : 1));
    const txt = m[0].trim();
    if (!Number.isFinite(pounds) || seen.has(txt)) continue;
    seen.add(txt);
    out.push({ text: txt, pounds });
  }
  return out;
}

const MONTHS = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)";
const YEAR = "(?:19|20)\\d{2}";
const PERIOD_RES: RegExp[] = [
  new RegExp(`\\b${YEAR}\\s?[–—-]\\s?(?:${YEAR}|\\d{2})\\+?`, "g"), // 2025 – 2030, 2026-31
  new RegExp(`\\b${YEAR}/\\d{2}(?:\\d{2})?\\b`, "g"), // 2026/27
  new RegExp(`\\bQ[1-4] ${YEAR}\\b`, "g"),
  new RegExp(`\\b(?:by|from|until|to|in|before|after|since|during|through|early|late|mid|end of|spring|summer|autumn|winter)[- ](?:${MONTHS} )?${YEAR}\\b`, "gi"),
  new RegExp(`\\b${MONTHS} ${YEAR}\\b`, "g"),
  /\b(?:over|across|within) (?:the next )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten) years\b/gi,
];

// Cheap necessary conditions: the first five period patterns all contain a year, the last "years".
const HAS_YEAR_RE = new RegExp(YEAR);
const HAS_YEARS_RE = /years/i;

export function parsePeriods(text: string): string[] {
  const spans: Array<[number, number, string]> = [];
  const year = HAS_YEAR_RE.test(text);
  if (!year && !HAS_YEARS_RE.test(text)) return [];
  for (const re of PERIOD_RES) {
    if (re === PERIOD_RES[PERIOD_RES.length - 1] ? !HAS_YEARS_RE.test(text) : !year) continue;
    for (const m of matchesOf(re, text)) {
      const s = m.index ?? 0;
      const e = s + m[0].length;
      if (spans.some(([a, b]) => s < b && e > a)) continue;
      spans.push([s, e, m[0].trim()]);
    }
  }
  return dedupe(spans.sort((a, b) => a[0] - b[0]).map((x) => x[2]));
}

const FIGURE_RE = /(?<![£\w.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?(?:percent|per cent|%)|\+?\s(?:[a-z][a-z-]+s)\b)/g;
const NOT_UNITS = new Set(["years", "months", "weeks", "days", "pillars", "objectives", "priorities", "steps", "teams", "programmes", "initiatives", "sites", "ways", "times"]);

export function parseFigures(text: string): string[] {
  const out: string[] = [];
  for (const m of matchesOf(FIGURE_RE, text)) {
    const unit = m[2]!.trim();
    if (NOT_UNITS.has(unit)) continue;
    if (/^(?:19|20)\d{2}$/.test(m[1]!) && !/percent|%/.test(unit)) continue;
    out.push(m[0].trim());
  }
  return dedupe(out);
}

/** Status cues, each mapped to the STATUSES enum. Order in this list does not matter. */
const STATUS_CUES: Array<[Status, RegExp]> = [
  ["planned", /\b(?:plans? (?:to|for)|planned|plans are|aims? to|intends? to|will (?:be (?:piloted|introduced|rolled out)|go live|roll out|introduce|deploy|launch|begin|move)|(?:is|are) (?:set|due|expected|preparing|scheduled) to|strategy|roadmap|ambitions?|set out plans|looking to|commits? to)\b/i],
  ["business-case", /\b(?:business case|strategic outline case|outline business case|full business case|OBC|FBC)\b/],
  ["procuring", /\b(?:procuring|running a (?:procurement|tender)|(?:launched|issued|opened|begun|started) (?:a |the )?(?:tender|procurement)|procurement (?:is|process|exercise|underway)|out to tender|tender(?:ing)?|invitation to tender|market engagement|preferred (?:supplier|bidder)|being prepared to find)\b/i],
  ["submitted-for-approval", /\bsubmitted (?:to the board )?for (?:board )?approval\b|\bawaiting (?:board )?approval\b/i],
  ["approved", /\b(?:approved|signed off|agreement in principle|given the go-ahead|green light|ratified)\b/i],
  ["contract-awarded", /\b(?:contract (?:has been |was )?awarded|awarded (?:a|the) [^.]{0,40}contract|signs? (?:a |the )?[^.]{0,30}contract|signed (?:a|the) [^.]{0,30}contract|(?:selects|selected|chooses|chose|has chosen|appointed) [A-Z][\w.]*(?: [A-Z][\w.]*)? (?:as|to|for)\b|selected .{0,40} as (?:its|the) (?:supplier|partner))/i],
  ["pilot", /\b(?:pilot(?:s|ed|ing)?|trial(?:s|led|ling|ing)?|proof of concept|test(?:ing|ed) (?:the|a|an))\b/i],
  // "launched a six-month pilot" is a pilot, not a go-live.
  ["live", /\b(?:went live|gone live|goes live|is now live|now live|switched on|has added|launched(?! (?:a |an |its )?(?:[\w-]+ ){0,3}(?:pilot|trial))|(?:has|have|had|was|were|been|being) (?:successfully |now |already )?(?:implemented|deployed|introduced|adopted|migrated|rolled out to)|now in use)\b/i],
  ["rolled-out", /\b(?:rolled out|rolls? out|rolling out|roll-?out (?:has been|was) completed|across all (?:wards|sites|practices|trusts|boards)|(?:expands|expanded|extends|extended|scales|scaled) (?:its |the |their )?[\w -]{0,40}(?:to|across)\b)/i],
  // Completion of the initiative itself, not "staff completed training".
  ["completed", /\b(?:(?:programme|project|roll-?out|migration|deployment|implementation|installation|upgrade) (?:has been |was |is now )?(?:completed|concluded|finished)|(?:has|have) (?:now )?(?:completed|concluded|finished) (?:the|its|their) (?:roll-?out|migration|deployment|implementation|programme|project|upgrade|(?:first |second |final )?phase)|completes (?:the |its )?(?:roll-?out|migration|deployment|implementation|programme|project|upgrade|recovery|(?:first |second |final )?phase))\b/i],
  ["paused", /\b(?:paused|on hold|suspended|halted)\b/i],
  ["delayed", /\b(?:delayed|pushed back|postponed|deferred|slipped)\b/i],
];

/**
 * All cues as one alternation, one group per cue. Every cue starts with \b, so the test is done
 * once per position instead of once per cue (half the cost of the scan); same matches either way.
 */
function combinedStatusRe(): RegExp {
  const alts = STATUS_CUES.map(([, re]) => topLevelAlternatives(re.source));
  if (alts.every((a) => a.every((x) => x.startsWith("\\b")))) {
    return new RegExp(`\\b(?:${alts.map((a) => `(${a.map((x) => x.slice(2)).join("|")})`).join("|")})`, "gi");
  }
  return new RegExp(STATUS_CUES.map(([, re]) => `(${re.source})`).join("|"), "gi");
}

const STATUS_SCAN = fastRegex(combinedStatusRe());

/** The most advanced status a text asserts (later in STATUSES wins); one pass over the text. */
// The combined regex is case-insensitive; cues that must keep their case are re-checked with these.
const CASE_RECHECK = STATUS_CUES.map(([, re]) => (re.flags.includes("i") ? null : new RegExp(re.source)));
const CUE_RANK = STATUS_CUES.map(([status]) => STATUSES.indexOf(status));
const TOP_RANK = Math.max(...CUE_RANK);

function mostAdvanced(text: string): { status: Status | null; cue: string | null } {
  let best = -1;
  let cue: string | null = null;
  for (const m of STATUS_SCAN.matches(text)) {
    let k = 1;
    while (k < m.length && m[k] === undefined) k++;
    if (CASE_RECHECK[k - 1]?.test(m[0]) === false) continue;
    const idx = CUE_RANK[k - 1]!;
    if (idx > best) (best = idx), (cue = m[0]);
    if (best === TOP_RANK) break; // nothing later can rank higher
  }
  return { status: best >= 0 ? STATUSES[best]! : null, cue };
}

/**
 * Status of the story's initiative: news leads state the current stage, so the heading and
 * opening sentence decide when they carry a cue; otherwise the whole story does.
 */
export function detectStatus(text: string, lead?: string): { status: Status | null; cue: string | null } {
  if (lead) {
    const fromLead = mostAdvanced(lead);
    if (fromLead.status) return fromLead;
  }
  return mostAdvanced(text);
}

// A leading one- or two-digit number belongs to the name ("10 Year Health Plan", "2-Hour Urgent Community Response").
const PROGRAMME_RE = /(?:\b\d{1,2}[- ](?=[A-Z]))?\b(?:[A-Z][\w'’-]*|of|and|for|the|&)(?:\s(?:[A-Z][\w'’-]*|of|and|for|&))+/g;
const PROGRAMME_HEAD = /\b(?:Record|Platform|Programme|Program|Strategy|Plan|Service|App|Portal|Hub|System|Tool|Network|Framework|Feedback|Dataset|Registry|Environment|Project|Model|School|Fellowship|Thrive|MyChart|Unit|Centre|Collaborative|Committee|Care|Accelerator|Fund|Scheme|Initiative|Challenge|Academy|Exemplars?)\b/;

/** Capitalised multi-word names that look like programmes or products, minus known bodies. */
export function parseProgrammes(text: string, exclude: (name: string) => boolean, products: string[]): string[] {
  const out: string[] = [];
  for (const m of matchesOf(PROGRAMME_RE, text)) {
    // The name below is m[0] less edge words, so it can only hold a head word m[0] holds: skip early.
    if (!PROGRAMME_HEAD.test(m[0])) continue;
    const name = m[0].replace(/^(?:The|A|An|Its|Our|Their|In|At|For|And|Of|&|the|of|and|for)\s+/, "").replace(/\s+(?:of|and|for|the|&)$/, "").trim();
    if (name.split(/\s+/).length < 2 || !PROGRAMME_HEAD.test(name) || /^NHS (?:Trust|Foundation Trust)$/.test(name)) continue;
    if (exclude(name)) continue;
    out.push(name);
  }
  for (const p of products) out.push(p);
  return dedupe(out).slice(0, 20);
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

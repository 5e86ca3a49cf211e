/**
 * Labelled stories for the resolution harness. Each story carries its gold cluster. Stories come
 * from the real analyser (@radar/classify + @radar/extract) when those packages export it;
 * otherwise they are built from the gold labels plus the segment text found by its anchor.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnalyzedItem, OrgRef, Status, ThemeId } from "@radar/core";
import type { Story } from "@radar/resolve";

export interface GoldSegment {
  anchor: string;
  kind: string;
  orgs: string[];
  region: string | null;
  themes: string[];
  money?: string[];
  /** Fixtures only: why a segment repeats a cluster ("update of 003: …", "…; adds nothing new"). */
  note?: string;
  /** Fixtures only: the labelled status (seeds have none; see STATUS_PATTERNS). */
  status?: Status;
  cluster: string | null;
}
export interface GoldArticle { file: string; title: string; publishedAt?: string | null; segments: GoldSegment[] }
export interface Gold { articles: GoldArticle[]; hard_negatives: [string, string, string?][] }
export interface Dataset { name: string; gold: Gold; articlesDir: string }
export interface LabelledStory { id: string; cluster: string; story: Story; note?: string }

export function foldForAnchor(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
}

/** Normalised text plus, for each normalised character, its index in the original. */
function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = "";
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (!space && folded.length > 0) { folded += " "; map.push(i); }
      space = true;
      continue;
    }
    space = false;
    folded += foldForAnchor(ch) || ch;
    map.push(i);
  }
  return { folded, map };
}

/** Segment texts located by anchors: each runs from its anchor to the next one. */
export function locateSegments(text: string, anchors: string[]): (string | null)[] {
  const { folded, map } = foldWithMap(text);
  const starts = anchors.map((a) => {
    const at = folded.indexOf(foldForAnchor(a));
    return at < 0 ? -1 : map[at]!;
  });
  const sorted = starts.filter((s) => s >= 0).sort((a, b) => a - b);
  return starts.map((s) => {
    if (s < 0) return null;
    const next = sorted.find((x) => x > s) ?? text.length;
    return text.slice(s, next).trim();
  });
}

interface GazRow { code: string; name: string; kind: string; icb: string; region: string; aliases: string[] }

function loadGazetteer(path: string): Map<string, GazRow> {
  const byName = new Map<string, GazRow>();
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')) ?? [];
    const [code = "", name = "", kind = "", icb = "", region = "", aliases = ""] = cells;
    if (!name) continue;
    const row = { code, name, kind, icb, region, aliases: aliases.split(";").filter(Boolean) };
    for (const n of [name, ...row.aliases]) if (!byName.has(foldForAnchor(n))) byName.set(foldForAnchor(n), row);
  }
  return byName;
}

export function parseMoney(text: string): number {
  const m = /£\s*([\d,.]+)\s*(million|m|billion|bn|k)?/i.exec(text);
  if (!m) return 0;
  const n = Number(m[1]!.replace(/,/g, ""));
  const unit = (m[2] ?? "").toLowerCase();
  const mult = unit === "million" || unit === "m" ? 1e6 : unit === "billion" || unit === "bn" ? 1e9 : unit === "k" ? 1e3 : 1;
  return Math.round(n * mult);
}

// Eval-only stand-in for the analyser's status detection (gold labels have no status).
const STATUS_PATTERNS: [Status, RegExp][] = [
  ["submitted-for-approval", /submitted for (board )?approval/i],
  ["live", /\b(gone live|went live|is now live|has gone live)\b/i],
  ["approved", /\b(approved|signed off)\b/i],
  ["pilot", /\bpilot(s|ing)?\b|\btrials?\b/i],
  ["procuring", /\btender\b|\bprocur/i],
  ["planned", /\bplans?\b|\bplanned\b/i],
];

function labelledItem(seg: GoldSegment, text: string, ordinal: number, gaz: Map<string, GazRow>): AnalyzedItem {
  const orgs: OrgRef[] = seg.orgs.map((name) => {
    const row = gaz.get(foldForAnchor(name)) ?? gaz.get(foldForAnchor(name.replace(/^The /, "")));
    return row ? { name: row.name, code: row.code || null, kind: row.kind, icb: row.icb || null, region: row.region || null } : { name, code: null, kind: "other" };
  });
  const firstLine = text.split("\n")[0]!.trim();
  const heading = firstLine.length < 160 && !/[.!?]$/.test(firstLine) && text.includes("\n") ? firstLine : null;
  const periods = [...new Set([...text.matchAll(/\b20\d\d\s*[/–-]\s*(?:20)?\d\d\+?/g)].map((m) => m[0].replace(/\s+/g, "").replace(/–/g, "-")))];
  return {
    ordinal,
    heading,
    section: null,
    text: heading ? text.slice(firstLine.length).trim() : text,
    kind: seg.kind === "teaser" ? "teaser" : "initiative",
    orgs,
    region: (seg.region as AnalyzedItem["region"]) ?? null,
    icb: orgs[0]?.icb ?? null,
    themes: seg.themes.map((id) => ({ id: id as ThemeId, score: 0.8, evidence: "" })),
    money: (seg.money ?? []).map((m) => ({ text: m, pounds: parseMoney(m) })),
    periods,
    suppliers: [],
    programmes: [],
    figures: [],
    status: seg.status ?? STATUS_PATTERNS.find(([, re]) => re.test(text))?.[0] ?? null,
    reasons: ["built from gold labels"],
  };
}

/** Stories from gold labels: initiative and teaser segments only (the pipeline resolves nothing else). */
export function storiesFromLabels(ds: Dataset, gazetteerPath: string): LabelledStory[] {
  const gaz = loadGazetteer(gazetteerPath);
  const out: LabelledStory[] = [];
  for (const art of ds.gold.articles) {
    const text = readFileSync(join(ds.articlesDir, art.file), "utf8");
    const texts = locateSegments(text, art.segments.map((s) => s.anchor));
    art.segments.forEach((seg, i) => {
      const segText = texts[i];
      if (!segText || (seg.kind !== "initiative" && seg.kind !== "teaser")) return;
      const id = `${art.file}#${i}`;
      out.push({
        id,
        cluster: seg.cluster ?? `singleton:${id}`,
        story: { item: labelledItem(seg, segText, i, gaz), articleTitle: art.title, publishedAt: art.publishedAt ?? null, source: art.file },
        ...(seg.note ? { note: seg.note } : {}),
      });
    });
  }
  return out;
}

export function loadDataset(name: string, goldPath: string, articlesDir: string): Dataset | null {
  if (!existsSync(goldPath) || !existsSync(articlesDir)) return null;
  return { name, gold: JSON.parse(readFileSync(goldPath, "utf8")) as Gold, articlesDir };
}

import type { Diff, Money } from "@radar/core";

export interface DigestFilters {
  regions?: string[];
  themes?: string[];
  orgs?: string[];
  keywords?: string[];
}

/** What compose needs to know of an initiative (a subset of the store's InitiativeView). */
export interface InitiativeSummary {
  id: string;
  title: string;
  orgs: string[];
  region: string | null;
  icb: string | null;
  themes: string[];
  status: string | null;
  money: Money[];
  mentions: Array<{ source: string; heading: string | null; excerpt: string; decision: string }>;
}

export interface DigestEvent {
  type: string;
  initiativeId: string;
  version: number;
  diff: Diff;
}

export interface DigestEntry {
  initiative: InitiativeSummary;
  change: "new" | "updated";
  /** Human lines describing what changed in this window ("status: planned → approved"). */
  changes: string[];
}

export interface Digest {
  title: string;
  windowStart: string;
  windowEnd: string;
  entries: DigestEntry[];
}

/**
 * One entry per initiative, however many events it had in the window: an initiative created and
 * then updated reads as new, with everything it gained listed.
 */
export function composeDigest(input: {
  title: string;
  windowStart: string;
  windowEnd: string;
  filters: DigestFilters;
  events: DigestEvent[];
  initiatives: InitiativeSummary[];
}): Digest {
  const byId = new Map(input.initiatives.map((i) => [i.id, i]));
  const entries = new Map<string, DigestEntry>();
  for (const ev of input.events) {
    if (ev.type !== "initiative.created" && ev.type !== "initiative.updated") continue;
    const initiative = byId.get(ev.initiativeId);
    if (!initiative || !matchesFilters(initiative, input.filters)) continue;
    const entry = entries.get(ev.initiativeId) ?? { initiative, change: ev.type === "initiative.created" ? "new" : "updated", changes: [] };
    if (ev.type === "initiative.updated") entry.changes.push(...describeDiff(ev.diff));
    entries.set(ev.initiativeId, entry);
  }
  const list = [...entries.values()].sort(
    (a, b) => (a.change === b.change ? a.initiative.title.localeCompare(b.initiative.title) : a.change === "new" ? -1 : 1),
  );
  return { title: input.title, windowStart: input.windowStart, windowEnd: input.windowEnd, entries: list };
}

export function matchesFilters(i: InitiativeSummary, f: DigestFilters): boolean {
  const lower = (xs?: string[]) => (xs ?? []).map((x) => x.toLowerCase());
  const regions = lower(f.regions);
  if (regions.length && !regions.includes((i.region ?? "").toLowerCase())) return false;
  const themes = lower(f.themes);
  if (themes.length && !i.themes.some((t) => themes.includes(t.toLowerCase()))) return false;
  const orgs = lower(f.orgs);
  if (orgs.length && !i.orgs.some((o) => orgs.some((q) => o.toLowerCase().includes(q)))) return false;
  const keywords = lower(f.keywords);
  if (keywords.length) {
    const hay = [i.title, ...i.mentions.map((m) => m.excerpt)].join(" ").toLowerCase();
    if (!keywords.some((k) => hay.includes(k))) return false;
  }
  return true;
}

const STATUS_LABEL = (s: string | null) => (s ? s.replace(/-/g, " ") : "unknown");

export function describeDiff(diff: Diff): string[] {
  const out: string[] = [];
  if (diff.status) out.push(`status: ${STATUS_LABEL(diff.status.from)} → ${STATUS_LABEL(diff.status.to)}`);
  if (diff.money?.added.length) out.push(`amount: ${diff.money.added.map((m) => m.text).join(", ")}`);
  for (const c of diff.money?.changed ?? []) out.push(`amount: ${c.from.text} → ${c.to.text}`);
  const lists: Array<[keyof Diff, string]> = [
    ["periods", "period"],
    ["suppliers", "supplier"],
    ["orgs", "organisation"],
    ["themes", "theme"],
    ["programmes", "programme"],
  ];
  for (const [key, label] of lists) {
    const added = (diff[key] as { added: string[] } | undefined)?.added ?? [];
    if (added.length) out.push(`${label} added: ${added.join(", ")}`);
  }
  for (const fact of diff.facts?.added ?? []) out.push(`new: ${fact}`);
  return out;
}

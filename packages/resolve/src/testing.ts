import type { AnalyzedItem, OrgRef, Status, ThemeId } from "@radar/core";
import { initialState } from "./diff.js";
import { signature } from "./minhash.js";
import { storyText } from "./state.js";
import type { Candidate, Story } from "./types.js";

/** Builders for hand-made stories in tests (here rather than in each test file). */
export function org(name: string, code: string | null, kind = "trust"): OrgRef {
  return { name, code, kind, icb: null, region: "London" };
}

export interface StoryInit {
  heading?: string | null;
  text: string;
  orgs?: OrgRef[];
  themes?: [ThemeId, number][];
  money?: [string, number][];
  periods?: string[];
  suppliers?: string[];
  programmes?: string[];
  status?: Status | null;
  publishedAt?: string | null;
}

export function story(s: StoryInit): Story {
  const item: AnalyzedItem = {
    ordinal: 0,
    heading: s.heading ?? null,
    section: null,
    text: s.text,
    kind: "initiative",
    orgs: s.orgs ?? [],
    region: "London",
    icb: null,
    themes: (s.themes ?? []).map(([id, score]) => ({ id, score, evidence: "" })),
    money: (s.money ?? []).map(([text, pounds]) => ({ text, pounds })),
    periods: s.periods ?? [],
    suppliers: s.suppliers ?? [],
    programmes: s.programmes ?? [],
    figures: [],
    status: s.status ?? null,
    reasons: [],
  };
  return { item, articleTitle: null, publishedAt: s.publishedAt ?? "2025-06-01T00:00:00.000Z", source: "test" };
}

/** A one-mention initiative founded by `s`. */
export function candidateFrom(id: string, s: Story): Candidate {
  const when = s.publishedAt ?? "2025-06-01T00:00:00.000Z";
  return { id, version: 1, state: initialState(s), signature: signature(storyText(s)), firstSeen: when, lastSeen: when };
}

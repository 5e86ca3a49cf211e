import { describe, expect, it } from "vitest";
import { composeDigest, describeDiff, matchesFilters, renderHtml, renderMarkdown, type InitiativeSummary } from "./index.js";

const wlt: InitiativeSummary = {
  id: "i1",
  title: "West London NHS Trust plans £29 million digital strategy",
  orgs: ["West London NHS Trust"],
  region: "London",
  icb: "West and North London",
  themes: ["strategy-funding", "cyber"],
  status: "planned",
  money: [{ text: "£29 million", pounds: 29_000_000 }],
  mentions: [{ source: "https://htn.co.uk/a/", heading: null, excerpt: "The West London NHS Trust digital strategy", decision: "new" }],
};
const lincs: InitiativeSummary = { ...wlt, id: "i2", title: "Lincolnshire EPR <script>", orgs: ["NHS Lincolnshire ICB"], region: "Midlands", themes: ["epr"], money: [] };

describe("composeDigest", () => {
  const window = { title: "Digest", windowStart: "2026-01-01T00:00:00Z", windowEnd: "2026-01-02T00:00:00Z" };
  it("lists each initiative once, new before updated, and describes updates", () => {
    const d = composeDigest({
      ...window,
      filters: {},
      initiatives: [wlt, lincs],
      events: [
        { type: "initiative.created", initiativeId: "i1", version: 1, diff: {} },
        { type: "initiative.updated", initiativeId: "i1", version: 2, diff: { status: { from: "planned", to: "submitted-for-approval" } } },
        { type: "initiative.updated", initiativeId: "i2", version: 3, diff: { suppliers: { added: ["Epic"] } } },
        { type: "initiative.duplicate-seen", initiativeId: "i2", version: 3, diff: {} },
      ],
    });
    expect(d.entries.map((e) => [e.initiative.id, e.change])).toEqual([["i1", "new"], ["i2", "updated"]]);
    expect(d.entries[0]!.changes).toEqual(["status: planned → submitted for approval"]);
    expect(d.entries[1]!.changes).toEqual(["supplier added: Epic"]);
  });

  it("applies region, theme, organisation and keyword filters", () => {
    expect(matchesFilters(wlt, { regions: ["london"] })).toBe(true);
    expect(matchesFilters(lincs, { regions: ["London"] })).toBe(false);
    expect(matchesFilters(lincs, { themes: ["epr", "ai"] })).toBe(true);
    expect(matchesFilters(wlt, { orgs: ["west london"] })).toBe(true);
    expect(matchesFilters(wlt, { keywords: ["ambulance"] })).toBe(false);
  });
});

describe("render", () => {
  const d = composeDigest({
    title: "Digest",
    windowStart: "a",
    windowEnd: "b",
    filters: {},
    initiatives: [lincs],
    events: [{ type: "initiative.created", initiativeId: "i2", version: 1, diff: {} }],
  });
  it("escapes hostile text in HTML", () => {
    const html = renderHtml(d);
    expect(html).toContain("Lincolnshire EPR &lt;script&gt;");
    expect(html).not.toContain("<script>");
  });
  it("writes Markdown with the initiative and its sources", () => {
    const md = renderMarkdown(d);
    expect(md).toContain("## New: Lincolnshire EPR <script>");
    expect(md).toContain("reported in: https://htn.co.uk/a/");
  });
  it("describes every diff field", () => {
    expect(describeDiff({ money: { added: [{ text: "£1m", pounds: 1_000_000 }], changed: [] }, facts: { added: ["It went live."] } })).toEqual([
      "amount: £1m",
      "new: It went live.",
    ]);
  });
});

import { isEmptyDiff } from "@radar/core";
import { describe, expect, it } from "vitest";
import { diff, initialState, isStatusMove } from "./diff.js";
import { applyDiff } from "./state.js";
import { org, story, type StoryInit } from "./testing.js";

const WLT = org("West London NHS Trust", "RKL");
const base = story({
  heading: "West London NHS Trust plans £29 million digital strategy",
  text: "West London NHS Trust has set out plans for a digital strategy covering 2025 to 2030. The strategy is built around six pillars including robust infrastructure and cyber resilience.",
  orgs: [WLT],
  themes: [["strategy-funding", 0.9], ["cyber", 0.7]],
  money: [["£29 million", 29_000_000]],
  periods: ["2025-2030"],
  status: "planned",
});
const state = initialState(base);

describe("initialState", () => {
  it("takes title, organisations, labels and fact sentences from the founding story", () => {
    expect(state.title).toBe("West London NHS Trust plans £29 million digital strategy");
    expect(state.orgs).toEqual(["RKL"]);
    expect(state.orgNames).toEqual(["West London NHS Trust"]);
    expect(state.status).toBe("planned");
    expect(state.money).toEqual([{ text: "£29 million", pounds: 29_000_000 }]);
    expect(state.themes).toEqual(["strategy-funding", "cyber"]);
    expect(state.facts.length).toBe(2);
    expect(state.facts[1]).toMatch(/^the strategy is built around six pillars/);
  });

  it("re-reading the founding story gives an empty diff", () => {
    expect(isEmptyDiff(diff(state, base))).toBe(true);
  });
});

describe("diff by field", () => {
  const again = (over: Partial<StoryInit>) => diff(state, story({ text: base.item.text, orgs: [WLT], ...over }));

  it("status: forward moves are news, backward moves are stale, holds always count", () => {
    expect(again({ status: "submitted-for-approval" }).status).toEqual({ from: "planned", to: "submitted-for-approval" });
    expect(again({ status: "planned" }).status).toBeUndefined();
    expect(diff({ ...state, status: "live" }, story({ text: "x", status: "pilot" })).status).toBeUndefined();
    expect(isStatusMove("live", "paused")).toBe(true);
    expect(isStatusMove("paused", "live")).toBe(true);
    expect(isStatusMove(null, "approved")).toBe(true);
    expect(isStatusMove("approved", null)).toBe(false);
  });

  it("money: a new amount is added, a single revised amount is a change, a repeat is nothing", () => {
    expect(again({ money: [["£29 million", 29_000_000]] }).money).toBeUndefined();
    expect(again({ money: [["£31 million", 31_000_000]] }).money).toEqual({
      added: [],
      changed: [{ from: { text: "£29 million", pounds: 29_000_000 }, to: { text: "£31 million", pounds: 31_000_000 } }],
    });
    expect(again({ money: [["£29 million", 29_000_000], ["£2 million", 2_000_000]] }).money).toEqual({
      added: [{ text: "£2 million", pounds: 2_000_000 }],
      changed: [],
    });
  });

  it("periods, suppliers and programmes: only names not already known (case/space-insensitive)", () => {
    const d = again({ periods: ["2025-2030", "2026/27"], suppliers: ["Tortus", "tortus "], programmes: ["Epic Thrive"] });
    expect(d.periods).toEqual({ added: ["2026/27"] });
    expect(d.suppliers).toEqual({ added: ["Tortus"] });
    expect(d.programmes).toEqual({ added: ["Epic Thrive"] });
  });

  it("orgs: new partners appear as 'Name [CODE]'", () => {
    const d = again({ orgs: [WLT, org("Imperial College Healthcare NHS Trust", "RYJ"), org("Some Partnership", null, "partnership")] });
    expect(d.orgs).toEqual({ added: ["Imperial College Healthcare NHS Trust [RYJ]", "Some Partnership"] });
  });

  it("themes: only confident labels not already held", () => {
    const d = again({ themes: [["cyber", 0.9], ["ai", 0.8], ["epr", 0.2]] });
    expect(d.themes).toEqual({ added: ["ai"] });
  });

  it("facts: sentences whose content words are mostly new, capped", () => {
    const d = again({ text: `${base.item.text} A digital PMO and programme boards will oversee each pillar with clear milestones.` });
    expect(d.facts).toEqual({ added: ["A digital PMO and programme boards will oversee each pillar with clear milestones."] });
    const many = Array.from({ length: 20 }, (_, i) => `Ward ${i} received tablets number${i} alpha${i} beta${i} gamma${i}.`).join(" ");
    expect(diff(state, story({ text: many }), { maxFactsPerDiff: 3 }).facts?.added).toHaveLength(3);
    expect(again({ text: "West London NHS Trust set out its plans for a digital strategy, covering 2025 to 2030." }).facts).toBeUndefined();
  });
});

describe("applyDiff", () => {
  it("applies every field and converges: the same story then adds nothing", () => {
    const next = story({
      text: "The strategy has been submitted for board approval. Estimated capital investment is £31 million, phased over five years with Tortus ambient voice.",
      orgs: [WLT, org("Imperial College Healthcare NHS Trust", "RYJ")],
      themes: [["ai", 0.9]],
      money: [["£31 million", 31_000_000]],
      periods: ["2026/27"],
      suppliers: ["Tortus"],
      programmes: ["Digital PMO"],
      status: "submitted-for-approval",
    });
    const d = diff(state, next);
    const after = applyDiff(state, d);
    expect(after.status).toBe("submitted-for-approval");
    expect(after.money).toEqual([{ text: "£31 million", pounds: 31_000_000 }]);
    expect(after.orgs).toEqual(["RKL", "RYJ"]);
    expect(after.orgNames).toEqual(["West London NHS Trust", "Imperial College Healthcare NHS Trust"]);
    expect(after.themes).toEqual(["strategy-funding", "cyber", "ai"]);
    expect(after.periods).toEqual(["2025-2030", "2026/27"]);
    expect(after.suppliers).toEqual(["Tortus"]);
    expect(after.programmes).toEqual(["Digital PMO"]);
    expect(after.facts.length).toBe(state.facts.length + d.facts!.added.length);
    expect(isEmptyDiff(diff(after, next))).toBe(true);
    expect(state.status).toBe("planned"); // pure: the input state is untouched
  });

  it("keeps at most maxFacts fact sentences", () => {
    const facts = Array.from({ length: 10 }, (_, i) => `fact ${i}`);
    expect(applyDiff({ ...state, facts: [] }, { facts: { added: facts } }, 4).facts).toEqual(facts.slice(0, 4));
  });
});

import { describe, expect, it } from "vitest";
import type { Block, ExtractedArticle } from "@radar/core";
import { createAnalyzer } from "./analyze.js";
import { loadSeedFiles } from "./seeds-loader.js";

// Patterns found by checking the analyzer on real HTN articles (not committed); the snippets here
// are written for the tests.
const analyzer = createAnalyzer(loadSeedFiles());
const h = (text: string): Block => ({ type: "heading", text, level: 2 });
const p = (text: string): Block => ({ type: "paragraph", text });
const art = (blocks: Block[], title = "News"): ExtractedArticle => ({ title, publishedAt: null, author: null, url: null, categories: [], tags: [], blocks });

describe("patterns from real articles", () => {
  it("a featured vendor piece is sponsored, even when it names an NHS customer", () => {
    const out = analyzer.analyze(
      art(
        [
          p("Our latest feature comes from Inhealthcare, a provider of remote monitoring services to the NHS."),
          p("Inhealthcare works with NHS Surrey Heartlands Integrated Care Board on blood pressure monitoring at home, the company said."),
        ],
        "Featured content: Inhealthcare's CEO on remote monitoring at scale",
      ),
    );
    expect(out.items.length).toBeGreaterThan(0);
    expect(out.items.every((i) => i.kind === "sponsored")).toBe(true);
  });

  it("a webinar under a 'Wider trend:' label is opinion, not an initiative of the first trust a panellist names", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has gone live with a new electronic patient record across its five hospitals."),
        h("Wider trend: virtual wards"),
        p("For a recent HTN Now webinar on virtual wards we were joined by a panel including a consultant from The Dudley Group NHS Foundation Trust."),
      ]),
    );
    expect(out.items.map((i) => i.kind)).toEqual(["initiative", "opinion"]);
  });

  it("ordinary elaboration of a story does not open a new one", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has set out its digital plans for the next three years."),
        p("Across Leeds, the plans state to expand remote care through the implementation of a new remote monitoring virtual ward hub."),
      ]),
    );
    expect(out.items).toHaveLength(1);
  });

  it("a region's name is never one of a story's organisations", () => {
    const out = analyzer.analyze(
      art([p("Barts Health NHS Trust has joined NHS London Procurement Partnership's framework for EPR support services across the London region.")]),
    );
    expect(out.items[0]!.orgs.map((o) => o.kind)).not.toContain("region");
    expect(out.items[0]!.orgs[0]!.name).toBe("Barts Health NHS Trust");
  });

  it("a single passing mention of cyber is not a theme; a story about an attack is", () => {
    const passing = analyzer.analyze(
      art([
        p("Hull University Teaching Hospitals NHS Trust has approved a digital strategy with six objectives, from a new EPR to cyber resilience."),
        p("The EPR procurement will start next year, with a business case to the board in March and go-live planned for 2027 across its sites."),
      ]),
    );
    expect(passing.items[0]!.themes.map((t) => t.id)).not.toContain("cyber");
    const attack = analyzer.analyze(art([p("East Lancashire Hospitals NHS Trust is recovering from a ransomware attack that took its pathology systems offline.")]));
    expect(attack.items[0]!.themes.map((t) => t.id)).toContain("cyber");
  });

  it("'This week, HTN shared…' closing an article is a teaser", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has gone live with a new electronic patient record across its five hospitals."),
        p("This week, HTN shared insight from a chief clinical information officer on what makes a go-live work."),
      ]),
    );
    expect(out.items.at(-1)!.kind).toBe("teaser");
  });
});

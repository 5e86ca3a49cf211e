import { describe, expect, it } from "vitest";
import type { Block, ExtractedArticle } from "@radar/core";
import { AnalyzedArticleSchema } from "@radar/core";
import { createAnalyzer } from "./analyze.js";
import { loadSeedFiles } from "./seeds-loader.js";

const analyzer = createAnalyzer(loadSeedFiles());
const h = (text: string): Block => ({ type: "heading", text, level: 2 });
const p = (text: string): Block => ({ type: "paragraph", text });
const art = (blocks: Block[], title = "Roundup"): ExtractedArticle => ({ title, publishedAt: null, author: null, url: null, categories: [], tags: [], blocks });

describe("segmentation", () => {
  it("splits at story headings, keeps follow-on paragraphs, treats heading runs as sections", () => {
    const out = analyzer.analyze(art([
      h("Regional insights"),
      h("Leeds Teaching Hospitals launches AI pilot for radiology reporting"),
      p("Leeds Teaching Hospitals NHS Trust has launched an AI pilot in radiology."),
      p("The trust said the pilot will run for a year."),
      h("Cardiff and Vale University Health Board approves digital strategy"),
      p("Cardiff and Vale University Health Board has approved its digital strategy to 2030."),
      p("To learn more, please click here."),
    ]));
    expect(AnalyzedArticleSchema.parse(out)).toBeTruthy();
    expect(out.items.map((i) => i.heading)).toEqual([
      "Leeds Teaching Hospitals launches AI pilot for radiology reporting",
      "Cardiff and Vale University Health Board approves digital strategy",
    ]);
    expect(out.items[0]!.section).toBe("Regional insights");
    expect(out.items[0]!.text).toContain("\n\nThe trust said");
    expect(out.items[1]!.text).not.toContain("click here");
    expect(out.items[1]!.region).toBe("Wales");
    expect(out.items[1]!.icb).toBeNull();
  });

  it("splits headingless prose at a new organisation and at meeting openers", () => {
    const out = analyzer.analyze(art([
      p("NHS Greater Glasgow and Clyde has rolled out a new patient portal."),
      p("The board said uptake has been strong."),
      p("Belfast Health and Social Care Trust has gone live with its new EPR."),
      p("At its latest meeting, the trust discussed a cyber security review."),
    ]));
    expect(out.items.map((i) => i.orgs[0]?.name)).toEqual([
      "NHS Greater Glasgow and Clyde",
      "Belfast Health and Social Care Trust",
      "Belfast Health and Social Care Trust",
    ]);
    expect(out.items.map((i) => i.region)).toEqual(["Scotland", "Northern Ireland", "Northern Ireland"]);
  });

  it("uses a short name-only heading as a section and the place when no body is named", () => {
    const out = analyzer.analyze(art([
      h("Greater Manchester"),
      p("Greater Manchester ICB has published a new digital strategy for 2025 – 2028 with £12m of investment."),
      p("Separately, a Leeds-based start-up has launched an open data tool for neighbourhood health."),
    ]));
    expect(out.items).toHaveLength(2);
    expect(out.items[0]!.section).toBe("Greater Manchester");
    expect(out.items[0]!.icb).toBe("Greater Manchester");
    expect(out.items[0]!.money[0]!.pounds).toBe(12_000_000);
    expect(out.items[1]!.orgs).toEqual([]);
    expect(out.items[1]!.region).toBe("North East and Yorkshire");
  });

  it("keeps a prose lead with the story of the body it introduces, but drops a bare overview", () => {
    const single = analyzer.analyze(art([
      p("A new virtual ward for heart failure patients has opened in Leeds, monitoring 40 patients at home."),
      p("Leeds Teaching Hospitals NHS Trust said the service uses remote monitoring kits."),
    ]));
    expect(single.items).toHaveLength(1);
    expect(single.items[0]!.text.startsWith("A new virtual ward")).toBe(true);
    expect(single.items[0]!.icb).toBe("West Yorkshire");
    const roundup = analyzer.analyze(art([
      p("Across England, trusts are pressing ahead with digital investment."),
      p("Royal Cornwall Hospitals NHS Trust has gone live with a new EPR."),
      p("Separately, NHS Fife has launched a patient portal."),
    ]));
    expect(roundup.items.map((i) => i.orgs[0]?.name)).toEqual(["Royal Cornwall Hospitals NHS Trust", "NHS Fife"]);
  });

  it("keeps quotes, national-body context and vendor quotes with the story they sit in", () => {
    const out = analyzer.analyze(art([
      p("NHS Lothian has launched an AI tool to prioritise chest X-rays, backed by £1.2m of funding."),
      p("“This will speed up diagnosis,” the board’s medical director said."),
      p("The pilot is funded by the Scottish Government and NHS England has asked to see the results."),
      p("Annalise.ai said the deployment is its largest in Scotland."),
    ]));
    expect(out.items).toHaveLength(1);
    expect(out.items[0]!.orgs[0]!.name).toBe("NHS Lothian");
    expect(out.items[0]!.suppliers).toContain("Annalise.ai");
    expect(out.items[0]!.status).toBe("live"); // "launched" is later than "pilot"
    expect(out.items[0]!.money).toEqual([{ text: "£1.2m", pounds: 1_200_000 }]);
  });
});

describe("kinds", () => {
  it("detects vendor content, panels and teasers", () => {
    const out = analyzer.analyze(art([
      p("We spoke with Nervecentre about how hospitals can get more from their EPR."),
      p("“Trusts want flexibility,” the company said."),
      p("An expert panel joined us to discuss whether AI will live up to the hype."),
      p("The latest instalment of HTN’s ICS regions series looks to the North West."),
    ]));
    expect(out.items.map((i) => i.kind)).toEqual(["sponsored", "opinion", "teaser"]);
    expect(out.items[0]!.region).toBe("England");
    expect(out.items[2]!.region).toBe("North West");
  });
});

describe("themes and version", () => {
  it("labels substantive themes with evidence and ignores passing mentions", () => {
    const out = analyzer.analyze(art([
      h("Trust deploys ambient voice technology across outpatients"),
      p("Somerset NHS Foundation Trust has deployed ambient voice technology across outpatient clinics. Clinicians using the AI scribe save ten minutes per consultation. The ambient AI tool drafts letters for review."),
      // A long story with one passing cloud mention: below the density threshold.
      ...Array.from({ length: 10 }, () => p("Clinicians said the ambient scribe let them keep eye contact with patients during consultations, and letters now reach GPs sooner than before, according to feedback gathered by the clinical teams over the first months.")),
      p("A separate cloud review is planned."),
    ]));
    const ids = out.items[0]!.themes.map((t) => t.id);
    expect(ids).toContain("ambient-voice");
    expect(ids).not.toContain("cloud-infrastructure");
    const av = out.items[0]!.themes.find((t) => t.id === "ambient-voice")!;
    expect(av.score).toBeGreaterThan(0.5);
    expect(av.evidence).toMatch(/ambient|scribe/i);
    expect(analyzer.version).toMatch(/^classify-\d+\+[0-9a-f]{10}$/);
  });

  it("gives a short story its strongest theme when one cue is all the evidence there is", () => {
    const out = analyzer.analyze(art([
      h("Around the region"),
      p("Derbyshire Healthcare NHS Foundation Trust went live with SystmOne across all of its services at the end of August, seven months ahead of plan."),
      p("Chesterfield Royal Hospital NHS Foundation Trust has appointed a new chair, who joins from the county council in January."),
    ]));
    const themes = out.items.map((it) => it.themes.map((t) => t.id));
    // One EPR product named once is below the bar for a theme, but it is all this paragraph is about.
    expect(themes[0]).toEqual(["epr"]);
    // No cue at all: no theme, not a guess.
    expect(themes[1]).toEqual([]);
  });
});

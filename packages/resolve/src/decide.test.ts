import { describe, expect, it } from "vitest";
import type { ThemeId } from "@radar/core";
import { decide } from "./decide.js";
import { scoreCandidate } from "./score.js";
import { storySignature } from "./story-signature.js";
import { pairScore } from "./members.js";
import { applyDiff } from "./state.js";
import { candidateFrom, org, story } from "./testing.js";

const WLT = org("West London NHS Trust", "RKL");
const ELFT = org("East London NHS Foundation Trust", "RWK", "foundation-trust");
const LAS = org("London Ambulance Service NHS Trust", "RRU", "ambulance-trust");

const wltPlan = story({
  heading: "West London NHS Trust plans £29 million digital strategy",
  text:
    "West London NHS Trust has published its digital strategy for 2025 to 2030, with estimated capital investment of £29 million phased over five years. " +
    "It is centred around six pillars covering robust infrastructure, cyber, systems optimisation, data and insights, AI and innovation, and empowering people.",
  orgs: [WLT],
  themes: [["strategy-funding", 0.9], ["cyber", 0.6]],
  money: [["£29 million", 29_000_000]],
  status: "planned",
  publishedAt: "2025-05-01T00:00:00Z",
});

const elftEpr = story({
  heading: "East London NHS Foundation Trust to procure a new EPR",
  text: "East London NHS Foundation Trust has started procurement of a new electronic patient record, with a tender for an implementation partner and go-live planned after the Homerton merger.",
  orgs: [ELFT],
  themes: [["epr", 0.9], ["procurement", 0.8]],
  status: "procuring",
});

describe("decide", () => {
  it("no candidates: new, with the creation diff", () => {
    const d = decide(wltPlan, []);
    expect(d.action).toBe("new");
    expect(d.initiativeId).toBeNull();
    expect(d.diff.status).toEqual({ from: null, to: "planned" });
    expect(d.reasons).toEqual(["no candidate initiatives"]);
  });

  it("a re-report with a later status is an update with a status diff", () => {
    const later = story({
      text: "West London NHS Trust's latest digital strategy for 2025 – 2030 has been submitted for board approval, centred around six pillars, to cover robust infrastructure, cyber, systems optimisation, data and insights. Estimated capital investment is £29 million.",
      orgs: [WLT],
      money: [["£29 million", 29_000_000]],
      status: "submitted-for-approval",
      publishedAt: "2025-09-01T00:00:00Z",
    });
    const d = decide(later, [candidateFrom("wlt", wltPlan)]);
    expect(d.action).toBe("update");
    expect(d.initiativeId).toBe("wlt");
    expect(d.baseVersion).toBe(1);
    expect(d.diff.status).toEqual({ from: "planned", to: "submitted-for-approval" });
    expect(d.reasons.join("; ")).toMatch(/same organisation RKL; text similarity 0\.\d+.*shared amount £29 million/);
  });

  it("a shorter re-report that adds nothing is a duplicate with an empty diff", () => {
    const short = story({
      text: "West London NHS Trust has published a digital strategy for 2025 to 2030 with £29 million capital investment over five years.",
      orgs: [WLT],
      money: [["£29 million", 29_000_000]],
      status: "planned",
    });
    const d = decide(short, [candidateFrom("wlt", wltPlan)]);
    expect(d.action).toBe("duplicate");
    expect(d.diff).toEqual({});
  });

  it("only a new low-signal theme: still a duplicate, and the reasons say why", () => {
    const again = story({ ...{ text: wltPlan.item.text, heading: wltPlan.item.heading }, orgs: [WLT], money: [["£29 million", 29_000_000]], themes: [["ai", 0.9]] });
    const d = decide(again, [candidateFrom("wlt", wltPlan)]);
    expect(d.action).toBe("duplicate");
    expect(d.reasons.at(-1)).toMatch(/only themes differ \(ai\)/);
  });

  it("hard negative: same organisation, different initiative (EPR procurement vs data dashboards) stays apart", () => {
    const dashboards = story({
      heading: "East London NHS FT data approach on patient flow",
      text: "East London NHS Foundation Trust has outlined its use of data in informing patient flow, deploying digital screens, interactive dashboards and PowerBI. 22 wards now show real-time data on safety, observations and expected discharge date.",
      orgs: [ELFT],
      themes: [["data-analytics", 0.9]],
      status: "live",
    });
    const d = decide(dashboards, [candidateFrom("elft-epr", elftEpr)]);
    expect(d.action).toBe("new");
    expect(d.reasons.join("; ")).toMatch(/same organisation RWK/);
  });

  it("different organisations with similar wording are different initiatives", () => {
    const other = story({
      heading: "North East London NHS Foundation Trust to procure a new EPR",
      text: "North East London NHS Foundation Trust has started procurement of a new electronic patient record, seeking a partner for implementation next year.",
      orgs: [org("North East London NHS Foundation Trust", "RAT", "foundation-trust")],
      themes: [["epr", 0.9], ["procurement", 0.8]],
    });
    const d = decide(other, [candidateFrom("elft-epr", elftEpr)]);
    expect(d.action).toBe("new");
    expect(d.reasons.join("; ")).toMatch(/no shared organisation/);
  });

  it("syndicated copy: near-identical text matches even when the copy's organisation was not recognised", () => {
    const copy = story({ heading: elftEpr.item.heading, text: elftEpr.item.text, orgs: [], themes: [["epr", 0.9]] });
    const d = decide(copy, [candidateFrom("elft-epr", elftEpr)]);
    expect(d.action).toBe("duplicate");
    expect(d.reasons.join("; ")).toMatch(/near-identical text/);
  });

  it("a template with another place filled in is not a copy", () => {
    const teaser = (region: "Midlands" | "North West") => {
      const s = story({ text: `The latest instalment of HTN's NHS trust region series looks to the ${region}, exploring some of the latest developments, insights, plans and strategies for digital and data.` });
      return { ...s, item: { ...s.item, kind: "teaser" as const, region } };
    };
    const c = candidateFrom("midlands", teaser("Midlands"));
    expect(decide(teaser("North West"), [c]).action).toBe("new");
    expect(decide(teaser("Midlands"), [c]).action).toBe("duplicate");
  });

  it("national programmes without a gazetteer organisation match on content plus a shared amount", () => {
    const a = story({ text: "NHS England has committed £31 million to connect patient portals to the NHS App through the Wayfinder programme, so patients can see hospital appointments in one place.", money: [["£31 million", 31_000_000]], programmes: ["Wayfinder"] });
    const b = story({ text: "The Wayfinder programme, backed by £31 million from NHS England, now connects the patient portals of 130 trusts to the NHS App, showing hospital appointments to patients.", money: [["£31 million", 31_000_000]], programmes: ["Wayfinder"] });
    const other = story({ text: "NHS England has launched a national ambient voice framework for suppliers, with guidance on clinical safety and information governance." });
    const d = decide(b, [candidateFrom("wayfinder", a)]);
    expect(d.action).not.toBe("new");
    expect(d.reasons.join("; ")).toMatch(/national programme/);
    expect(decide(other, [candidateFrom("wayfinder", a)]).action).toBe("new");
  });

  it("a trust's initiative reported later by its ICB is the same initiative; the ICB's other work is not", () => {
    const inIcb = (s: ReturnType<typeof story>) => ({ ...s, item: { ...s.item, icb: "Thames Valley" } });
    const rbft = { ...org("Royal Berkshire NHS Foundation Trust", "RHW", "foundation-trust"), icb: "Thames Valley" };
    const icb = { ...org("NHS Thames Valley Integrated Care Board", "QU9", "icb"), icb: "Thames Valley" };
    const trustStory = inIcb(story({
      heading: "Royal Berkshire launches shared care record for GPs",
      text: "Royal Berkshire NHS Foundation Trust has launched a shared care record giving GP practices in Reading and Wokingham access to discharge summaries, test results and clinic letters.",
      orgs: [rbft], themes: [["interoperability", 0.9]], programmes: ["Berkshire West Shared Care Record"], publishedAt: "2025-07-15T00:00:00Z",
    }));
    const icbStory = inIcb(story({
      heading: "Thames Valley ICB extends Berkshire West shared care record",
      text: "NHS Thames Valley Integrated Care Board says the shared care record now reaches community nurses and social workers in Reading and Wokingham, adding mental health data to the discharge summaries and test results GP practices already see.",
      orgs: [icb], themes: [["interoperability", 0.9]], programmes: ["Berkshire West Shared Care Record"], publishedAt: "2026-05-19T00:00:00Z",
    }));
    const icbOther = inIcb(story({
      heading: "Thames Valley ICB buys population health platform",
      text: "NHS Thames Valley Integrated Care Board has opened a procurement for a population health management platform to target prevention work across its places.",
      orgs: [icb], themes: [["data-analytics", 0.9]], publishedAt: "2026-05-19T00:00:00Z",
    }));
    const d = decide(icbStory, [candidateFrom("record", trustStory)]);
    expect(d.action).not.toBe("new");
    expect(d.reasons.join("; ")).toMatch(/ICB \(Thames Valley\) is the other's organisations' ICB/);
    expect(pairScore(trustStory, icbStory)!.score).toBeGreaterThanOrEqual(0.5);
    expect(decide(icbOther, [candidateFrom("record", trustStory)]).action).toBe("new");
    // The same text about a trust in another ICB is another trust's record.
    const elsewhere = { ...icbStory, item: { ...icbStory.item, icb: "Kent and Medway", orgs: [{ ...icb, name: "NHS Kent and Medway Integrated Care Board", code: "QKS", icb: "Kent and Medway" }] } };
    expect(decide(elsewhere, [candidateFrom("record", trustStory)]).action).toBe("new");
  });

  it("two national stories sharing an amount (and a programme name) name one programme, months apart", () => {
    const launch = story({
      heading: "NHS England launches £40m Ambient Voice Technology Accelerator",
      text: "NHS England has launched a £40 million Ambient Voice Technology Accelerator to help trusts introduce AI tools that draft clinical notes, with up to £500,000 for each trust and bids closing in August.",
      money: [["£40 million", 40_000_000]], programmes: ["Ambient Voice Technology Accelerator"], themes: [["ambient-voice", 0.9]], publishedAt: "2025-06-24T00:00:00Z",
    });
    const followUp = story({
      heading: "Ambient Voice Technology Accelerator now live in 92 trusts",
      text: "Ninety-two NHS trusts are now using AI scribes, nearly a year after the national body put £40 million on the table, and a further £12 million has been found for a final wave, with early evaluation showing minutes saved per consultation.",
      money: [["£40 million", 40_000_000], ["£12 million", 12_000_000]], programmes: ["Ambient Voice Technology Accelerator"], themes: [["ambient-voice", 0.9]], publishedAt: "2026-05-19T00:00:00Z",
    });
    const otherFund = story({
      heading: "NHS England to fund AI clinical coding",
      text: "NHS England has approved £18 million for a programme to help 40 trusts introduce AI-assisted clinical coding, with up to £450,000 for each trust.",
      money: [["£18 million", 18_000_000]], programmes: ["Ambient Voice Technology Accelerator"], themes: [["ai", 0.9]], publishedAt: "2026-05-19T00:00:00Z",
    });
    const d = decide(followUp, [candidateFrom("avt", launch)]);
    expect(d.action).toBe("update");
    expect(d.reasons.join("; ")).toMatch(/shared amount £40 million and programme Ambient Voice Technology Accelerator name it/);
    // The fund's amount alone names it too, when the follow-up does not repeat the programme's name.
    const unnamed = { ...followUp, item: { ...followUp.item, heading: "Ambient voice technology now drafts clinical notes in 92 trusts", programmes: [] } };
    expect(decide(unnamed, [candidateFrom("avt", launch)]).action).toBe("update");
    // A programme named in passing, without the amount, is not enough.
    expect(decide(otherFund, [candidateFrom("avt", launch)]).action).toBe("new");
  });

  it("two national funds sharing a per-trust cap but not a subject are two schemes", () => {
    const cyber = story({
      heading: "NHS England opens £30m cyber resilience fund for trusts",
      text: "NHS England has opened a £30 million fund to help trusts harden their networks against ransomware, with up to £250,000 for each trust and bids closing in March.",
      money: [["£30 million", 30_000_000], ["£250,000", 250_000]], themes: [["cyber", 0.9]], publishedAt: "2025-02-03T00:00:00Z",
    });
    const mentalHealth = story({
      heading: "NHS England opens £18m fund for community mental health digital records",
      text: "NHS England has opened an £18 million fund to help community mental health teams move to digital records and remote consultations, with up to £250,000 for each trust and bids closing in March.",
      money: [["£18 million", 18_000_000], ["£250,000", 250_000]], themes: [["epr", 0.9], ["virtual-care", 0.8]], publishedAt: "2025-02-03T00:00:00Z",
    });
    const d = decide(mentalHealth, [candidateFrom("cyber", cyber)]);
    expect(d.action).toBe("new");
    // With no theme on one side the shared cap still names one scheme (no evidence against it).
    const unthemed = { ...mentalHealth, item: { ...mentalHealth.item, themes: [] } };
    expect(decide(unthemed, [candidateFrom("cyber", cyber)]).reasons.join("; ")).toMatch(/national programme/);
  });

  it("the same trust's supplier on the same theme is a shared subject, a year on in new words", () => {
    const contract = story({
      heading: "West London NHS Trust signs InterSystems deal for its electronic patient record",
      text: "West London NHS Trust has awarded InterSystems a ten-year contract for TrakCare, its new electronic patient record, replacing four legacy systems across mental health and community services.",
      orgs: [WLT], suppliers: ["InterSystems"], programmes: ["TrakCare"], themes: [["epr", 0.9], ["procurement", 0.8]], status: "contract-awarded", publishedAt: "2025-03-01T00:00:00Z",
    });
    const delay = story({
      text: "West London NHS Trust has pushed its TrakCare go-live back to May, after data migration testing ran long; InterSystems will add staff at no extra cost.",
      orgs: [WLT], suppliers: ["InterSystems"], programmes: ["TrakCare"], themes: [["epr", 0.9]], status: "delayed", publishedAt: "2026-03-01T00:00:00Z",
    });
    const otherTheme = story({
      text: "West London NHS Trust has bought InterSystems HealthShare licences for a research data environment with two universities.",
      orgs: [WLT], suppliers: ["InterSystems"], themes: [["data-analytics", 0.9]], publishedAt: "2026-03-01T00:00:00Z",
    });
    const d = decide(delay, [candidateFrom("epr", contract)]);
    expect(d.action).toBe("update");
    expect(d.diff.status?.to).toBe("delayed");
    expect(decide(otherTheme, [candidateFrom("epr", contract)]).action).toBe("new");
  });

  it("a story without themes is not scored as disagreeing on themes", () => {
    const launch = story({
      text: "Whittington Health NHS Trust has signed a contract for a scheduling platform that plans community nurses' daily visits, starting with district nursing teams in Islington.",
      orgs: [WLT], themes: [["workforce-skills", 0.8]], publishedAt: "2025-06-01T00:00:00Z",
    });
    const pointer = (themes: [ThemeId, number][]) => story({
      text: "Whittington Health NHS Trust says every district nursing team in Islington and Haringey now plans its visits on the scheduling platform, with more visits a day.",
      orgs: [WLT], themes, publishedAt: "2026-02-01T00:00:00Z",
    });
    const unknown = scoreCandidate(pointer([]), storySignature(pointer([])), candidateFrom("scheduling", launch));
    const other = scoreCandidate(pointer([["cyber", 0.9]]), storySignature(pointer([["cyber", 0.9]])), candidateFrom("scheduling", launch));
    expect(unknown.features.themes).toBe(0.5);
    expect(other.features.themes).toBe(0);
    expect(unknown.score).toBeGreaterThan(other.score);
    expect(unknown.reasons).toContain("no subject themes on one side (neutral)");
  });

  it("compares a story's title with the other side's title, not with a sentence in passing", () => {
    const preop = story({
      heading: "West London NHS Trust pilots digital pre-operative assessment with Ultramed",
      text: "West London NHS Trust has begun piloting an online pre-operative assessment platform, with patients completing health questionnaires before surgery. " +
        "Around 400 patients are expected to use it in the first six months.",
      orgs: [WLT], publishedAt: "2025-03-01T00:00:00Z",
    });
    const epr = story({
      heading: "Nervecentre awarded contract for West London NHS Trust's first electronic patient record",
      text: "West London NHS Trust has awarded Nervecentre a contract for its first electronic patient record, replacing paper notes on its wards. " +
        "The trust intends to link the record to the Ultramed digital pre-operative assessment platform it piloted last year.",
      orgs: [WLT], publishedAt: "2026-03-01T00:00:00Z",
    });
    // The pilot's title shares its subject only with the EPR story's passing sentence.
    expect(scoreCandidate(preop, storySignature(preop), candidateFrom("epr", epr)).features.title).toBeLessThan(0.2);
    // A roundup paragraph (no heading: its first sentence is its title) about the pilot still counts.
    const followUp = story({
      text: "West London NHS Trust has made its Ultramed digital pre-operative assessment platform the default for every elective patient. " +
        "Clinic slots freed up by the platform have gone to patients who need to be seen in person.",
      orgs: [WLT], publishedAt: "2026-01-01T00:00:00Z",
    });
    expect(scoreCandidate(followUp, storySignature(followUp), candidateFrom("preop", preop)).features.title).toBeGreaterThan(0.3);
  });

  it("compares subject themes only: procurement and funding are stages of an initiative, not what it is", () => {
    const tender = story({
      text: "Whittington Health NHS Trust has opened a tender for a new electronic patient record, with a budget of £18 million over eight years.",
      orgs: [WLT], themes: [["epr", 0.9], ["procurement", 0.9], ["strategy-funding", 0.7]], publishedAt: "2025-06-01T00:00:00Z",
    });
    const later = (themes: [ThemeId, number][]) => story({
      text: "Whittington Health NHS Trust has switched on its new patient record at the Whittington Hospital, after a weekend cutover.",
      orgs: [WLT], themes, publishedAt: "2026-05-01T00:00:00Z",
    });
    const score = (themes: [ThemeId, number][]) => scoreCandidate(later(themes), storySignature(later(themes)), candidateFrom("epr", tender));
    // Live, the record is no longer a procurement: the EPR alone is the whole subject on both sides.
    expect(score([["epr", 0.9]]).features.themes).toBe(1);
    // A story whose only themes are stages says nothing about its subject: neutral, not disagreement.
    const stagesOnly = score([["procurement", 0.9]]);
    expect(stagesOnly.features.themes).toBe(0.5);
    expect(stagesOnly.reasons).toContain("no subject themes on one side (neutral)");
    expect(score([["cyber", 0.9], ["procurement", 0.9]]).features.themes).toBe(0);
  });

  it("a gap within an initiative's life (two years) costs nothing; beyond it the score decays", () => {
    const at = (publishedAt: string) => {
      const s = story({ text: "West London NHS Trust reports progress on its £29 million digital strategy: the cyber and data pillars are now under way.", orgs: [WLT], themes: [["cyber", 0.8]], money: [["£29 million", 29_000_000]], publishedAt });
      return scoreCandidate(s, storySignature(s), candidateFrom("wlt", wltPlan)); // founded 2025-05-01
    };
    const sameMonth = at("2025-05-20T00:00:00Z");
    const nearlyTwoYears = at("2027-04-20T00:00:00Z");
    const fourYears = at("2029-05-01T00:00:00Z");
    expect(nearlyTwoYears.features.decay).toBe(1);
    expect(nearlyTwoYears.score).toBe(sameMonth.score);
    expect(fourYears.features.decay).toBeLessThan(0.5);
    expect(fourYears.score).toBeLessThan(sameMonth.score);
  });

  it("a national fund's list of recipient trusts is the fund; one trust's project funded by it is not", () => {
    const fund = story({
      text: "NHS England has launched a £45 million Community Digital Uplift Fund, inviting community trusts to bid for money to replace paper records and give staff mobile access to records.",
      money: [["£45 million", 45_000_000]],
      programmes: ["Community Digital Uplift Fund"],
      themes: [["virtual-care", 0.8]],
      publishedAt: "2024-11-05T00:00:00Z",
    });
    const trusts = ["Devon Partnership NHS Trust", "Pennine Care NHS Foundation Trust", "Cornwall Partnership NHS Foundation Trust"].map((n, i) => org(n, `R${i}`));
    const allocations = (orgs: typeof trusts) => story({
      text: `NHS England has named the trusts that will share money from its £45 million Community Digital Uplift Fund for mobile access to records and replacing paper records: ${orgs.map((o) => o.name).join(", ")}.`,
      orgs,
      money: [["£45 million", 45_000_000]],
      programmes: ["Community Digital Uplift Fund"],
      themes: [["virtual-care", 0.7]],
      publishedAt: "2025-09-23T00:00:00Z",
    });
    const named = decide(allocations(trusts), [candidateFrom("fund", fund)]);
    expect(named.action).toBe("update");
    expect(named.reasons.join("; ")).toMatch(/a national programme and a list of its recipient organisations: the shared amount £45 million/);
    expect(decide(allocations(trusts.slice(0, 1)), [candidateFrom("fund", fund)]).action).toBe("new");
  });

  it("picks the best of several candidates, deterministically on ties", () => {
    const las = story({ heading: "LAS pilots ambient voice", text: "London Ambulance Service NHS Trust is piloting Tortus ambient voice technology across its clinical hub.", orgs: [LAS], suppliers: ["Tortus"], status: "pilot" });
    const cands = [candidateFrom("wlt", wltPlan), candidateFrom("b", las), candidateFrom("a", las), candidateFrom("elft", elftEpr)];
    const d = decide(las, cands);
    expect(d.action).toBe("duplicate");
    expect(d.initiativeId).toBe("a");
    expect(decide(las, [...cands].reverse()).initiativeId).toBe("a");
  });

  it("an update's diff applies to the candidate state", () => {
    const later = story({ text: "West London NHS Trust's digital strategy has been approved by the board, with Tortus chosen as supplier for ambient voice.", orgs: [WLT], money: [["£29 million", 29_000_000]], suppliers: ["Tortus"], status: "approved" });
    const c = candidateFrom("wlt", wltPlan);
    const d = decide(later, [c]);
    expect(d.action).toBe("update");
    const next = applyDiff(c.state, d.diff);
    expect(next.status).toBe("approved");
    expect(next.suppliers).toEqual(["Tortus"]);
  });
});

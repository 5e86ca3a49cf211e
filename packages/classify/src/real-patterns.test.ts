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

  it("a heading announcing other news opens a new story, even about the same trust", () => {
    const out = analyzer.analyze(
      art([
        p("Radiologists at Leeds Teaching Hospitals NHS Trust have begun using AI to check lung screening CT scans."),
        p("The trust said reporting was now 35 per cent faster."),
        h("In other news from the trust"),
        p("Leeds Teaching Hospitals NHS Trust has also completed the move of its two main sites onto one instance of its electronic patient record."),
      ]),
    );
    expect(out.items.map((i) => i.text.slice(0, 20))).toEqual(["Radiologists at Leed", "Leeds Teaching Hospi"]);
  });

  it("another body joining the roll-out in hand stays with it; one bringing its own deployment opens a story", () => {
    const lead = p("AI fracture checks went live at Northumbria Healthcare NHS Foundation Trust in March, the first trust under NHS North East and North Cumbria ICB's region-wide programme.");
    const joins = analyzer.analyze(art([lead, p("South Tyneside and Sunderland NHS Foundation Trust went live in May, and the remaining six trusts are due to follow by the end of the year.")]));
    expect(joins.items).toHaveLength(1);
    const own = analyzer.analyze(art([lead, p("Gateshead Health NHS Foundation Trust went live in January with £410,000 from the programme, starting with its emergency department.")]));
    expect(own.items).toHaveLength(2);
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
  it("one incidental word does not make procurement, workforce or funding a theme", () => {
    const out = analyzer.analyze(
      art([
        p("Walsall Healthcare NHS Trust has rolled out a new patient portal so people can see appointment letters and test results on their phones."),
        p("The portal, procured in line with national guidance, went live for outpatients first, and the trust says 40,000 patients have signed up since launch."),
        p("Staff in the outpatient workforce were shown how to help patients register, and the trust plans for maternity to follow."),
        p("The work cost £250,000 and patients can now rebook or cancel an appointment themselves without phoning the hospital."),
      ]),
    );
    const ids = out.items[0]!.themes.map((t) => t.id);
    expect(ids).toContain("patient-facing");
    for (const id of ["procurement", "workforce-skills", "strategy-funding"]) expect(ids).not.toContain(id);
  });

  it("a story about a tender is procurement", () => {
    const out = analyzer.analyze(
      art([p("Walsall Healthcare NHS Trust has opened a tender for a new pathology system, with procurement due to close in March.")]),
    );
    expect(out.items[0]!.themes.map((t) => t.id)).toContain("procurement");
  });
  it("a national body after a leading time phrase opens its own story, and is not listed as an org", () => {
    const out = analyzer.analyze(
      art([
        p("What has changed for digital maternity care this year? Here we round up some of the stories we covered."),
        p("Earlier this year, the UK Government announced a national fund for maternity digital systems, with bids from trusts due in the autumn."),
        p("A maternity app for expectant parents went live in the capital in May, letting women see their notes and book scans."),
        p("In March, the government's new guidance on safe staffing software set out what boards should check before buying tools."),
      ]),
    );
    const texts = out.items.map((i) => i.text.slice(0, 20));
    expect(texts).toEqual(["What has changed for", "Earlier this year, t", "A maternity app for ", "In March, the govern"]);
    expect(out.items[1]!.orgs).toEqual([]);
    expect(out.items[1]!.region).toBe("England");
  });
  it("a vendor's own session is sponsored, and the NHS customers it lists are not the story's organisations", () => {
    const out = analyzer.analyze(
      art(
        [
          p("Yesterday we opened our summer webinar series with a live session from Inhealthcare, in which the team explained how to set up a remote monitoring service."),
          p("“We're a provider of digital health services, and we support over 40 NHS organisations,” the presenter said, “including a national agreement with NHS National Services Scotland.”"),
        ],
        "Summer webinars: remote monitoring in practice",
      ),
    );
    expect(out.items).toHaveLength(1);
    expect(out.items[0]!.kind).toBe("sponsored");
    expect(out.items[0]!.orgs).toEqual([]);
    expect(out.items[0]!.region).toBe("England");
  });

  it("a session from a vendor about an NHS body's own work is still that body's story", () => {
    const out = analyzer.analyze(
      art([p("Leeds Teaching Hospitals NHS Trust shared its virtual ward results in a session from Inhealthcare, reporting 2,000 patients monitored at home.")]),
    );
    expect(out.items[0]!.kind).toBe("initiative");
    expect(out.items[0]!.orgs[0]!.name).toBe("Leeds Teaching Hospitals NHS Trust");
  });

  it("sub-headings and customer examples inside a vendor piece stay part of it", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has gone live with a new electronic patient record across its five hospitals."),
        h("Partner content: remote care at scale"),
        p("Our latest feature comes from Inhealthcare, on what a decade of remote monitoring has taught the company."),
        h("By Jane Doe, CEO of Inhealthcare"),
        p("Remote monitoring has moved from pilots to everyday care, and our platform now carries millions of readings a year."),
        p("To show what this means, one community trust in the north uses it to monitor blood pressure at home for hundreds of patients."),
      ]),
    );
    expect(out.items.map((i) => i.kind)).toEqual(["initiative", "sponsored"]);
  });
  it("a series intro ('The latest … focuses on') is kept as comment, national when it ranges over regions", () => {
    const out = analyzer.analyze(
      art([
        p("The latest digital leaders series focuses on how trusts plan their estates."),
        p("In this piece we compare plans from Leeds, Bristol, Norwich and Croydon, and the common threads between them."),
        p("Leeds Teaching Hospitals NHS Trust puts a new electronic patient record at the centre of its plan for 2025 to 2030."),
      ]),
    );
    expect(out.items.map((i) => i.kind)).toEqual(["opinion", "initiative"]);
    expect(out.items[0]!.region).toBe("England");
  });

  it("a retrospective narrated by HTN ('This time last year, HTN discussed…') is comment", () => {
    const out = analyzer.analyze(
      art([
        p("This time last year, HTN discussed how quickly home monitoring was spreading across the NHS."),
        p("Since then, more services have moved readings from paper diaries into apps, with nurses reviewing them remotely."),
      ]),
    );
    expect(out.items).toHaveLength(1);
    expect(out.items[0]!.kind).toBe("opinion");
  });
  it("a recap roundup splits at 'We recently highlighted…' and at dated publications", () => {
    const out = analyzer.analyze(
      art([
        p("In this special report we look at digital health in Wales this year, from apps to records."),
        p("We recently highlighted a new national data platform for Welsh health boards, designed to bring records together in one place."),
        p("This year the Welsh Pathology Strategy 2025-2030 was published, setting out plans for a single laboratory system."),
        p("We looked into the Welsh Government's plan for digital maternity services, with an app for expectant parents."),
      ]),
    );
    expect(out.items.map((i) => i.text.slice(0, 16))).toEqual(["In this special ", "We recently high", "This year the We", "We looked into t"]);
    expect(out.items[2]!.themes.map((t) => t.id)).toContain("strategy-funding");
  });

  it("a dated action by the body already in hand continues its story", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has set out its digital plans for the next three years."),
        p("In March, the trust published its first data strategy, with a new analytics team to follow."),
      ]),
    );
    expect(out.items).toHaveLength(1);
  });
  it("a teaser carries no themes of its own", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has gone live with a new electronic patient record across its five hospitals."),
        p("This week, HTN shared insight from a supplier on virtual wards and remote monitoring at home, and how virtual wards cut admissions."),
      ]),
    );
    expect(out.items.at(-1)!.kind).toBe("teaser");
    expect(out.items.at(-1)!.themes).toEqual([]);
  });
  it("comment ranging over other regions is national, even under a title naming one region", () => {
    const out = analyzer.analyze(
      art(
        [
          p("North Central London ICB is to award a contract for a new shared care record across its boroughs."),
          h("Wider trend: shared care records"),
          p("For a recent HTN Now webinar we were joined by a panel including leads from The Dudley Group NHS Foundation Trust and Wirral University Teaching Hospital NHS Foundation Trust."),
        ],
        "North Central London ICB to award shared care record contract",
      ),
    );
    expect(out.items.map((i) => i.kind)).toEqual(["initiative", "opinion"]);
    expect(out.items[0]!.region).toBe("London");
    expect(out.items[1]!.region).toBe("England");
  });
  it("an ambient voice pilot is labelled AI as well as ambient voice", () => {
    const out = analyzer.analyze(
      art([p("Walsall Healthcare NHS Trust has shared results from its pilot of ambient voice technology in outpatient clinics, where clinicians spent less time typing notes.")]),
    );
    const ids = out.items[0]!.themes.map((t) => t.id);
    expect(ids).toContain("ambient-voice");
    expect(ids).toContain("ai");
  });
  it("'the company said' inside NHS news does not swallow the stories after it", () => {
    const out = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has gone live with a new electronic patient record across its five hospitals."),
        p("More than 9,000 staff were trained before go-live, the company said."),
        h("Virtual wards grow"),
        p("North Bristol NHS Trust has expanded its virtual ward to 120 beds for frail patients."),
      ]),
    );
    expect(out.items).toHaveLength(2);
    expect(out.items.map((i) => i.kind)).toEqual(["initiative", "initiative"]);
  });

  it("a paragraph about 'the record' the heading introduced stays with it, even when it names another body", () => {
    const out = analyzer.analyze(
      art([
        h("Thames Valley ICB reports growth in Berkshire West shared care record"),
        p("NHS Thames Valley Integrated Care Board says the Berkshire West Shared Care Record now has 6,900 registered users, following the go-live of its second phase in April."),
        p("The record, first introduced by Royal Berkshire NHS Foundation Trust last summer to share hospital information with GP practices, now brings in community nursing and social care data."),
      ]),
    );
    expect(out.items).toHaveLength(1);
    expect(out.items[0]!.orgs.map((o) => o.name)).toContain("Royal Berkshire NHS Foundation Trust");
    const roundup = analyzer.analyze(
      art([
        p("Leeds Teaching Hospitals NHS Trust has expanded its virtual ward for frailty to 80 beds, with remote monitoring from Doccla."),
        p("The virtual ward at Sheffield Teaching Hospitals NHS Foundation Trust has reached 60 beds for respiratory patients."),
      ]),
    );
    expect(roundup.items).toHaveLength(2);
  });

  it("a named person quoted on the story does not open a story of their organisation", () => {
    const out = analyzer.analyze(
      art([
        p("Trusts in England can now bid for a share of a £40 million NHS England fund to introduce ambient voice technology, under the new Ambient Voice Technology Accelerator."),
        p('Dr Jane Smith, national chief clinical information officer at NHS England, said: "This accelerator will help trusts do that safely and at pace."'),
        p('NHS England\'s director of transformation added that the programme was "not about buying a gadget", and that bids would need clinical leadership.'),
      ]),
    );
    expect(out.items).toHaveLength(1);
  });

  it("a body that 'has separately' started something opens a second story of that body", () => {
    const out = analyzer.analyze(
      art([
        p("Patients across Devon can now be treated at home by a hospital at home service run by NHS Devon Integrated Care Board with Torbay and South Devon NHS Foundation Trust."),
        p("NHS Devon Integrated Care Board has separately opened a procurement for a population health management platform, with a contract worth up to £6 million."),
      ]),
    );
    expect(out.items).toHaveLength(2);
    expect(out.items[1]!.money.map((m) => m.text)).toEqual(["£6 million"]);
  });

  it("names of accelerators, funds and numbered plans are programme names", () => {
    const out = analyzer.analyze(
      art([p("NHS England has launched a £40 million Ambient Voice Technology Accelerator, funded from the Frontline Digitisation Fund as part of the 10 Year Health Plan.")]),
    );
    expect(out.items[0]!.programmes).toEqual(expect.arrayContaining(["Ambient Voice Technology Accelerator", "Frontline Digitisation Fund", "10 Year Health Plan"]));
  });

  it("the vocabulary of records, video triage and patient phones gives their themes", () => {
    const ids = (text: string) => analyzer.analyze(art([p(text)])).items[0]!.themes.map((t) => t.id);
    expect(ids("Blackpool Teaching Hospitals NHS Foundation Trust has replaced paper observation charts with electronic observations from Alcidion's Patientrack on all adult wards.")).toContain("epr");
    expect(ids("East Suffolk and North Essex NHS Foundation Trust has moved maternity care to BadgerNet, so women can now view their digital maternity notes on their phones instead of carrying paper notes.")).toEqual(expect.arrayContaining(["epr", "patient-facing"]));
    expect(ids("South Central Ambulance Service NHS Foundation Trust has introduced video triage, with clinicians holding video calls with callers before an ambulance is sent, and remote assessments for falls.")).toContain("virtual-care");
  });
});

/**
 * Synthetic but realistic initiatives and stories for the resolve benchmark. Story `i` is a pure
 * function of `i` (seeded generator), so any initiative can be regenerated, followed up or copied
 * without keeping 100,000 stories in memory. Organisations are ~200 real rows of the gazetteer.
 */
import { readFileSync } from "node:fs";
import { STATUSES, THEME_IDS, parseCsv, type AnalyzedItem, type OrgRef, type Region } from "@radar/core";
import type { Story } from "@radar/resolve";

const ORG_KINDS = new Set(["trust", "foundation-trust", "ambulance-trust", "icb", "health-board"]);

/** Up to `n` NHS bodies (trusts, ICBs, health boards) from seeds/nhs-organisations.csv. */
export function loadOrgs(n = 200): OrgRef[] {
  const [cols, ...rows] = parseCsv(readFileSync(new URL("../seeds/nhs-organisations.csv", import.meta.url), "utf8"));
  const at = (cells: string[], name: string) => cells[cols!.indexOf(name)] ?? "";
  return rows
    .filter((c) => ORG_KINDS.has(at(c, "kind")))
    .slice(0, n)
    .map((c) => ({ name: at(c, "name"), code: at(c, "code") || null, kind: at(c, "kind"), icb: at(c, "icb") || null, region: at(c, "region") || null }));
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PRODUCTS = "Epic|Oracle Health|Cerner Millennium|System C CareFlow|Nervecentre|Accurx|Patchs|EMIS Web|SystmOne|Dedalus ORBIS|Alcidion Miya|Medway|Sectra PACS|Philips IntelliSpace|Tortus|Heidi Health|Doccla|Luscii|Infinity Health|Lantum|Allocate HealthRoster|Microsoft Azure|AWS|Palantir Foundry|Graphnet CareCentric|Orion Health|InterSystems HealthShare|Better Meds|ePMA|Patient Knows Best|Zesty|DrDoctor|Healthcare Communications|Isla|Kortical|Skin Analytics|Annalise.ai|Brainomix|Qure.ai|Ufonia".split("|");
const SUPPLIERS = "Tortus|Heidi Health|Doccla|Accurx|Nervecentre|Oracle|Epic Systems|System C|Dedalus|Alcidion|Sectra|Philips|Microsoft|Palantir|Graphnet|InterSystems|Better|DrDoctor|Isla Health|Kortical|Skin Analytics|Annalise|Brainomix|Qure|Ufonia|BT|Capita|CGI|Kainos|Answer Digital|Hippo Digital|Made Tech|NTT Data|Deloitte|PwC|KPMG|Accenture|IBM|Cisco|Sopra Steria".split("|");
const NOVEL = "Aurora|Beacon|Compass|Delta|Ember|Fulcrum|Granite|Harbour|Iris|Juniper|Kestrel|Lumen|Meridian|Nimbus|Orchid|Pioneer|Quarry|Summit|Tidewater|Willow".split("|");
const ADJ = "digital|electronic|virtual|remote|integrated|shared|automated|ambient|cloud-based|AI-enabled|patient-facing|clinical|regional|trust-wide|community|acute|mental health|maternity|paediatric|surgical|outpatient|diagnostic|pathology|radiology|pharmacy|theatre|emergency|discharge|frailty|cancer".split("|");
const NOUN = "patient record|care record|observations platform|e-prescribing system|scheduling tool|referral hub|voice scribe|triage service|monitoring service|data platform|command centre|bed management system|results viewer|imaging network|patient portal|app|chatbot|dashboard|workforce rostering tool|cyber resilience programme|network upgrade|single sign-on|document management system|clinical decision support|waiting list validation tool|letters service|booking system|telehealth service|virtual ward|shared care plan".split("|");
const VERB = "has gone live with|is rolling out|has procured|has awarded a contract for|is piloting|has approved a business case for|is consulting on|has launched|has extended|has completed the deployment of|is evaluating|has selected".split("|");
const PLACE = "across its acute sites|in the emergency department|on surgical wards|in community services|across primary care|in maternity units|for outpatients|in its mental health wards|across the integrated care system|in critical care|in the discharge lounge|in theatres|for district nurses|in urgent treatment centres|for care homes".split("|");
const OUTCOME = "reduce waiting times|free up clinician time|cut duplicate data entry|improve patient safety|speed up discharge|support elective recovery|reduce paper records|improve staff experience|cut missed appointments|improve data quality|support population health management|reduce unwarranted variation|help staff spot deterioration sooner|give patients access to their records|improve cyber security".split("|");
const PEOPLE = "chief digital officer|chief clinical information officer|director of nursing|medical director|chief executive|head of digital transformation|programme lead|chief nursing information officer|digital director|deputy chief executive".split("|");
const PERIODS = "by March 2026|over the next two years|in 2025/26|by the end of the year|over three years|from April|during the winter|by summer 2026|in phase two|within 18 months".split("|");

/** Wording of a story about something new: its own subject, so it does not read like the rest. */
function novelSentences(r: () => number, org: string, product: string): string[] {
  const n = 2 + Math.floor(r() * 30);
  const pool = [
    `${org} has unveiled ${product}, a new approach to ${pick(r, ["genomic testing", "falls prevention", "sepsis screening", "wheelchair services", "sickle cell care", "hearing assessments", "dental referrals", "eating disorder support"])}.`,
    `Governors heard that ${product} grew out of a hackathon run with ${pick(r, ["local universities", "patient groups", "the academic health science network", "medical students", "volunteers"])}.`,
    `Recruitment of ${n} ${pick(r, ["informaticians", "developers", "clinical safety officers", "data engineers", "trainers"])} for ${product} begins next quarter.`,
    `Patients in ${pick(r, ["rural villages", "coastal towns", "prisons", "homeless shelters", "student halls", "care homes"])} will be offered it first, ${pick(r, ["subject to ethics approval", "once the safety case is signed off", "after a consultation", "if the trial succeeds"])}.`,
    `Procurement for ${product} is expected to close in ${pick(r, ["January", "March", "May", "September", "November"])}, with ${n} bidders so far.`,
  ];
  return pool.filter((_, k) => k === 0 || r() < 0.7);
}

function money(r: () => number): { text: string; pounds: number } {
  const pounds = Math.round(10 ** (5 + r() * 2.7) / 10_000) * 10_000;
  return { text: pounds >= 1e6 ? `£${(pounds / 1e6).toFixed(1)} million` : `£${Math.round(pounds / 1000)}k`, pounds };
}

/** Organisations skewed like news coverage: a few large trusts and ICBs have many initiatives. */
function pickOrg(r: () => number, orgs: OrgRef[]): OrgRef {
  return orgs[Math.floor(r() ** 1.5 * orgs.length)]!;
}

export interface StoryOptions {
  /** A follow-up adds a new status, money and a fresh fact to the same initiative. */
  followUp?: boolean;
  /** A genuinely new initiative names a product no stored initiative has (else same org + same
   * programme name already scores a match in decide). */
  novel?: boolean;
}

interface Facts {
  org: OrgRef;
  partner: OrgRef | null;
  product: string;
  thing: string;
  m: { text: string; pounds: number } | null;
  supplier: string | null;
}

/** Opening, context and deal sentences, each from a few phrasings so texts do not all read alike. */
function regularSentences(r: () => number, f: Facts): string[] {
  const { org, partner, product, thing, m, supplier } = f;
  const [verb, place, who, sites] = [pick(r, VERB), pick(r, PLACE), pick(r, PEOPLE), 2 + Math.floor(r() * 40)];
  const lead = [
    () => `${org.name} ${verb} a ${thing} ${place}${partner ? ` with ${partner.name}` : ""}.`,
    () => `A ${thing} from ${product} is being introduced ${place} at ${org.name}${partner ? `, working with ${partner.name}` : ""}.`,
    () => `Board papers show ${org.name} ${verb} ${product} as its ${thing}${partner ? `, jointly with ${partner.name}` : ""}.`,
    () => `${partner ? `${partner.name} and ` : ""}${org.name} ${verb} ${product} ${place}.`,
  ];
  const middle = [
    () => `The aim is to ${pick(r, OUTCOME)} and ${pick(r, OUTCOME)} at ${sites} sites ${pick(r, PERIODS)}.`,
    () => `According to the ${who}, it should ${pick(r, OUTCOME)} ${pick(r, PERIODS)}.`,
    () => `Phase one covers ${sites} ${pick(r, ["wards", "practices", "clinics", "teams", "sites"])}, with the rest to follow ${pick(r, PERIODS)}.`,
    () => `Staff asked for the change after an audit found it took ${sites} minutes to ${pick(r, ["find results", "book a scan", "complete a referral", "reconcile medicines", "write a discharge letter"])}.`,
  ];
  const deal = supplier
    ? [
        () => `${supplier} will deliver the ${thing}${m ? ` under a ${m.text} contract` : ""}, the trust board heard.`,
        () => `The contract${m ? `, worth ${m.text},` : ""} went to ${supplier} after a mini-competition on a national framework.`,
      ]
    : [
        () => `${m ? `Funding of ${m.text} comes from the ${pick(r, ["Frontline Digitisation programme", "Digital Capability Fund", "capital budget", "ICB digital fund", "NHS England"])}.` : `No new funding is needed, the ${who} said.`}`,
        () => `The ${who} described it as ${pick(r, ["a priority", "long overdue", "an important step", "the first of several changes", "a pilot worth scaling"])}${m ? `, with ${m.text} set aside` : ""}.`,
      ];
  const out = [pick(r, lead)(), pick(r, middle)(), pick(r, deal)()];
  if (r() < 0.6) out.push(pick(r, middle)());
  return out;
}

function item(f: Facts, sentences: string[], themes: AnalyzedItem["themes"], status: AnalyzedItem["status"], moneys: Facts["m"][]): AnalyzedItem {
  const { org, partner } = f;
  return {
    ordinal: 0,
    heading: null,
    section: null,
    text: sentences.join(" "),
    kind: "initiative",
    orgs: partner && partner.code !== org.code ? [org, partner] : [org],
    region: (org.region as Region | null) ?? null,
    icb: org.icb ?? null,
    themes,
    money: moneys.filter((x) => x !== null),
    periods: [],
    suppliers: f.supplier ? [f.supplier] : [],
    programmes: [f.product],
    figures: [],
    status,
    reasons: [],
  };
}

/** Story number `i`: a 3–6 sentence health-tech news item about one or two NHS bodies. */
export function makeStory(i: number, orgs: OrgRef[], o: StoryOptions = {}): Story {
  const r = rng(i * 7919 + 17);
  const org = pickOrg(r, orgs);
  const f: Facts = {
    org,
    partner: r() < 0.3 ? pickOrg(r, orgs) : null,
    product: o.novel ? `${pick(r, ["Project", "Programme", "Scheme"])} ${NOVEL[i % NOVEL.length]}-${i}` : pick(r, PRODUCTS),
    thing: `${pick(r, ADJ)} ${pick(r, NOUN)}`,
    m: r() < 0.45 ? money(r) : null,
    supplier: r() < 0.5 ? pick(r, SUPPLIERS) : null,
  };
  const sentences = o.novel ? novelSentences(r, org.name, f.product) : regularSentences(r, f);
  if (r() < 0.5) sentences.push(`Early results show ${5 + Math.floor(r() * 60)} percent fewer ${pick(r, ["delays", "incidents", "missed appointments", "paper forms", "manual checks"])} ${pick(r, PLACE)}.`);
  const themes = [...new Set([pick(r, THEME_IDS), pick(r, THEME_IDS)])].map((id, k) => ({ id, score: 0.9 - k * 0.2, evidence: sentences[0]! }));
  let status = r() < 0.7 ? pick(r, STATUSES.slice(0, 8)) : null;
  const moneys = [f.m];
  if (o.followUp) {
    const extra = money(rng(i + 1));
    status = "live";
    moneys.push(extra);
    sentences.push(`The ${f.thing} went live this month ${pick(r, PLACE)}, backed by a further ${extra.text} from NHS England.`);
  }
  const day = Date.UTC(2023, 0, 1) + (i % 1000) * 86_400_000;
  const publishedAt = new Date(o.followUp ? day + 30 * 86_400_000 : day).toISOString();
  return { item: item(f, sentences, themes, status, moneys), articleTitle: null, publishedAt, source: `https://example.org/news/${i}/` };
}

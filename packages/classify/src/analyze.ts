import { shortHash, type AnalyzedArticle, type AnalyzedItem, type ExtractedArticle, type ItemKind, type Region } from "@radar/core";
import { loadGazetteer, type Gazetteer, type Mention } from "./gazetteer.js";
import { loadSuppliers, type SupplierIndex } from "./suppliers.js";
import { loadTaxonomy, type ThemeModel } from "./themes.js";
import { createScanner, type ArticleScanner } from "./probe.js";
import { segment, type Segment } from "./segment.js";
import { inferOrg, rankOrgs, toOrgRef } from "./orgs.js";
import { detectStatus, parseFigures, parseMoney, parsePeriods, parseProgrammes } from "./entities.js";
import { OPINION_OPENER_RE, PANEL_FRAME_RE, SERIES_INTRO_RE, SPONSORED_RE, TEASER_RE, VENDOR_VOICE_RE, isLabelHeading, VENDOR_SOURCE_BEFORE_RE, VENDOR_SOURCE_AFTER_RE } from "./cues.js";
import { firstSentence } from "./text.js";
import type { GazOrg } from "./gazetteer-csv.js";

/** Bump when analysis logic changes; seeds content is hashed into the version too. */
export const CODE_VERSION = "classify-6";

export interface Analyzer {
  version: string;
  analyze(article: ExtractedArticle): AnalyzedArticle;
}

export interface SeedTexts {
  gazetteerCsv: string;
  taxonomyJson: string;
  suppliersJson: string;
}

export function analyzerVersion(seeds: SeedTexts): string {
  return `${CODE_VERSION}+${shortHash(`${seeds.taxonomyJson}\u0000${seeds.gazetteerCsv}\u0000${seeds.suppliersJson}`, 10)}`;
}

export function createAnalyzer(seeds: SeedTexts): Analyzer {
  const gaz = loadGazetteer(seeds.gazetteerCsv);
  const suppliers = loadSuppliers(seeds.suppliersJson);
  const themes = loadTaxonomy(seeds.taxonomyJson);
  const orgNames = new Set(gaz.orgs.map((o) => o.name.toLowerCase()));
  const ctx: Ctx = { gaz, suppliers, themes, orgNames };
  return { version: analyzerVersion(seeds), analyze: (a) => analyzeArticle(ctx, a) };
}

interface Ctx {
  gaz: Gazetteer;
  suppliers: SupplierIndex;
  themes: ThemeModel;
  orgNames: Set<string>;
}

function analyzeArticle(ctx: Ctx, article: ExtractedArticle): AnalyzedArticle {
  const scanner = createScanner(ctx.gaz, ctx.suppliers);
  const segs = segment(article.blocks, scanner);
  const titleRegion = framingRegion(scanner.mentions(article.title));
  const firstPara = article.blocks.find((b) => b.type === "paragraph")?.text ?? "";
  const panel = PANEL_FRAME_RE.test(article.title) || PANEL_FRAME_RE.test(firstSentence(firstPara));
  const sponsoredTitle = SPONSORED_RE.test(article.title);
  let last: GazOrg | null = null;
  let items = segs.map((s, i) => {
    const item = buildItem(ctx, scanner, s, i, { titleRegion, last, panel, sponsoredTitle });
    last = item.primary ?? last;
    return item.item;
  });
  // An unlabelled overview before the stories ("Across England, NHS trusts…") is not a story.
  if (items.length > 1 && isLead(items[0]!)) items = items.slice(1);
  items.forEach((it, i) => (it.ordinal = i));
  return { title: article.title, publishedAt: article.publishedAt, url: article.url, items };
}

function isLead(it: AnalyzedItem): boolean {
  const named = it.reasons.some((r) => r.startsWith("primary org") || r.startsWith("inferred") || r.startsWith("back-reference"));
  return it.heading === null && it.kind === "initiative" && !named && it.suppliers.length === 0;
}

function storyText(seg: Segment): string {
  return seg.blocks.map((b) => (b.type === "list" && b.items ? b.items.join("\n") : b.text.trim())).join("\n\n");
}

/** "At its latest meeting, the ICB…": a story that opens on a back-reference continues the body last named. */
function contextOrg(sc: ArticleScanner, seg: Segment, opening: string, last: GazOrg | null): GazOrg | null {
  const ref = /\bthe (trust|ICB|ICS|board|health board)\b/i.exec(opening)?.[1]?.toLowerCase();
  if (!ref) return null;
  const fits = (o: GazOrg) => (ref === "icb" || ref === "ics" ? o.kind === "icb" : ref === "trust" ? /trust/.test(o.kind) : true);
  const fromSection = seg.section ? sc.mentions(seg.section).find((m) => m.org && m.rank < 2 && fits(m.org))?.org : undefined;
  if (fromSection) return fromSection;
  return last && fits(last) ? last : null;
}

interface ArticleCtx {
  titleRegion: Region | null;
  last: GazOrg | null;
  panel: boolean;
  /** The article is vendor content by its title ("Featured content: …"). */
  sponsoredTitle: boolean;
}

interface StoryOrgs {
  orgs: GazOrg[];
  all: Mention[];
  reasons: string[];
}

/** Organisations by salience, then a description in the lead, then a back-reference to the body last named. */
function storyOrgs(ctx: Ctx, sc: ArticleScanner, seg: Segment, text: string, opening: string, last: GazOrg | null): StoryOrgs {
  const headM = seg.heading ? sc.mentions(seg.heading) : [];
  const bodyM = seg.blocks.flatMap((b) => offsetMentions(sc, b.text, text));
  const ranked = rankOrgs(seg.heading, text, headM, bodyM, opening.length);
  const reasons = [...ranked.reasons];
  let orgs = ranked.orgs;
  const all = [...headM, ...bodyM];
  // No body named in the heading or opening paragraph: a description there may still name one.
  const firstBlock = seg.blocks[0]?.text ?? "";
  const leadM = [...headM, ...sc.mentions(firstBlock)];
  const leadIds = new Set(leadM.filter((m) => m.org && m.rank < 2).map((m) => m.org!.id));
  if (!orgs.some((o) => leadIds.has(o.id))) {
    const inferred = inferOrg(ctx.gaz, `${seg.heading ?? ""}\n${firstBlock}`, leadM) ?? (orgs.length === 0 ? inferOrg(ctx.gaz, `${seg.heading ?? ""}\n${text}`, all) : null);
    if (inferred) (orgs = [inferred.org, ...orgs.filter((o) => o.id !== inferred.org.id)]), reasons.push(`inferred ${inferred.reason}`);
  }
  if (orgs.length === 0) {
    const prior = contextOrg(sc, seg, opening, last);
    if (prior) (orgs = [prior]), reasons.push(`back-reference resolved to ${prior.name}`);
  }
  return { orgs, all, reasons };
}

function buildItem(ctx: Ctx, sc: ArticleScanner, seg: Segment, ordinal: number, ac: ArticleCtx): { item: AnalyzedItem; primary: GazOrg | null } {
  const text = storyText(seg);
  const opening = firstSentence(text);
  const so = storyOrgs(ctx, sc, seg, text, opening, ac.last);
  const { all, reasons } = so;
  const orgs = so.orgs.filter((o) => o.kind !== "region");
  const full = seg.heading ? `${seg.heading}\n${text}` : text;
  const supHits = ctx.suppliers.find(full);
  const status = detectStatus(full, `${seg.heading ?? ""}\n${opening}`);
  const money = parseMoney(full);
  // A vendor's own session or piece: the NHS bodies it names are its customers, not the story's.
  // Under a sponsored title that holds for every section whose heading names no NHS body.
  const vendorLed =
    (ac.sponsoredTitle && !headingNamesBody(sc, seg.heading)) ||
    (supHits.length > 0 && vendorSource(ctx.suppliers, sc, opening) && vendorVoice(seg.heading ?? "", text) >= 1);
  let kind: ItemKind = vendorLed ? "sponsored" : storyKind(seg, text, opening, orgs, supHits.length > 0);
  if (vendorLed) orgs.length = 0;
  // In a panel article a speaker's comment is opinion unless their body reports a concrete step.
  const concrete = status.status !== null && status.status !== "planned" || money.length > 0;
  if (ac.panel && kind === "initiative" && !(seg.subject?.startsWith("org:") && concrete)) kind = "opinion";
  reasons.push(`kind ${kind}`);
  const region = storyRegion(kind, orgs, all, supHits.length > 0, ac.titleRegion, reasons);
  const primary = kind === "opinion" || kind === "teaser" ? undefined : orgs.find((o) => o.kind !== "national");
  const icb = primary?.icb ?? null;
  if (primary) reasons.push(`icb ${icb ?? "none"} from ${primary.name}${primary.icbBefore ? ` (was ${primary.icbBefore})` : ""}`);
  if (status.cue) reasons.push(`status ${status.status} from "${status.cue}"`);
  const orgNames = ctx.orgNames;
  const isName = (n: string) => orgNames.has(n.toLowerCase()) || sc.mentions(n).some((m) => m.end - m.start >= n.length - 3);
  const products = supHits.filter((h) => h.product).map((h) => h.product!);
  const item: AnalyzedItem = {
    ordinal,
    heading: seg.heading,
    section: seg.section,
    text,
    kind,
    // National bodies (NHS England, DHSC…) are context, not the story's organisation.
    orgs: kind === "opinion" || kind === "teaser" ? [] : orgs.filter((o) => o.kind !== "national").map(toOrgRef),
    region,
    icb: kind === "opinion" || kind === "teaser" ? null : icb,
    // A series intro only frames the article: its topics belong to the stories that follow.
    // A teaser points at another article: its topics are that article's.
    themes: kind === "teaser" || (kind === "opinion" && SERIES_INTRO_RE.test(seg.blocks[0]?.text ?? "")) ? [] : ctx.themes.label(seg.heading, text),
    money,
    periods: parsePeriods(full),
    suppliers: [...new Set(supHits.map((h) => h.supplier))],
    programmes: parseProgrammes(full, isName, products),
    figures: parseFigures(full),
    status: status.status,
    reasons,
  };
  return { item, primary: orgs[0] ?? null };
}

function headingNamesBody(sc: ArticleScanner, heading: string | null): boolean {
  return heading !== null && sc.mentions(heading).some((m) => m.org && m.org.kind !== "region" && m.org.kind !== "national");
}

/** Mentions of a block, shifted to offsets in the joined story text. */
function offsetMentions(sc: ArticleScanner, blockText: string, story: string): Mention[] {
  const base = story.indexOf(blockText.trim());
  return sc.mentions(blockText).map((m) => ({ ...m, start: m.start + Math.max(base, 0), end: m.end + Math.max(base, 0) }));
}

function storyKind(seg: Segment, text: string, opening: string, orgs: GazOrg[], hasSupplier: boolean): ItemKind {
  const head = seg.heading ?? "";
  const vendorSubject = seg.subject?.startsWith("sup:") === true;
  // In a story about an NHS body, vendor wording after the opening ("…, the company said") is a quote.
  const vendorText = seg.subject?.startsWith("org:") ? seg.blocks[0]?.text ?? "" : text;
  // Cheap tests first; vendor voice is counted only when it could decide.
  if (vendorSubject || SPONSORED_RE.test(head) || SPONSORED_RE.test(vendorText) || (hasSupplier && orgs.length === 0 && vendorVoice(head, text) >= 2)) return "sponsored";
  const nhsSubject = seg.subject?.startsWith("org:") === true;
  if (TEASER_RE.test(text) && seg.blocks.length === 1 && !nhsSubject) return "teaser";
  if (OPINION_OPENER_RE.test(text)) return "opinion";
  const firstPara = seg.blocks[0]?.text ?? "";
  // A series intro or panel frame is comment, also under a label heading ("Wider trend: …").
  if ((seg.heading === null || isLabelHeading(head)) && !nhsSubject && (SERIES_INTRO_RE.test(firstPara) || PANEL_FRAME_RE.test(opening))) return "opinion";
  return "initiative";
}

/** The opening introduces a vendor as the source ("a session from X", "X, a provider of…") and names no NHS body. */
function vendorSource(suppliers: SupplierIndex, sc: ArticleScanner, opening: string): boolean {
  if (sc.mentions(opening).some((m) => m.org && m.rank === 0 && m.org.kind !== "national" && m.org.kind !== "region")) return false;
  return suppliers
    .find(opening)
    .some((h) => !h.product && (VENDOR_SOURCE_BEFORE_RE.test(opening.slice(Math.max(0, h.index - 80), h.index)) || VENDOR_SOURCE_AFTER_RE.test(opening.slice(h.index + h.text.length))));
}

function vendorVoice(head: string, text: string): number {
  return [...`${head}\n${text}`.matchAll(VENDOR_VOICE_RE)].length;
}

function storyRegion(kind: ItemKind, orgs: GazOrg[], all: Mention[], hasSupplier: boolean, titleRegion: Region | null, reasons: string[]): Region | null {
  const primary = orgs[0];
  const named = all.filter((m) => m.org && m.rank < 2);
  // Comment that ranges over bodies or places in several regions is national, whatever the title says.
  const regions = new Set([...named.map((m) => m.org!.region), ...all.filter((m) => m.place && m.place.region !== "England").map((m) => m.place!.region)]);
  if (kind === "opinion" && regions.size > 1 && (!titleRegion || !regions.has(titleRegion))) {
    reasons.push("region England: comment across several regions");
    return "England";
  }
  if (primary?.region && primary.region !== "England") {
    reasons.push(`region ${primary.region} from ${primary.name}`);
    return primary.region;
  }
  if (kind === "sponsored" && !primary) {
    reasons.push("region England: vendor content with no NHS body");
    return "England";
  }
  if (kind === "opinion") {
    if (titleRegion) return titleRegion;
    if (regions.size > 1 || named.some((m) => m.org!.kind === "national") || hasSupplier) return "England";
  }
  const tally = new Map<Region, number>();
  for (const m of all) {
    const r = m.org?.region ?? m.place?.region;
    if (r && r !== "England" && (m.rank < 2 || m.place)) tally.set(r, (tally.get(r) ?? 0) + 1);
  }
  const best = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && (!titleRegion || best[1] > (tally.get(titleRegion) ?? 0) || !tally.has(titleRegion))) {
    reasons.push(`region ${best[0]} from places/bodies named`);
    return best[0];
  }
  if (titleRegion && tally.has(titleRegion)) return titleRegion;
  if (primary?.region === "England" || hasSupplier) return "England";
  if (titleRegion) {
    reasons.push(`region ${titleRegion} from article framing`);
    return titleRegion;
  }
  return "England";
}

function framingRegion(ms: Mention[]): Region | null {
  const m = ms.find((x) => (x.place && x.place.region !== "England") || x.org?.region);
  return (m?.org?.region ?? m?.place?.region ?? null) as Region | null;
}

import type { Gazetteer, Mention } from "./gazetteer.js";
import type { SupplierIndex } from "./suppliers.js";
import type { Probe } from "./segment.js";
import { firstSentence } from "./text.js";
import { LEADING_TIME_RE } from "./cues.js";

/**
 * Entity lookups for one article, cached per text so every block is scanned once.
 * Local aliases learnt from "(WNL)" carry across the article's blocks.
 */
export interface ArticleScanner extends Probe {
  mentions(text: string): Mention[];
}

const SUBJECT_WINDOW = 120;
const CONCLUSION_RE = /^(?:Taken together|Overall|In summary|Together|All in all|In short),/;
const SMALL_WORDS = new Set(["and", "of", "the", "for", "in", "at", "nhs", "&"]);
const CAPITAL_RE = /\b(?:the capital['’]s|(?:in|across|around) the capital)\b/i;
const WE_SPOKE_RE = /^(?:We|HTN) (?:spoke|sat down|caught up|talked) (?:with|to)\s+/i;

export function createScanner(gaz: Gazetteer, suppliers: SupplierIndex): ArticleScanner {
  const local = new Map<string, number>();
  const cache = new Map<string, Mention[]>();
  const mentions = (text: string): Mention[] => {
    let m = cache.get(text);
    if (!m) cache.set(text, (m = gaz.scan(text, local)));
    return m;
  };

  // Segmentation asks about the same block several times: first sentences, subjects and keys are
  // cached per text like the mentions they derive from.
  const firsts = new Map<string, string>();
  const first = (text: string): string => {
    let f = firsts.get(text);
    if (f === undefined) firsts.set(text, (f = firstSentence(text)));
    return f;
  };
  const subjects = new Map<string, string | null>();
  const subject = (text: string): string | null => {
    let s = subjects.get(text);
    if (s === undefined) subjects.set(text, (s = subjectOf(text)));
    return s;
  };

  /** Subject of the first sentence of text, from the text's cached mentions. */
  const subjectOf = (text: string): string | null => {
    const sentence = first(text);
    const ms = mentions(text).filter((m) => m.start < sentence.length);
    const orgIds = new Set(ms.filter((m) => m.org && m.rank < 2).map((m) => m.org!.id));
    const places = new Set(ms.filter((m) => m.place && m.place.region !== "England").map((m) => m.place!.name));
    // National bodies (NHS England, a government) are context unless they open the sentence.
    // A time phrase may come first: "Last year, the UK Government launched…".
    const lead = (LEADING_TIME_RE.exec(sentence)?.[0].length ?? 0) + 4;
    const local = (m: Mention) => m.org!.kind !== "national" || m.start <= lead;
    const opener = ms.find((m) => m.org && m.rank === 0 && m.org.kind !== "region" && m.start < 60 && local(m));
    if (opener?.org) return `org:${opener.org.id}`; // the sentence starts with a body
    if (orgIds.size + places.size >= 3 || CONCLUSION_RE.test(sentence)) return null; // an enumeration or a wrap-up, not a subject
    const win = ms.filter((m) => m.start < SUBJECT_WINDOW);
    const strong = win.find((m) => m.org && m.rank === 0 && m.org.kind !== "region" && local(m));
    const weak = win.find((m) => m.org && m.rank === 1 && m.org.kind !== "region");
    if (strong?.org) return `org:${strong.org.id}`;
    const sup = suppliers.find(text)[0];
    const spoke = WE_SPOKE_RE.exec(sentence)?.[0].length ?? 0;
    if (sup && sup.index <= Math.max(spoke, 4) && !sup.product) return `sup:${sup.supplier}`;
    if (weak?.org) return `org:${weak.org.id}`;
    const place = win.find((m) => m.place && m.place.region !== "England");
    if (place?.place) return `region:${place.place.region}`;
    if (CAPITAL_RE.test(sentence.slice(0, SUBJECT_WINDOW))) return "region:London";
    return null;
  };

  const keySets = new Map<string, Set<string>>();
  /** Shared per text: callers only read it. */
  const keys = (text: string): Set<string> => {
    let k = keySets.get(text);
    if (!k) keySets.set(text, (k = keysOf(text)));
    return k;
  };
  const keysOf = (text: string): Set<string> => {
    const out = new Set<string>();
    for (const m of mentions(text)) {
      if (m.org && m.rank < 2) out.add(`org:${m.org.id}`);
      const region = m.org?.region ?? m.place?.region;
      if (region && region !== "England") out.add(`region:${region}`);
    }
    for (const s of suppliers.find(text)) out.add(`sup:${s.supplier}`);
    return out;
  };

  const nameOnly = (heading: string): boolean => {
    const ms = mentions(heading);
    if (ms.length === 0) return false;
    let rest = heading;
    for (const m of [...ms].reverse()) rest = rest.slice(0, m.start) + " " + rest.slice(m.end);
    return rest
      .toLowerCase()
      .split(/[^a-z&]+/)
      .filter((w) => w.length > 0)
      .every((w) => SMALL_WORDS.has(w) || w === "icb" || w === "ics" || w === "region");
  };

  const namesEntity = (heading: string): boolean =>
    mentions(heading).some((m) => m.org && m.rank < 2 && m.org.kind !== "region") || suppliers.find(heading).some((s) => !s.product);

  return { mentions, subject, keys, nameOnly, namesEntity, first };
}

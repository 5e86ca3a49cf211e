import type { AnalyzedItem, InitiativeState, Money } from "@radar/core";
import type { Story, Systems } from "./types.js";
import { primeStateWords, type StateWords } from "./memo.js";
import { PERMUTATIONS } from "./minhash.js";
import { emptyState } from "./state.js";
import { subjectThemes, type StoryFeatures } from "./score.js";
import type { StoryView } from "./members.js";

/**
 * Bump when tokenising, stemming, name keys or initialState change what a view holds: stored
 * profiles of another format are ignored (the store then hands back the story itself).
 */
export const PROFILE_FORMAT = 2;

type Pairs = [string, string][];
interface NamesJson {
  programmes: Pairs;
  suppliers: Pairs;
  periods: Pairs;
}

/**
 * Everything scoring needs of one story, as compact JSON: its features as the story being
 * decided, its initial state's word sets as a one-mention initiative, its MinHash and keys. Kept
 * with the story's mention, it lets resolve compare a new story with a candidate's members without
 * reading their text or tokenising it again. Word sets are positions in one vocabulary (`words`),
 * and state parts equal to the story's own are left out: resolve reads dozens per decision.
 */
export interface StoryProfile {
  v: number;
  /** Fingerprint of the thresholds the view was built with (see storyView). */
  th: string;
  source: string;
  ordinal: number;
  /** The story's MinHash: 100 unsigned 32-bit slots, little-endian, base64. */
  minhash: string;
  /** Organisation and name keys (bands are compared from the MinHash itself). */
  keys: string[];
  /** The vocabulary: the story's content words first (`textWords` of them), then any others used. */
  words: string[];
  textWords: number;
  features: {
    keys: string[];
    title: number[];
    orgWords: number[];
    themes: string[];
    names: NamesJson;
    money: Money[];
    region: string | null;
    publishedAt: string | null;
    systems: Systems;
  };
  /** The one-mention initiative the story would found: what the other direction scores against. */
  state: {
    orgs: string[];
    region: string | null;
    themes: string[];
    money: Money[];
    firstSeen: string;
    factSets: number[][];
    /** Absent when equal to the features' (the usual case). */
    title?: number[];
    orgWords?: number[];
    names?: NamesJson;
  };
}

const pairs = (m: Map<string, string>): Pairs => [...m];
const namesJson = (n: StoryFeatures["names"]): NamesJson => ({ programmes: pairs(n.programmes), suppliers: pairs(n.suppliers), periods: pairs(n.periods) });
const namesMaps = (n: NamesJson): StoryFeatures["names"] => ({ programmes: new Map(n.programmes), suppliers: new Map(n.suppliers), periods: new Map(n.periods) });

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

const sameNames = (a: NamesJson, b: NamesJson) => JSON.stringify(a) === JSON.stringify(b);

export function profileOfView(v: StoryView, th: string): StoryProfile {
  const f = v.features;
  const st = v.asCandidate.state;
  const sw = v.stateWords;
  const words = [...f.words];
  const index = new Map(words.map((w, i) => [w, i]));
  const ids = (set: Set<string>) =>
    [...set].map((w) => {
      let i = index.get(w);
      if (i === undefined) index.set(w, (i = words.push(w) - 1));
      return i;
    });
  const fNames = namesJson(f.names);
  const sNames = namesJson(sw.names);
  return {
    v: PROFILE_FORMAT,
    th,
    source: v.source,
    ordinal: v.ordinal,
    minhash: Buffer.from(Uint32Array.from(v.sig.minhash).buffer).toString("base64"),
    keys: [...v.keys],
    words,
    textWords: f.words.size,
    features: {
      keys: f.keys,
      title: ids(f.title),
      orgWords: ids(f.orgWords),
      themes: [...f.themes],
      names: fNames,
      money: f.money,
      region: f.region,
      publishedAt: f.publishedAt,
      systems: f.systems,
    },
    state: {
      orgs: st.orgs,
      region: st.region,
      themes: st.themes,
      money: st.money,
      firstSeen: v.asCandidate.firstSeen,
      factSets: sw.factSets.map(ids),
      ...(sameSet(sw.title, f.title) ? {} : { title: ids(sw.title) }),
      ...(sameSet(sw.orgWords, f.orgWords) ? {} : { orgWords: ids(sw.orgWords) }),
      ...(sameNames(sNames, fNames) ? {} : { names: sNames }),
    },
  };
}

/** The view a profile was made from, rebuilt from its arrays (no tokenising, no signing). */
export function viewOfProfile(p: StoryProfile): StoryView {
  const f = p.features;
  const s = p.state;
  const vocab = p.words;
  const set = (ids: number[]) => new Set(ids.map((i) => vocab[i]!));
  const features: StoryFeatures = {
    keys: f.keys,
    words: new Set(vocab.slice(0, p.textWords)),
    title: set(f.title),
    orgWords: set(f.orgWords),
    // Profiles written before stage themes were set apart still list them.
    themes: subjectThemes(f.themes),
    names: namesMaps(f.names),
    money: f.money,
    region: f.region,
    publishedAt: f.publishedAt,
    systems: f.systems,
  };
  // Only the fields scoring reads are filled; the word sets are primed so nothing is re-tokenised.
  const state: InitiativeState = { ...emptyState(), orgs: s.orgs, region: s.region as InitiativeState["region"], themes: s.themes as InitiativeState["themes"], money: s.money };
  const title = s.title ? set(s.title) : features.title;
  const factSets = s.factSets.map(set);
  const words = new Set(title);
  for (const fs of factSets) for (const w of fs) words.add(w);
  const sw: StateWords = { words, title, factSets, orgWords: s.orgWords ? set(s.orgWords) : features.orgWords, names: s.names ? namesMaps(s.names) : features.names };
  primeStateWords(state, sw);
  const sig = { minhash: profileMinhash(p), bands: [] };
  return {
    features,
    sig,
    asCandidate: { id: "", version: 1, state, signature: sig, firstSeen: s.firstSeen, lastSeen: s.firstSeen, systems: f.systems },
    stateWords: sw,
    keys: new Set(p.keys),
    source: p.source,
    ordinal: p.ordinal,
  };
}

/** The story's MinHash as stored in its profile (100 unsigned 32-bit slots). */
export function profileMinhash(p: StoryProfile): Uint32Array {
  const bytes = Buffer.from(p.minhash, "base64");
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const isString = (x: unknown): x is string => typeof x === "string";
const isStringOrNull = (x: unknown) => x === null || typeof x === "string";
const isStrings = (x: unknown) => Array.isArray(x) && x.every(isString);
const isIds = (x: unknown, vocab: number) => Array.isArray(x) && x.every((i) => Number.isInteger(i) && i >= 0 && i < vocab);
const isPairs = (x: unknown) => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && isString(p[0]) && isString(p[1]));
const isNames = (x: unknown) => {
  const n = x as Partial<NamesJson> | null;
  return !!n && typeof n === "object" && isPairs(n.programmes) && isPairs(n.suppliers) && isPairs(n.periods);
};
const isMoney = (x: unknown) => Array.isArray(x) && x.every((m) => !!m && isString(m.text) && Number.isFinite(m.pounds));

/**
 * Whether a value that crossed a process boundary (the apply job) has every field viewOfProfile
 * reads, of the right type, with word ids inside its vocabulary. A profile is stored with its
 * mention and read back by every later look-up that meets it: a malformed one would break them all.
 */
export function isWellFormedProfile(x: StoryProfile): boolean {
  const f = x.features as Partial<StoryProfile["features"]> | undefined;
  const st = x.state as Partial<StoryProfile["state"]> | undefined;
  if (!isStrings(x.words) || !Number.isInteger(x.textWords) || x.textWords < 0 || x.textWords > x.words.length) return false;
  if (!isString(x.source) || !Number.isInteger(x.ordinal) || !isStrings(x.keys)) return false;
  if (!isString(x.minhash) || Buffer.byteLength(x.minhash, "base64") !== PERMUTATIONS * 4) return false;
  const vocab = x.words.length;
  if (!f || !isStrings(f.keys) || !isIds(f.title, vocab) || !isIds(f.orgWords, vocab) || !isStrings(f.themes) || !isNames(f.names)) return false;
  if (!isMoney(f.money) || !isStringOrNull(f.region) || !isStringOrNull(f.publishedAt)) return false;
  if (!f.systems || !isStrings(f.systems.icbs) || !isStrings(f.systems.bodies)) return false;
  if (!st || !isStrings(st.orgs) || !isStringOrNull(st.region) || !isStrings(st.themes) || !isMoney(st.money) || !isString(st.firstSeen)) return false;
  if (!Array.isArray(st.factSets) || !st.factSets.every((ids) => isIds(ids, vocab))) return false;
  return (st.title === undefined || isIds(st.title, vocab)) && (st.orgWords === undefined || isIds(st.orgWords, vocab)) && (st.names === undefined || isNames(st.names));
}

export function isProfile(x: unknown, th: string): x is StoryProfile {
  const p = x as Partial<StoryProfile> | null | undefined;
  return !!p && p.v === PROFILE_FORMAT && p.th === th;
}

/**
 * A member story known only by its stored profile: scoring reads the profile, and the item is an
 * empty stub (diff and replay never see members, only the initiative's state and stored stories).
 */
export function storyFromProfile(p: StoryProfile): Story {
  const item: AnalyzedItem = {
    ordinal: p.ordinal,
    heading: null,
    section: null,
    text: "",
    kind: "initiative",
    orgs: [],
    region: p.features.region as AnalyzedItem["region"],
    icb: null,
    themes: [],
    status: null,
    money: p.features.money,
    periods: [],
    suppliers: [],
    programmes: [],
    figures: [],
    reasons: [],
  };
  return { item, articleTitle: null, publishedAt: p.features.publishedAt, source: p.source, profile: p };
}

import { STATUSES, type Diff, type InitiativeState, type Money, type Status } from "@radar/core";
import { applyDiff, emptyState, orgKey, orgLabel, storyOrgs, storyText, storyTitle } from "./state.js";
import { stateWords } from "./memo.js";
import { contentSet, nameKey, sentences } from "./text.js";
import { DEFAULT_THRESHOLDS, type Story, type Thresholds } from "./types.js";

const ON_HOLD = new Set<Status>(["paused", "delayed"]);

/**
 * Is `to` news against `from`? Moves forward along STATUSES are; moves back are an older article
 * arriving late and are ignored (so the order stories arrive in does not rewind the status).
 * Going on hold, and coming off hold, are always news.
 */
export function isStatusMove(from: Status | null, to: Status | null): to is Status {
  if (to === null || from === to) return false;
  if (from === null || ON_HOLD.has(to) || ON_HOLD.has(from)) return true;
  return STATUSES.indexOf(to) > STATUSES.indexOf(from);
}

function uniqueMoney(money: Money[]): Money[] {
  const seen = new Set<number>();
  return money.filter((m) => (seen.has(m.pounds) ? false : (seen.add(m.pounds), true)));
}

/**
 * Amounts the initiative lacks. When it has exactly one amount and the story exactly one
 * different amount of the same order (within ×2), read it as a revised figure ("changed").
 */
function moneyDiff(state: InitiativeState, story: Story): Diff["money"] {
  const mine = uniqueMoney(story.item.money);
  const fresh = mine.filter((m) => !state.money.some((s) => s.pounds === m.pounds));
  if (fresh.length === 0) return undefined;
  const only = state.money.length === 1 ? state.money[0]! : null;
  const single = mine.length === 1 ? fresh[0]! : null;
  if (only && single && only.pounds > 0) {
    const ratio = single.pounds / only.pounds;
    if (ratio >= 0.5 && ratio <= 2) return { added: [], changed: [{ from: only, to: single }] };
  }
  return { added: fresh, changed: [] };
}

function addedNames(known: string[], names: string[]): { added: string[] } | undefined {
  const keys = new Set(known.map(nameKey));
  const added: string[] = [];
  for (const n of names) {
    const k = nameKey(n);
    if (k === "" || keys.has(k)) continue;
    keys.add(k);
    added.push(n.trim());
  }
  return added.length > 0 ? { added } : undefined;
}

/**
 * Sentences whose content words are mostly absent from what the initiative already knows
 * (its title and facts). Returned as written (a diff is read by people; applyDiff normalises
 * them into the state), at most `limit`.
 */
export function newFacts(state: InitiativeState, story: Story, t: Thresholds, limit: number): string[] {
  const known = stateWords(state).words;
  const seen = new Set<string>(); // words of facts taken from this story
  const out: string[] = [];
  for (const sentence of sentences(storyText(story))) {
    if (out.length >= limit) break;
    const ws = contentSet(sentence);
    if (ws.size < t.minFactWords) continue;
    let novel = 0;
    for (const w of ws) if (!known.has(w) && !seen.has(w)) novel++;
    if (novel / ws.size < t.factNovelty) continue;
    out.push(sentence.replace(/\s+/g, " ").trim());
    for (const w of ws) seen.add(w); // a story repeating itself adds one fact, not two
  }
  return out;
}

function orgsDiff(state: InitiativeState, story: Story): Diff["orgs"] {
  const added = storyOrgs(story)
    .filter((o) => !state.orgs.includes(orgKey(o)))
    .map(orgLabel);
  return added.length > 0 ? { added } : undefined;
}

function themesDiff(state: InitiativeState, story: Story, t: Thresholds): Diff["themes"] {
  const added = [...new Set(story.item.themes.filter((l) => l.score >= t.minThemeScore).map((l) => l.id))].filter(
    (id) => !state.themes.includes(id),
  );
  return added.length > 0 ? { added } : undefined;
}

/** Field-level diff of what the story says beyond the initiative's state. Empty = nothing new. */
export function diff(state: InitiativeState, story: Story, opts: Partial<Thresholds> = {}, factLimit?: number): Diff {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  const d: Diff = {};
  const to = story.item.status;
  if (isStatusMove(state.status, to)) d.status = { from: state.status, to };
  const money = moneyDiff(state, story);
  if (money) d.money = money;
  const fields = {
    periods: addedNames(state.periods, story.item.periods),
    suppliers: addedNames(state.suppliers, story.item.suppliers),
    orgs: orgsDiff(state, story),
    themes: themesDiff(state, story, t),
    programmes: addedNames(state.programmes, story.item.programmes ?? []),
  };
  for (const [k, v] of Object.entries(fields)) if (v) d[k as keyof typeof fields] = v;
  const facts = newFacts(state, story, t, factLimit ?? t.maxFactsPerDiff);
  if (facts.length > 0) d.facts = { added: facts };
  return d;
}

/** The initiative a story founds: everything it says, facts up to the initiative cap. */
export function initialState(story: Story, opts: Partial<Thresholds> = {}): InitiativeState {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  const base = emptyState(storyTitle(story));
  const state = applyDiff(base, diff(base, story, t, t.maxFacts), t.maxFacts);
  return { ...state, region: story.item.region, icb: story.item.icb };
}

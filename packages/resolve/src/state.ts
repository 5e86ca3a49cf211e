import { THEME_IDS, type Diff, type InitiativeState, type Money, type OrgRef, type ThemeId } from "@radar/core";
import { nameKey, normalise, sentences } from "./text.js";
import { DEFAULT_THRESHOLDS, type Story } from "./types.js";

/** The key an organisation is known by: its ODS code, else its name. */
export function orgKey(org: OrgRef): string {
  return org.code && org.code.trim() !== "" ? org.code.trim() : org.name.trim();
}

/** How an organisation appears in Diff.orgs.added: "Name [CODE]" (or just the name without a code). */
export function orgLabel(org: OrgRef): string {
  const key = orgKey(org);
  return key === org.name.trim() ? key : `${org.name.trim()} [${key}]`;
}

export function parseOrgLabel(label: string): { key: string; name: string } {
  const m = /^(.*) \[([^\]]+)\]$/.exec(label);
  return m ? { key: m[2]!, name: m[1]! } : { key: label, name: label };
}

/** Organisations without duplicates, in the analyser's order (primary first). */
export function storyOrgs(story: Story): OrgRef[] {
  const seen = new Set<string>();
  return story.item.orgs.filter((o) => {
    const k = orgKey(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A human title: the story heading, else its first sentence (trimmed), else the article title. */
export function storyTitle(story: Story): string {
  const h = story.item.heading?.trim();
  if (h) return h;
  const first = sentences(story.item.text)[0];
  if (first) return first.length > 160 ? `${first.slice(0, 157).trimEnd()}…` : first;
  return story.articleTitle?.trim() || "Untitled initiative";
}

/** Heading plus body: what signatures and similarity features see. */
export function storyText(story: Story): string {
  const h = story.item.heading?.trim();
  return h && !story.item.text.startsWith(h) ? `${h}\n${story.item.text}` : story.item.text;
}

export function normaliseFact(sentence: string): string {
  return normalise(sentence);
}

export function emptyState(title = ""): InitiativeState {
  return {
    title,
    orgs: [],
    orgNames: [],
    region: null,
    icb: null,
    themes: [],
    status: null,
    money: [],
    periods: [],
    suppliers: [],
    programmes: [],
    facts: [],
  };
}

function addUnique(list: string[], added: string[]): string[] {
  const keys = new Set(list.map(nameKey));
  const out = [...list];
  for (const a of added) {
    const k = nameKey(a);
    if (!keys.has(k)) {
      keys.add(k);
      out.push(a);
    }
  }
  return out;
}

function applyMoney(money: Money[], d: NonNullable<Diff["money"]>): Money[] {
  let out = money.map((m) => {
    const change = d.changed.find((c) => c.from.pounds === m.pounds);
    return change ? change.to : m;
  });
  for (const m of d.added) if (!out.some((x) => x.pounds === m.pounds)) out = [...out, m];
  return out;
}

function applyOrgs(state: InitiativeState, added: string[]): Pick<InitiativeState, "orgs" | "orgNames"> {
  const orgs = [...state.orgs];
  const orgNames = [...state.orgNames];
  for (const label of added) {
    const { key, name } = parseOrgLabel(label);
    if (orgs.includes(key)) continue;
    orgs.push(key);
    orgNames.push(name);
  }
  return { orgs, orgNames };
}

function addThemes(themes: ThemeId[], added: string[]): ThemeId[] {
  const out = [...themes];
  for (const t of added) {
    const id = THEME_IDS.find((x) => x === t);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Pure: the state after a diff. Lists only grow; facts are capped (oldest kept, they define it). */
export function applyDiff(state: InitiativeState, d: Diff, maxFacts = DEFAULT_THRESHOLDS.maxFacts): InitiativeState {
  const next: InitiativeState = { ...state };
  if (d.status) next.status = d.status.to;
  if (d.money) next.money = applyMoney(state.money, d.money);
  if (d.periods) next.periods = addUnique(state.periods, d.periods.added);
  if (d.suppliers) next.suppliers = addUnique(state.suppliers, d.suppliers.added);
  if (d.programmes) next.programmes = addUnique(state.programmes, d.programmes.added);
  if (d.themes) next.themes = addThemes(state.themes, d.themes.added);
  if (d.orgs) Object.assign(next, applyOrgs(state, d.orgs.added));
  if (d.facts) next.facts = addUnique(state.facts, d.facts.added.map(normaliseFact)).slice(0, maxFacts);
  return next;
}

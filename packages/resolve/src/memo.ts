import type { InitiativeState } from "@radar/core";
import { attached } from "./attached.js";
import { contentSet, nameKey, programmePhrases } from "./text.js";

export interface StateWords {
  /** Content words of title and facts. */
  words: Set<string>;
  title: Set<string>;
  /** Content words of each fact sentence: earlier mentions' headlines and leads live here. */
  factSets: Set<string>[];
  /** Content words of the organisation names (excluded from subject similarity). */
  orgWords: Set<string>;
  /** nameKey → original, for programmes, suppliers and periods. */
  names: { programmes: Map<string, string>; suppliers: Map<string, string>; periods: Map<string, string> };
}

export const keyed = (xs: string[]): Map<string, string> => new Map(xs.map((x) => [nameKey(x), x] as [string, string]).filter(([k]) => k !== ""));

// States are immutable values: memoising their word sets by identity is safe, and it saves
// re-tokenising every fact for every story scored against the same candidate.
const cache = attached<InitiativeState, StateWords>("radar.stateWords");

// Fact sentences come back from the store on every decision about their initiative; their word
// sets are memoised by text (bounded), so a worker tokenises each fact once, not once per story.
const FACT_MEMO_CAP = 50_000;
const factMemo = new Map<string, Set<string>>();
function factSet(fact: string): Set<string> {
  let s = factMemo.get(fact);
  if (!s) {
    s = contentSet(fact);
    if (factMemo.size >= FACT_MEMO_CAP) factMemo.clear();
    factMemo.set(fact, s);
  }
  return s;
}

export function stateWords(st: InitiativeState): StateWords {
  let w = cache.get(st);
  if (!w) {
    const title = contentSet(st.title);
    const factSets = st.facts.map(factSet);
    const words = new Set(title);
    for (const f of factSets) for (const x of f) words.add(x);
    w = {
      words,
      title,
      factSets,
      orgWords: contentSet(st.orgNames.join(" ")),
      names: { programmes: keyed([...st.programmes, ...[st.title, ...st.facts].flatMap(programmePhrases)]), suppliers: keyed(st.suppliers), periods: keyed(st.periods) },
    };
    cache.set(st, w);
  }
  return w;
}

/** Registers word sets already known for a state (a stored profile's), so they are not recomputed. */
export function primeStateWords(st: InitiativeState, w: StateWords): void {
  cache.set(st, w);
}

import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { indexKeys } from "./keys.js";
import { mergeSignatures, signature } from "./minhash.js";
import { applyDiff, storyText } from "./state.js";
import { candidateFrom, org, story } from "./testing.js";
import type { Candidate, Story } from "./types.js";

const LAS = org("London Ambulance Service NHS Trust", "RRU", "ambulance-trust");
const ELFT = org("East London NHS Foundation Trust", "RWK", "foundation-trust");

/** label → story; the label's prefix before "/" is the initiative it belongs to. */
const STORIES: Record<string, Story> = {
  "avt/1": story({ heading: "LAS pilots Tortus ambient voice", text: "London Ambulance Service NHS Trust has begun a one-year pilot of Tortus ambient voice technology across its clinical hub and ambulance operations, after a proof of concept funded by the Frontline Digitisation Fund.", orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]] }),
  "avt/2": story({ text: "London Ambulance Service NHS Trust's one-year pilot of Tortus ambient voice technology is showing improvements in patients per shift and handover times at Croydon and Ilford.", orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]] }),
  "avt/3": story({ text: "The Tortus ambient voice pilot at London Ambulance Service NHS Trust will be rolled out to all ambulance operations after the one-year pilot, the board heard.", orgs: [LAS], suppliers: ["Tortus"], status: "rolled-out", themes: [["ambient-voice", 0.9]] }),
  "999/1": story({ heading: "LAS renews legacy 999 systems", text: "London Ambulance Service NHS Trust is modernising core infrastructure, renewing legacy computer-aided dispatch systems that support 999 calls, with £12 million of capital.", orgs: [LAS], money: [["£12 million", 12_000_000]], themes: [["cloud-infrastructure", 0.9]] }),
  "999/2": story({ text: "A £12 million programme at London Ambulance Service NHS Trust to renew the legacy computer-aided dispatch systems behind 999 calls has gone out to tender.", orgs: [LAS], money: [["£12 million", 12_000_000]], status: "procuring", themes: [["procurement", 0.8]] }),
  "flow/1": story({ heading: "ELFT data approach on patient flow", text: "East London NHS Foundation Trust has deployed digital screens and interactive PowerBI dashboards on 22 wards showing real-time patient flow, safety and expected discharge dates.", orgs: [ELFT], themes: [["data-analytics", 0.9]], status: "live" }),
  "flow/2": story({ text: "East London NHS Foundation Trust has deployed digital screens and interactive PowerBI dashboards on 22 wards showing real-time patient flow, safety and expected discharge dates, updating every 15 minutes.", orgs: [ELFT], themes: [["data-analytics", 0.9]], status: "live" }),
  "epr/1": story({ heading: "ELFT to procure a new EPR", text: "East London NHS Foundation Trust has started procurement of a new electronic patient record system, with a tender for an implementation partner.", orgs: [ELFT], themes: [["epr", 0.9], ["procurement", 0.8]], status: "procuring" }),
};

/**
 * A store in miniature: look-up by index keys, apply, and the merge of bridged initiatives
 * (Decision.alsoMatches) with member stories carried on each candidate.
 */
function resolveInOrder(labels: string[], stories: Record<string, Story> = STORIES): Map<string, string> {
  const inits = new Map<string, Candidate>();
  const index = new Map<string, Set<string>>();
  const home = new Map<string, string>();
  for (const label of labels) {
    const s = stories[label]!;
    const k = indexKeys(s);
    const keys = [...k.orgKeys, ...k.bandKeys, ...k.nameKeys];
    const ids = new Set(keys.flatMap((key) => [...(index.get(key) ?? [])]));
    const d = decide(s, [...ids].sort().map((id) => inits.get(id)!));
    const id = d.initiativeId ?? `i${label}`;
    const c = inits.get(id);
    if (!c) inits.set(id, { ...candidateFrom(id, s), members: [s] });
    else inits.set(id, { ...c, state: applyDiff(c.state, d.diff), signature: mergeSignatures(c.signature, signature(storyText(s))), members: [...c.members!, s] });
    for (const other of d.alsoMatches) {
      const o = inits.get(other)!;
      inits.set(id, { ...inits.get(id)!, members: [...inits.get(id)!.members!, ...o.members!] });
      inits.delete(other);
      for (const [l, h] of home) if (h === other) home.set(l, id);
      for (const set of index.values()) if (set.delete(other)) set.add(id);
    }
    for (const key of keys) index.set(key, new Set([...(index.get(key) ?? []), id]));
    home.set(label, id);
  }
  return home;
}

function groups(assign: Map<string, string>): string[] {
  const by = new Map<string, string[]>();
  for (const [label, id] of assign) by.set(id, [...(by.get(id) ?? []), label]);
  return [...by.values()].map((g) => g.sort().join(",")).sort();
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("order independence", () => {
  const labels = Object.keys(STORIES);
  const expected = [...new Set(labels.map((l) => l.split("/")[0]!))]
    .map((p) => labels.filter((l) => l.startsWith(`${p}/`)).sort().join(","))
    .sort();

  it("groups the stories into their initiatives in the natural order", () => {
    expect(groups(resolveInOrder(labels))).toEqual(expected);
  });

  it("gives the same groups in 30 shuffled orders", () => {
    for (let seed = 1; seed <= 30; seed++) expect(groups(resolveInOrder(shuffle(labels, seed)))).toEqual(expected);
  });

  it("a story that bridges two initiatives merges them: every order of a chain gives one group", () => {
    const chain: Record<string, Story> = {
      a: story({ heading: "LAS pilots Tortus ambient voice in its clinical hub", text: "London Ambulance Service NHS Trust has begun a one-year pilot of Tortus ambient voice technology in its clinical hub, after a proof of concept funded by the Frontline Digitisation Fund.", orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]] }),
      b: story({ text: "The one-year Tortus ambient voice pilot in the London Ambulance Service NHS Trust clinical hub is now improving handover times for crews at Croydon and Ilford stations.", orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]] }),
      c: story({ text: "Crews at Croydon and Ilford stations of London Ambulance Service NHS Trust report quicker handover times and more patients per shift.", orgs: [LAS], status: "live", themes: [["ambient-voice", 0.6]] }),
    };
    for (const order of [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"], ["b", "c", "a"], ["c", "a", "b"], ["c", "b", "a"]]) {
      expect(groups(resolveInOrder(order, chain))).toEqual(["a,b,c"]);
    }
    // Without b, a and c stay apart: the merge comes from the bridge, not from a lax threshold.
    expect(groups(resolveInOrder(["a", "c"], chain))).toEqual(["a", "c"]);
  });
});

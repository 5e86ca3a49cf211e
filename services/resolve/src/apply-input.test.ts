import { describe, expect, it } from "vitest";
import type { Decision } from "@radar/core";
import type { InitiativeRow } from "@radar/db";
import { bandKeys, foundingState, mergeSignatures, signature, storyProfile, storyText, type Story } from "@radar/resolve";
import { org, story } from "@radar/resolve/testing";
import { applyInput } from "./resolution.js";

const REPORT = story({
  heading: "Trust goes live with electronic patient record",
  text: "West London NHS Trust has gone live with its new electronic patient record, supplied by Oracle Health, across three hospitals, after an £8 million programme.",
  orgs: [org("West London NHS Trust", "RKL")],
  money: [["£8 million", 8_000_000]],
  suppliers: ["Oracle Health"],
});

const FOLLOW_UP = story({
  text: "West London NHS Trust says clinicians now use the electronic patient record on wards and in outpatient clinics, with e-prescribing to follow next year.",
  orgs: [org("West London NHS Trust", "RKL")],
});

const decision = (action: Decision["action"], initiativeId: string | null): Decision => ({
  action,
  initiativeId,
  baseVersion: initiativeId ? 1 : null,
  score: 0.9,
  reasons: ["test"],
  diff: {},
  alsoMatches: [],
});

/** A stored initiative founded by `s`, as apply reads it. */
function rowOf(s: Story): InitiativeRow {
  const state = foundingState(s);
  const at = new Date("2025-06-01T00:00:00Z");
  return { id: "ini-1", title: state.title, primaryOrg: null, region: null, icb: null, status: null, state, minhash: Array.from(signature(storyText(s)).minhash), version: 1, mergedInto: null, firstSeen: at, lastSeen: at, createdAt: at, updatedAt: at };
}

/** Through the queue: JSON, and a story object loaded afresh. */
const viaQueue = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe("applyInput with the profile resolve handed over", () => {
  it("writes exactly what it writes when it profiles the story itself", () => {
    const handed = viaQueue(storyProfile(structuredClone(REPORT)));
    for (const d of [decision("new", null), decision("update", "ini-1"), decision("duplicate", "ini-1")]) {
      const own = applyInput("item-1", structuredClone(FOLLOW_UP), { decision: d, seen: [], resolvedAt: null, silent: false });
      const given = applyInput("item-1", structuredClone(FOLLOW_UP), { decision: d, seen: [], resolvedAt: null, silent: false, profile: viaQueue(storyProfile(structuredClone(FOLLOW_UP))) });
      expect(given.minhash).toEqual(own.minhash);
      expect(given.lockKeys).toEqual(own.lockKeys);
      expect(JSON.stringify(given.profile)).toEqual(JSON.stringify(own.profile));
      const current = rowOf(REPORT);
      if (d.action === "new") expect({ ...given.create!(), id: "" }).toEqual({ ...own.create!(), id: "" });
      else expect(given.update!(current)).toEqual(own.update!(current));
    }
    // Another story's profile is not this story's: the minhash comes from the profile it is given.
    const other = applyInput("item-1", structuredClone(FOLLOW_UP), { decision: decision("new", null), seen: [], resolvedAt: null, silent: false, profile: handed });
    expect(other.minhash).toEqual(Array.from(signature(storyText(REPORT)).minhash));
  });

  it("ignores a profile of another format, or a malformed one, and makes its own", () => {
    const own = applyInput("item-1", structuredClone(FOLLOW_UP), { decision: decision("new", null), seen: [], resolvedAt: null, silent: false });
    const good = viaQueue(storyProfile(structuredClone(REPORT)));
    const broken = [
      { ...good, v: 0 },
      { ...good, th: "other" },
      { ...good, minhash: 42 },
      { ...good, minhash: good.minhash.slice(0, 100) },
      { ...good, keys: [1] },
      { ...good, words: "epr" },
      { ...good, textWords: good.words.length + 1 },
      { ...good, features: { ...good.features, title: [good.words.length] } },
      { ...good, features: { ...good.features, names: { programmes: [["epr"]], suppliers: [], periods: [] } } },
      { ...good, features: { ...good.features, money: [{ text: "£1m" }] } },
      { ...good, state: { ...good.state, factSets: [[0], [-1]] } },
      { ...good, state: { ...good.state, firstSeen: null } },
      { ...good, state: undefined },
      "profile",
      null,
    ];
    for (const bad of broken) {
      const input = applyInput("item-1", structuredClone(FOLLOW_UP), { decision: decision("new", null), seen: [], resolvedAt: null, silent: false, profile: bad });
      expect(input.minhash).toEqual(own.minhash);
      expect(JSON.stringify(input.profile)).toEqual(JSON.stringify(own.profile));
    }
  });
});

describe("the bands an update files its initiative under", () => {
  const current = rowOf(REPORT);

  it("are only those of the merged signature the initiative was not filed under", () => {
    const input = applyInput("item-2", structuredClone(FOLLOW_UP), { decision: decision("update", "ini-1"), seen: [], resolvedAt: null, silent: false });
    const w = input.update!(current);
    const merged = mergeSignatures({ minhash: current.minhash, bands: [] }, signature(storyText(FOLLOW_UP)));
    const filed = new Set(bandKeys(current.minhash));
    expect(w.minhash).toEqual(Array.from(merged.minhash));
    expect(w.bandKeys.length).toBeGreaterThan(0);
    expect(w.bandKeys).toEqual(merged.bands.filter((b) => !filed.has(b)));
    // Filed under both, the initiative is filed under every band of its new MinHash.
    expect(merged.bands.every((b) => filed.has(b) || w.bandKeys.includes(b))).toBe(true);
  });

  it("are none for a copy of a story already in the initiative", () => {
    const input = applyInput("item-3", structuredClone(REPORT), { decision: decision("duplicate", "ini-1"), seen: [], resolvedAt: null, silent: false });
    const w = input.update!(current);
    expect(w.minhash).toEqual(current.minhash);
    expect(w.bandKeys).toEqual([]);
  });

  it("are all of them for an initiative whose stories had no text yet (an empty MinHash is filed under no band)", () => {
    const input = applyInput("item-4", structuredClone(FOLLOW_UP), { decision: decision("update", "ini-1"), seen: [], resolvedAt: null, silent: false });
    const w = input.update!({ ...current, minhash: Array.from(signature("").minhash) });
    expect(w.bandKeys).toEqual(signature(storyText(FOLLOW_UP)).bands);
  });
});

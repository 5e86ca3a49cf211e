import { describe, expect, it } from "vitest";
import { signature } from "./minhash.js";
import { replayStories } from "./replay.js";
import { storyText } from "./state.js";
import { storySignature } from "./story-signature.js";
import { org, story } from "./testing.js";

const text = "West London NHS Trust has submitted its £29 million digital strategy for 2025 to 2030 for board approval.";

describe("storySignature", () => {
  it("signs a story once and matches signing its text", () => {
    const s = story({ text });
    const first = storySignature(s);
    expect(storySignature(s)).toBe(first);
    expect(Array.from(first.minhash)).toEqual(Array.from(signature(storyText(s)).minhash));
  });

  it("uses the MinHash the store kept instead of signing again", () => {
    const kept = Array.from({ length: 100 }, (_, i) => i);
    const sig = storySignature({ ...story({ text }), minhash: kept });
    expect(Array.from(sig.minhash)).toEqual(kept);
    expect(sig.bands).toHaveLength(20);
  });
});

describe("replayStories", () => {
  it("replays stories oldest first into one state, one merged signature and their keys", () => {
    const wlt = [org("West London NHS Trust", "RKL")];
    const a = story({ text, status: "planned", orgs: wlt });
    const b = story({ text: `${text} It was approved in March.`, status: "approved", orgs: wlt });
    const r = replayStories([a, b]);
    expect(r.state.status).toBe("approved");
    const merged = Array.from(r.signature.minhash);
    const sa = Array.from(storySignature(a).minhash);
    const sb = Array.from(storySignature(b).minhash);
    expect(merged).toEqual(sa.map((x, i) => Math.min(x, sb[i]!)));
    expect(r.keys).toContain("org:rkl");
    expect(() => replayStories([])).toThrow(/without stories/);
  });
});

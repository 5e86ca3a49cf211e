/**
 * A member read back from the store as its profile (StoryProfile, JSON) must score exactly as the
 * story itself: every pair of labelled stories, both ways, same score, features and reasons.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PROFILE_FORMAT, currentProfile, pairScore, storyFromProfile, storyProfile, type Story, type StoryProfile } from "@radar/resolve";
import { labelledSets } from "./datasets.js";

let stories: Story[] = [];
let bySet: Story[][] = [];

beforeAll(async () => {
  bySet = (await labelledSets()).map((s) => s.stories.map((x) => x.story));
  stories = bySet.flat();
}, 120_000);

const throughJson = (s: Story): Story => storyFromProfile(JSON.parse(JSON.stringify(storyProfile(s))) as StoryProfile);

describe("stored story profiles", () => {
  // Pairs within each set (a set is one news stream; across sets the pairs only add time).
  it("score every labelled pair exactly as the stories do", () => {
    expect(stories.length).toBeGreaterThan(40);
    let compared = 0;
    for (const set of bySet) {
      const stored = set.map(throughJson);
      for (let i = 0; i < set.length; i++) {
        for (let j = 0; j < set.length; j++) {
          if (i === j) continue;
          const direct = pairScore(set[i]!, set[j]!);
          expect(pairScore(set[i]!, stored[j]!)).toEqual(direct);
          if (direct) compared++;
        }
      }
    }
    // Most pairs share no key (null both ways); enough must share one for this to mean something.
    expect(compared).toBeGreaterThan(100);
  }, 60_000);

  it("are taken as they come through the apply job, for every labelled story", () => {
    // Apply falls back to profiling the story itself when a handed-over profile is refused, which
    // would hide a check that refuses good ones: every real profile must pass it.
    for (const s of stories) {
      const handed = JSON.parse(JSON.stringify(storyProfile(structuredClone(s)))) as unknown;
      expect(currentProfile(handed)).toEqual(handed);
    }
    // One without its ICBs (made before they were kept) would score trust ↔ ICB pairs as unrelated.
    const p = storyProfile(stories[0]!);
    const { systems: _dropped, ...features } = p.features;
    expect(currentProfile({ ...p, features })).toBeNull();
  });

  it("carry their format, so a store holding an older one falls back to the story", () => {
    const p = storyProfile(stories[0]!);
    expect(p.v).toBe(PROFILE_FORMAT);
    const stale = storyFromProfile({ ...p, v: PROFILE_FORMAT + 1 });
    // An outdated profile on a stub cannot be scored: refused loudly rather than scored as empty.
    expect(() => pairScore(stories[1]!, stale)).toThrow(/profile/);
  });
});

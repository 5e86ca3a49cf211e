import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { foundingState, pairScore, storyView } from "./members.js";
import { initialState } from "./diff.js";
import { candidateFrom, org, story } from "./testing.js";
import type { Candidate, Story } from "./types.js";

const LAS = org("London Ambulance Service NHS Trust", "RRU", "ambulance-trust");

// A and C describe one pilot from two angles with little wording in common; B covers both.
const A = story({
  heading: "LAS pilots Tortus ambient voice in its clinical hub",
  text: "London Ambulance Service NHS Trust has begun a one-year pilot of Tortus ambient voice technology in its clinical hub, after a proof of concept funded by the Frontline Digitisation Fund.",
  orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]],
});
const B = story({
  text: "The one-year Tortus ambient voice pilot in the London Ambulance Service NHS Trust clinical hub is now improving handover times for crews at Croydon and Ilford stations.",
  orgs: [LAS], suppliers: ["Tortus"], status: "pilot", themes: [["ambient-voice", 0.9]],
});
const C = story({
  text: "Crews at Croydon and Ilford stations of London Ambulance Service NHS Trust report quicker handover times and more patients per shift.",
  orgs: [LAS], status: "live", themes: [["ambient-voice", 0.6]],
});

const withMembers = (id: string, ...members: Story[]): Candidate => ({ ...candidateFrom(id, members[0]!), members });

describe("story-to-story scores", () => {
  it("are symmetric", () => {
    for (const [x, y] of [[A, B], [B, C], [A, C]] as const) expect(pairScore(x, y)!.score).toBe(pairScore(y, x)!.score);
  });

  it("the hand-built chain: A~B and B~C match, A~C does not", () => {
    expect(pairScore(A, B)!.score).toBeGreaterThanOrEqual(0.5);
    expect(pairScore(B, C)!.score).toBeGreaterThanOrEqual(0.5);
    expect(pairScore(A, C)!.score).toBeLessThan(0.5);
  });

  it("two stories of one article are capped unless one copies the other", () => {
    const a = { ...A, source: "https://example.org/roundup" };
    const b = { ...B, source: "https://example.org/roundup", item: { ...B.item, ordinal: 3 } };
    const s = pairScore(a, b)!;
    expect(s.score).toBeLessThan(0.5);
    expect(s.reasons.at(-1)).toMatch(/same article/);
    expect(pairScore(a, { ...a })!.score).toBeGreaterThanOrEqual(0.5); // the same story again
  });
});

describe("decide with member stories", () => {
  it("scores against the best member, not the merged state", () => {
    const founded = withMembers("i1", A);
    const grown = withMembers("i1", A, B);
    expect(decide(C, [founded]).action).toBe("new");
    const d = decide(C, [grown]);
    expect(d.initiativeId).toBe("i1");
    expect(d.score).toBe(pairScore(C, B)!.score);
  });

  it("alsoMatches lists every other matching initiative, sorted, without the chosen one", () => {
    const d = decide(B, [withMembers("i9", C), withMembers("i2", A), withMembers("i5", C)]);
    expect(d.action).not.toBe("new");
    expect(d.alsoMatches).not.toContain(d.initiativeId);
    expect([d.initiativeId, ...d.alsoMatches].sort()).toEqual(["i2", "i5", "i9"]);
    expect(d.alsoMatches).toEqual([...d.alsoMatches].sort());
    expect(d.reasons.join(" ")).toMatch(/bridges them/);
  });

  it("alsoMatches is empty for a new story and when only one candidate matches", () => {
    expect(decide(A, []).alsoMatches).toEqual([]);
    expect(decide(A, [withMembers("i1", B)]).alsoMatches).toEqual([]);
  });

  it("candidates without members are still scored on their merged state (older wiring)", () => {
    const d = decide(B, [candidateFrom("i1", A)]);
    expect(d.initiativeId).toBe("i1");
  });
});

describe("foundingState", () => {
  it("is initialState whether or not the story object was viewed before", () => {
    const fresh = structuredClone(A);
    const viewed = structuredClone(A);
    storyView(viewed);
    expect(foundingState(fresh)).toEqual(initialState(A));
    expect(foundingState(viewed)).toEqual(initialState(A));
    // The viewed story's state is the view's own object (no second computation).
    expect(foundingState(viewed)).toBe(storyView(viewed).asCandidate.state);
  });
});

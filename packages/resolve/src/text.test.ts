import { describe, expect, it } from "vitest";
import { programmePhrases } from "./text.js";

describe("programmePhrases", () => {
  it("reads lower-case programme names, with and/& inside the name, singular or plural", () => {
    expect(programmePhrases("The board shared key areas of its digital & data programme 2025/26.")).toEqual(["digital data programme"]);
    expect(programmePhrases("Updates on a range of digital and data programmes underway across the trust.")).toEqual(["digital data programme"]);
    expect(programmePhrases("including an AI and automation programme")).toEqual(["ai automation programme"]);
  });

  it("keeps at most three words and stops at stopwords, punctuation and amounts", () => {
    expect(programmePhrases("Opportunities from the NHSE Frontline Productivity Programme include…")).toEqual(["nhse frontline productivity programme"]);
    expect(programmePhrases("a £2.1 million cyber resilience programme")).toEqual(["cyber resilience programme"]);
    expect(programmePhrases("AI, automation programme")).toEqual([]);
  });

  it("skips single generic qualifiers", () => {
    expect(programmePhrases("The data programme and an infrastructure programme; the programme itself.")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { indexKeys } from "./keys.js";
import { signature } from "./minhash.js";
import { storyText } from "./state.js";
import { org, story } from "./testing.js";

describe("indexKeys", () => {
  const s = story({
    heading: "LAS pilots Tortus ambient voice",
    text: "London Ambulance Service NHS Trust and Imperial College Healthcare NHS Trust are piloting Tortus ambient voice under the Frontline Digitisation programme with £2.5 million.",
    orgs: [org("London Ambulance Service NHS Trust", "RRU"), org("Imperial College Healthcare NHS Trust", "RYJ"), org("London Ambulance Service NHS Trust", "RRU")],
    money: [["£2.5 million", 2_500_000]],
    suppliers: ["Tortus"],
    programmes: ["Frontline Digitisation"],
  });

  it("has one org key per organisation, primary first, codes normalised", () => {
    expect(indexKeys(s).orgKeys).toEqual(["org:rru", "org:ryj"]);
  });

  it("band keys are the story signature's bands", () => {
    expect(indexKeys(s).bandKeys).toEqual(signature(storyText(s)).bands);
  });

  it("name keys cover programmes, amounts and supplier+organisation pairs", () => {
    expect(indexKeys(s).nameKeys.sort()).toEqual(
      ["money:2500000", "prog:frontline digitisation", "supplier:tortus|RRU", "supplier:tortus|RYJ"].sort(),
    );
  });

  it("an organisation without a code is keyed by its normalised name", () => {
    const k = indexKeys(story({ text: "x", orgs: [org("King\u2019s Health Partners", null, "partnership")] }));
    expect(k.orgKeys).toEqual(["org:kings health partners"]);
  });
});

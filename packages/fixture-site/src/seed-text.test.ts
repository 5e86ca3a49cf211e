import { describe, expect, it } from "vitest";
import { excerptOf, slugify, toBlocks } from "./seed-text.js";

describe("toBlocks", () => {
  it("drops pasted page furniture and a repeated title", () => {
    const raw = "top of page\n\nBig News Title\n\n  • Jun 23\n  • 3 min read\n\nFirst paragraph here.\n\nbottom of page";
    expect(toBlocks(raw, "Big News Title")).toEqual([{ type: "p", text: "First paragraph here." }]);
  });

  it("keeps a first line that is not the title", () => {
    const blocks = toBlocks("Barts Health has set out plans.\nMore detail follows.", "Some other title");
    expect(blocks.map((b) => b.type)).toEqual(["p", "p"]);
  });

  it("makes short unpunctuated lines followed by text into headings: h2 over h3", () => {
    const raw = [
      "Digital plans and priorities",
      "",
      "Trust plans £29 million digital strategy",
      "",
      "The trust's strategy covers six pillars.",
      "North Central London",
      "The ICS highlighted two programmes.",
    ].join("\n");
    expect(toBlocks(raw, "x")).toEqual([
      { type: "h2", text: "Digital plans and priorities" },
      { type: "h3", text: "Trust plans £29 million digital strategy" },
      { type: "p", text: "The trust's strategy covers six pillars." },
      { type: "h3", text: "North Central London" },
      { type: "p", text: "The ICS highlighted two programmes." },
    ]);
  });

  it("never makes a heading of a lead-in, a sentence, a last line or a line before bullets", () => {
    const raw = "For NHS trusts, this supports:\n  • Greater control\n  • Reduced risk\nBring the AI to the data.\nShort line before list\n  • item\nClosing words";
    const blocks = toBlocks(raw, "x");
    expect(blocks.filter((b) => b.type === "h2" || b.type === "h3")).toEqual([]);
    expect(blocks[1]).toEqual({ type: "ul", items: ["Greater control", "Reduced risk"] });
  });

  it("treats a long unpunctuated line as a paragraph", () => {
    const long = "word ".repeat(40).trim();
    expect(toBlocks(`${long}\nNext paragraph.`, "x")[0]!.type).toBe("p");
  });
});

describe("excerptOf and slugify", () => {
  it("cuts the first paragraph at a word boundary", () => {
    const text = "alpha ".repeat(100).trim() + ".";
    const excerpt = excerptOf([{ type: "h3", text: "Heading" }, { type: "p", text }], 50);
    expect(excerpt.endsWith(" […]")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(54);
    expect(excerptOf([{ type: "p", text: "Short." }])).toBe("Short.");
  });

  it("slugs like WordPress", () => {
    expect(slugify("NHS Trust Region Series: London")).toBe("nhs-trust-region-series-london");
    expect(slugify("£7 million for AI & data — Kingston’s plan")).toBe("7-million-for-ai-and-data-kingston-s-plan");
  });
});

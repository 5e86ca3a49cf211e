import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ExtractedArticleSchema } from "@radar/core";
import { describe, expect, it } from "vitest";
import { extractText } from "./index.js";

const SEED_DIR = "/work/shared/seeds";
const seed = (prefix: string): string => {
  const file = readdirSync(SEED_DIR).find((f) => f.startsWith(prefix) && f.endsWith(".txt"));
  if (!file) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEED_DIR, file), "utf8");
};
const headings = (text: string) =>
  extractText(text).blocks.filter((b) => b.type === "heading").map((b) => b.text);

describe("extractText on the seed articles", () => {
  it("produces schema-valid articles whose blocks keep every content line verbatim", () => {
    for (const prefix of ["000", "001", "002", "003", "004"]) {
      const src = seed(prefix);
      const article = ExtractedArticleSchema.parse(extractText(src));
      const texts = article.blocks.flatMap((b) => (b.items ? b.items : [b.text]));
      // Verbatim up to whitespace: runs of spaces/NBSP collapse to one space.
      const flat = src.replace(/[\s\u00a0]+/g, " ");
      for (const t of texts) expect(flat).toContain(t);
      expect(texts.some((t) => /[“”’]/.test(t))).toBe(prefix === "002" ? false : true);
    }
  });

  it("takes a heading-like first line as the title and does not repeat it as a block", () => {
    const a = extractText(seed("000"));
    expect(a.title).toBe("NHS Trust Region Series: London");
    expect(a.blocks[0]?.type).toBe("paragraph");
    expect(a.blocks.some((b) => b.text === a.title)).toBe(false);
  });

  it("leaves the title empty when the first line is prose (single-newline files)", () => {
    for (const prefix of ["001", "003", "004"]) {
      const a = extractText(seed(prefix));
      expect(a.title).toBe("");
      expect(a.blocks[0]?.type).toBe("paragraph");
    }
  });

  it("finds headings in single-newline files and skips lines ending in a colon", () => {
    const h = headings(seed("001"));
    expect(h).toEqual([
      "CNWL customer story",
      "Moving to the cloud: advice for other trusts",
      "Working in partnership",
      "North Central London",
      "North East London",
      "North West London",
      "South East London",
      "South West London",
    ]);
    expect(headings(seed("004"))).toEqual(["Wider trend: Digital transformation in London"]);
  });

  it("drops page chrome and reads the title after it", () => {
    const a = extractText(seed("002"));
    expect(a.title).toBe("NHS Trusts Drive Forward with Major Digital Infrastructure and AI Investments");
    const all = a.blocks.map((b) => b.text).join("\n");
    expect(all).not.toMatch(/top of page|bottom of page|min read|Jun 23/);
    expect(a.blocks.every((b) => b.type === "paragraph")).toBe(true);
    expect(a.blocks).toHaveLength(7);
  });

  it("groups bullet lines into list blocks in order", () => {
    const lists = extractText(seed("000")).blocks.filter((b) => b.type === "list");
    expect(lists.map((l) => l.items?.length)).toEqual([3, 3, 4, 4, 4, 3, 4]);
    expect(lists[5]?.items).toEqual(["Develop", "Operate", "Scale"]);
    expect(lists[5]?.text).toBe("Develop\nOperate\nScale");
  });
});

describe("extractText on synthetic text", () => {
  it("returns an empty article for empty or whitespace input", () => {
    expect(extractText("").blocks).toEqual([]);
    expect(extractText(" \n\n\t\n").title).toBe("");
  });

  it("treats a trailing heading-like line as a paragraph (nothing follows it)", () => {
    const a = extractText("Title here\n\nBody sentence one.\n\nThanks for reading");
    expect(a.title).toBe("Title here");
    expect(a.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph"]);
  });

  it("re-joins hard-wrapped paragraphs and lowercase continuation lines", () => {
    const wrapped = [
      "The trust said the new electronic patient record would go live in the",
      "spring after a long procurement, with training for all ward staff being",
      "delivered by the supplier over twelve weeks before the switchover date",
      "in April.",
    ].join("\n");
    const a = extractText(`Trust goes live with EPR\n\n${wrapped}\n\nA second paragraph.`);
    expect(a.blocks[0]?.text).toBe(wrapped.replace(/\n/g, " "));
    const b = extractText("Headline\nThe ICB said the work\nand the plan will start in May.");
    expect(b.blocks).toEqual([{ type: "paragraph", text: "The ICB said the work and the plan will start in May." }]);
  });

  it("merges list items split by blank lines and handles numbered and dash bullets", () => {
    const a = extractText("Key points\n\n1. First item\n\n2) Second item\n\n- Third item\n\nClosing remark.");
    expect(a.title).toBe("Key points");
    expect(a.blocks[0]).toEqual({
      type: "list",
      text: "First item\nSecond item\nThird item",
      items: ["First item", "Second item", "Third item"],
    });
  });

  it("does not mistake brand names starting lowercase for continuations", () => {
    const a = extractText("Intro paragraph here.\niPLATO launches new app\neConsult reports growth in use.");
    expect(a.blocks.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
  });
});

describe("extractText question headlines", () => {
  it("takes a first line ending in a question mark as the title, but not a question inside the body", () => {
    const a = extractText("Is ambient voice ready for every NHS trust?\n\nThe panel discussed pilots at three trusts.\n\nWhat did the pilots show?\n\nTime savings for clinicians.");
    expect(a.title).toBe("Is ambient voice ready for every NHS trust?");
    expect(a.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });
});

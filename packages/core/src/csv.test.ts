import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, CRLF, and drops blank rows", () => {
    const text = 'title,notes\r\n"Guy\'s and St Thomas\', EPR","said ""live"" today\nsecond line"\r\n\r\nplain,x';
    expect(parseCsv(text)).toEqual([
      ["title", "notes"],
      ["Guy's and St Thomas', EPR", 'said "live" today\nsecond line'],
      ["plain", "x"],
    ]);
  });
});

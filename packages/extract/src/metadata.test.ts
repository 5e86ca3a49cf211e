import { describe, expect, it } from "vitest";
import { estimateDepth, trimLongRuns } from "./html-deep.js";
import { stripSiteSuffix, toIsoDate } from "./metadata.js";

describe("metadata helpers", () => {
  it("parses ISO, English and UK day-first dates to ISO 8601 and rejects junk", () => {
    expect(toIsoDate("2025-06-23T11:30:00+01:00")).toBe("2025-06-23T10:30:00.000Z");
    expect(toIsoDate("23rd June 2025")).toMatch(/^2025-06-2[23]T/);
    expect(toIsoDate("12/03/2025")).toBe("2025-03-12T00:00:00.000Z");
    expect(toIsoDate("Posted on June 5, 2024")).toMatch(/^2024-06-0[45]T/);
    expect(toIsoDate("yesterday")).toBeNull();
    expect(toIsoDate("Jun 23")).toBeNull();
    expect(toIsoDate("")).toBeNull();
  });

  it("strips a site-name suffix but keeps titles whose dash is part of the headline", () => {
    expect(stripSiteSuffix("EPR goes live - HTN Health Tech News", "HTN Health Tech News")).toBe("EPR goes live");
    expect(stripSiteSuffix("Trust plans new EPR system | Daily Chronicle", "")).toBe("Trust plans new EPR system");
    expect(stripSiteSuffix("NHS App - a review", "")).toBe("NHS App - a review");
  });
});

describe("structural guards", () => {
  it("estimates nesting depth linearly, ignoring optional-end tags and script bodies", () => {
    expect(estimateDepth("<div><p>a<p>b<p>c</div>")).toBe(1);
    expect(estimateDepth("<div><div><span>x</span></div></div>")).toBe(3);
    expect(estimateDepth(`<script>${"<div>".repeat(100)}</script><b>x</b>`)).toBe(1);
    expect(estimateDepth("<div>".repeat(5000))).toBe(5000);
  });

  it("trims only runs longer than the cap and only on large inputs", () => {
    const small = `<p>${"x".repeat(10)}</p>`;
    expect(trimLongRuns(small, 5)).toEqual({ html: small, trimmed: false });
    const big = `<p>${"y".repeat(1_200_000)}</p><p>tail</p>`;
    const out = trimLongRuns(big, 1000);
    expect(out.trimmed).toBe(true);
    expect(out.html).toBe(`<p>${"y".repeat(997)}</p><p>tail</p>`);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalUrl } from "@radar/feeds";

// seeds/sources.json is the default source registry; every service reads it, so keep it sound.
const sources = JSON.parse(readFileSync(new URL("../../../seeds/sources.json", import.meta.url), "utf8")) as Record<string, unknown>[];

describe("seeds/sources.json", () => {
  it("has unique slug ids and the fields the registry needs", () => {
    expect(sources.length).toBeGreaterThanOrEqual(5);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
    for (const s of sources) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof s.name).toBe("string");
      expect(["rss", "atom", "rdf"]).toContain(s.kind);
      expect(Number.isInteger(s.pollIntervalMinutes) && (s.pollIntervalMinutes as number) >= 5).toBe(true);
      expect(typeof s.enabled).toBe("boolean");
      expect(typeof s.verified).toBe("boolean");
      expect(typeof s.hints).toBe("object");
      expect(() => canonicalUrl(s.feedUrl as string)).not.toThrow();
      expect(String(s.feedUrl)).toMatch(/^https:\/\//);
    }
  });

  it("starts with HTN, a verified WordPress feed with an archive pattern", () => {
    expect(sources[0]).toMatchObject({ id: "htn", feedUrl: "https://htn.co.uk/feed/", enabled: true, verified: true, hints: { wordpress: true } });
    expect((sources[0]!.hints as { archive: string }).archive).toContain("{n}");
  });
});

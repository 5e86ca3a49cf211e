import { describe, expect, it } from "vitest";
import type { Db } from "@radar/db";
import { org, story } from "@radar/resolve/testing";
import { resolveStory } from "./resolution.js";

const STORY = story({ text: "West London NHS Trust has gone live with its electronic patient record across three hospitals.", orgs: [org("West London NHS Trust", "RKL")] });

/** A store whose every query fails at once (as a dropped connection does). */
const failingDb = { $client: { query: () => Promise.reject(new Error("connection terminated")) } } as unknown as Db;

describe("resolveStory", () => {
  it("fails with the look-up's error, and only there, when the store fails while the story is viewed", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(resolveStory(failingDb, "item-1", structuredClone(STORY))).rejects.toThrow("connection terminated");
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure, no services) and `integration` (real Redis, PostgreSQL, processes).
// Integration files end in `.int.test.ts` or live in test/.
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: ".radar/test-results.json" },
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["packages/*/src/**/*.test.ts", "services/*/src/**/*.test.ts", "eval/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.int.test.ts", "services/*/src/**/*.int.test.ts", "test/**/*.test.ts"],
          exclude: ["**/node_modules/**"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files share one Redis and one PostgreSQL server; each uses its own
          // queue prefix and database, but running them two at a time keeps a 2-core box calm.
          maxWorkers: 2,
          // Vitest runs projects with different worker limits as separate groups, unit first.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

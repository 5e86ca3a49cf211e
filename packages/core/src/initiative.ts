import { z } from "zod";
import { MoneySchema, RegionSchema, StatusSchema, ThemeIdSchema } from "./item.js";

/** Current state of a real-world initiative: what every version converges to. */
export const InitiativeStateSchema = z.object({
  title: z.string(),
  /** Primary organisation first: ODS code where known, else the name. */
  orgs: z.array(z.string()),
  orgNames: z.array(z.string()),
  region: RegionSchema.nullable(),
  icb: z.string().nullable(),
  themes: z.array(ThemeIdSchema),
  status: StatusSchema.nullable(),
  money: z.array(MoneySchema),
  periods: z.array(z.string()),
  suppliers: z.array(z.string()),
  programmes: z.array(z.string()),
  /** Normalised fact sentences the initiative already has (for "new facts" diffs). */
  facts: z.array(z.string()),
});
export type InitiativeState = z.infer<typeof InitiativeStateSchema>;

const added = z.object({ added: z.array(z.string()) });

/** Field-level diff; an empty object means the story added nothing. */
export const DiffSchema = z.object({
  status: z.object({ from: StatusSchema.nullable(), to: StatusSchema }).optional(),
  money: z
    .object({
      added: z.array(MoneySchema),
      changed: z.array(z.object({ from: MoneySchema, to: MoneySchema })).default([]),
    })
    .optional(),
  periods: added.optional(),
  suppliers: added.optional(),
  orgs: added.optional(),
  themes: added.optional(),
  programmes: added.optional(),
  facts: added.optional(),
});
export type Diff = z.infer<typeof DiffSchema>;

export const DecisionActionSchema = z.enum(["new", "update", "duplicate"]);
export type DecisionAction = z.infer<typeof DecisionActionSchema>;

export const DecisionSchema = z.object({
  action: DecisionActionSchema,
  /** Null for `new`. */
  initiativeId: z.string().nullable(),
  /** The initiative version the diff was computed against (optimistic concurrency). */
  baseVersion: z.number().int().nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
  diff: DiffSchema,
  /**
   * Other initiatives the story also matches above the threshold: the story bridges them, so they
   * are one initiative and apply folds them into `initiativeId` (keeps grouping order-independent).
   */
  alsoMatches: z.array(z.string()).default([]),
});
export type Decision = z.infer<typeof DecisionSchema>;

export function isEmptyDiff(diff: Diff): boolean {
  return Object.values(diff).every((v) => v === undefined);
}

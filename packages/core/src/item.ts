import { z } from "zod";

export const THEME_IDS = [
  "ai",
  "ambient-voice",
  "epr",
  "cyber",
  "cloud-infrastructure",
  "interoperability",
  "patient-facing",
  "data-analytics",
  "virtual-care",
  "automation",
  "strategy-funding",
  "diagnostics",
  "workforce-skills",
  "procurement",
] as const;
export const ThemeIdSchema = z.enum(THEME_IDS);
export type ThemeId = z.infer<typeof ThemeIdSchema>;

export const REGIONS = [
  "London",
  "South East",
  "South West",
  "East of England",
  "Midlands",
  "North East and Yorkshire",
  "North West",
  "Scotland",
  "Wales",
  "Northern Ireland",
  "England",
] as const;
export const RegionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof RegionSchema>;

export const ItemKindSchema = z.enum(["initiative", "sponsored", "opinion", "teaser"]);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** Ordered from earliest to latest; resolution treats a move to a later stage as news. */
export const STATUSES = [
  "planned",
  "business-case",
  "procuring",
  "submitted-for-approval",
  "approved",
  "contract-awarded",
  "pilot",
  "live",
  "rolled-out",
  "completed",
  "paused",
  "delayed",
] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const OrgRefSchema = z.object({
  name: z.string(),
  /** ODS code where the gazetteer has one. */
  code: z.string().nullable(),
  /** Gazetteer kind: trust, foundation-trust, ambulance-trust, icb, health-board, region, other, partnership, supplier… */
  kind: z.string(),
  icb: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
});
export type OrgRef = z.infer<typeof OrgRefSchema>;

export const ThemeLabelSchema = z.object({
  id: ThemeIdSchema,
  score: z.number().min(0).max(1),
  /** The sentence that justifies the label. */
  evidence: z.string(),
});
export type ThemeLabel = z.infer<typeof ThemeLabelSchema>;

export const MoneySchema = z.object({ text: z.string(), pounds: z.number().int().nonnegative() });
export type Money = z.infer<typeof MoneySchema>;

/** One story as a reader would see it, with who, where and what. */
export const AnalyzedItemSchema = z.object({
  ordinal: z.number().int().nonnegative(),
  heading: z.string().nullable(),
  /** Section heading the story sits under ("North Central London"), context only. */
  section: z.string().nullable().default(null),
  text: z.string(),
  kind: ItemKindSchema,
  orgs: z.array(OrgRefSchema),
  region: RegionSchema.nullable(),
  icb: z.string().nullable(),
  themes: z.array(ThemeLabelSchema),
  money: z.array(MoneySchema),
  periods: z.array(z.string()),
  suppliers: z.array(z.string()),
  /** Programme and product names ("Epic Thrive", "London Care Record"). */
  programmes: z.array(z.string()).default([]),
  /** Figures such as "38 percent", "690,000 visits". */
  figures: z.array(z.string()).default([]),
  status: StatusSchema.nullable(),
  /** Why each label was given, for operators ("region from West London NHS Trust → …"). */
  reasons: z.array(z.string()).default([]),
});
export type AnalyzedItem = z.infer<typeof AnalyzedItemSchema>;

export const AnalyzedArticleSchema = z.object({
  title: z.string(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  items: z.array(AnalyzedItemSchema),
});
export type AnalyzedArticle = z.infer<typeof AnalyzedArticleSchema>;

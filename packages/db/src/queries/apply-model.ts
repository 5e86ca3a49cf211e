import type { DecisionAction, Diff, InitiativeEventPayload, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import type { InitiativeRow } from "./candidates.js";
import type { Rebuild } from "./curate.js";
import { preparedRows } from "./prepared.js";

/** What apply is given and answers, and the pieces its paths (apply*.ts) share. */
export interface InitiativeWrite {
  title: string;
  state: InitiativeState;
  minhash: number[];
  bandKeys: string[];
  keys: string[];
}

/** The initiative columns derived from its content (denormalised for filtering and listing). */
export function initiativeColumns(w: InitiativeWrite) {
  return {
    title: w.title,
    primaryOrg: w.state.orgs[0] ?? null,
    region: w.state.region,
    icb: w.state.icb,
    status: w.state.status,
    state: w.state,
    minhash: w.minhash,
  };
}

export interface ApplyInput {
  itemId: string;
  action: DecisionAction;
  initiativeId: string | null;
  baseVersion: number | null;
  score: number;
  reasons: string[];
  diff: Diff;
  /** Initiatives resolve considered; any other initiative sharing a key means resolve is stale. */
  seen: string[];
  /** Database time at resolve; initiatives created before it (minus IN_FLIGHT_MARGIN_MS) were visible to resolve. */
  resolvedAt: Date | null;
  silent: boolean;
  seenAt: Date;
  /** For `new`: the fresh initiative's id and content. */
  create?: () => InitiativeWrite & { id: string };
  /** For `update` (and `duplicate`, for its signature and keys): content computed from the row read under lock. */
  update?: (current: InitiativeRow) => InitiativeWrite;
  /** The story's own keys, used to serialise concurrent creations of one initiative. */
  lockKeys: string[];
  /** The story's own MinHash, kept with its mention. */
  minhash?: number[];
  /** What scoring needs of the story (StoryProfile in @radar/resolve), kept with its mention. */
  profile?: object;
  /** Initiatives the story also matched: folded into `initiativeId` (see Decision.alsoMatches). */
  alsoMatches?: string[];
  /** Rebuilds an initiative from its stories; needed when `alsoMatches` is not empty. */
  rebuild?: Rebuild;
}

export type ApplyOutcome =
  | { kind: "applied"; initiativeId: string; version: number; action: DecisionAction }
  | { kind: "already-applied"; initiativeId: string }
  | { kind: "conflict"; reason: string };

/**
 * A transaction that created an initiative may still have been open when resolve read the store;
 * its row carries its start time. A minute covers any apply transaction by a wide margin.
 */
export const IN_FLIGHT_MARGIN_MS = 60_000;

export const bridged = (input: ApplyInput) => (input.alsoMatches ?? []).filter((x) => x !== input.initiativeId);

/** The database's answer to apply_new_story, apply_known_story and apply_bridging_story. */
interface FunctionResult {
  kind: "applied" | "already-applied" | "rival" | "changed";
  initiativeId: string;
  version?: number;
}

/** Each function call is one prepared statement (prepared once per connection on PostgreSQL). */
export async function call(db: Db, fn: "apply_new_story" | "apply_known_story" | "apply_bridging_story", p: Record<string, unknown>): Promise<FunctionResult> {
  const rows = await preparedRows<{ r: FunctionResult | string }>(db, `radar_${fn}_v1`, `select ${fn}($1::jsonb) as r`, [JSON.stringify(p)]);
  const r = rows[0]!.r;
  return typeof r === "string" ? (JSON.parse(r) as FunctionResult) : r;
}

/** Why a diff computed against `baseVersion` cannot be applied to this row, if it cannot. */
export function staleness(current: InitiativeRow, input: ApplyInput): ApplyOutcome | null {
  const id = current.id;
  if (current.mergedInto) return { kind: "conflict", reason: `initiative ${id} was merged into ${current.mergedInto}` };
  if (current.version !== input.baseVersion) {
    return { kind: "conflict", reason: `initiative ${id} is at version ${current.version}, the diff was computed against ${input.baseVersion}` };
  }
  return null;
}

/** The initiative columns apply_new_story / apply_known_story write (see initiativeColumns). */
export function contentFields(w: InitiativeWrite) {
  const c = initiativeColumns(w);
  return { title: c.title, primaryOrg: c.primaryOrg, region: c.region, icb: c.icb, status: c.status, state: c.state, minhash: c.minhash };
}

/**
 * What record_story writes besides the initiative row: index rows, mention, version row, event.
 * Optional values are left out rather than null: a JSON null would be stored as jsonb 'null'.
 */
export function storyFields(input: ApplyInput, initiativeId: string, version: number, title: string, type: string, w: InitiativeWrite | null) {
  const payload: InitiativeEventPayload = { initiativeId, version, itemId: input.itemId, title, diff: input.diff };
  return {
    itemId: input.itemId,
    action: input.action,
    score: input.score,
    reasons: input.reasons,
    diff: input.diff,
    seenAt: input.seenAt.toISOString(),
    storyMinhash: input.minhash ?? undefined,
    // As JSON text inside the argument: stored verbatim (a json column), not re-rendered by jsonb.
    profile: input.profile ? JSON.stringify(input.profile) : undefined,
    bandKeys: w ? [...new Set(w.bandKeys)] : [],
    keys: w ? [...new Set(w.keys)] : [],
    eventType: type,
    payload,
    silent: input.silent || input.action === "duplicate",
  };
}

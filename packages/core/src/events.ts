import { z } from "zod";
import { DiffSchema } from "./initiative.js";

/** Outbox events written in the apply transaction; compose reads them to build digests. */
export const EventTypeSchema = z.enum(["initiative.created", "initiative.updated", "initiative.duplicate-seen"]);
export type EventType = z.infer<typeof EventTypeSchema>;

export const InitiativeEventPayloadSchema = z.object({
  initiativeId: z.string(),
  version: z.number().int(),
  itemId: z.string(),
  title: z.string(),
  diff: DiffSchema,
});
export type InitiativeEventPayload = z.infer<typeof InitiativeEventPayloadSchema>;

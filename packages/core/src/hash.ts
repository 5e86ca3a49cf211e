import { createHash } from "node:crypto";

export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}

/** A short, job-id-safe digest (BullMQ rejects ':' in custom job ids). */
export function shortHash(input: string | Uint8Array, length = 24): string {
  return sha256Hex(input).slice(0, length);
}

/**
 * How often to poll a source next. Quiet sources slow down, busy ones speed up, failing ones back
 * off exponentially, and a publisher's Retry-After is never undercut. All within bounds derived
 * from the configured interval, so an operator's setting stays the anchor.
 */
export interface PollObservation {
  ok: boolean;
  newArticles: number;
  consecutiveFailures: number;
  retryAfterMs?: number | null;
}

export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** Consecutive failures after which a source is paused until an operator enables it again. */
export const PAUSE_AFTER_FAILURES = 8;

export function nextPollInterval(baseMinutes: number, currentMinutes: number | null, o: PollObservation): number {
  const lower = Math.max(MIN_INTERVAL_MINUTES, Math.floor(baseMinutes / 2));
  const upper = Math.min(MAX_INTERVAL_MINUTES, baseMinutes * 8);
  const current = currentMinutes ?? baseMinutes;
  let next: number;
  if (!o.ok) next = baseMinutes * 2 ** Math.min(o.consecutiveFailures, 10);
  else if (o.newArticles >= 3) next = current / 2;
  else if (o.newArticles > 0) next = current;
  else next = current * 1.5;
  next = Math.round(Math.min(Math.max(next, lower), o.ok ? upper : MAX_INTERVAL_MINUTES));
  const retryAfterMinutes = o.retryAfterMs ? Math.ceil(o.retryAfterMs / 60_000) : 0;
  return Math.min(Math.max(next, retryAfterMinutes), MAX_INTERVAL_MINUTES);
}

export function shouldPause(consecutiveFailures: number): boolean {
  return consecutiveFailures >= PAUSE_AFTER_FAILURES;
}

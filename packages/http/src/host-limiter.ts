/**
 * In-process politeness limiter: at most `concurrency` requests in flight per host, and request
 * starts to one host at least `intervalMs` apart. Waiters are served in arrival order.
 * (Per process only: several worker processes each keep their own budget.)
 */

interface HostState {
  active: number;
  lastStart: number;
  waiters: Array<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface HostLimiter {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** Requests currently running for a host (for tests and metrics). */
  active(host: string): number;
}

export function createHostLimiter(concurrency: number, intervalMs: number, now: () => number = Date.now): HostLimiter {
  const hosts = new Map<string, HostState>();
  const limit = Math.max(1, Math.floor(concurrency));

  function stateOf(host: string): HostState {
    let s = hosts.get(host);
    if (!s) {
      s = { active: 0, lastStart: -Infinity, waiters: [], timer: null };
      hosts.set(host, s);
    }
    return s;
  }

  // Starts as many waiters as the limits allow; if only the interval blocks, retries later.
  function pump(host: string, s: HostState): void {
    while (s.waiters.length > 0 && s.active < limit && s.timer === null) {
      const wait = s.lastStart + intervalMs - now();
      if (wait > 0) {
        s.timer = setTimeout(() => {
          s.timer = null;
          pump(host, s);
        }, wait);
        return;
      }
      s.active++;
      s.lastStart = now();
      s.waiters.shift()?.();
    }
    if (s.active === 0 && s.waiters.length === 0 && s.timer === null && now() - s.lastStart >= intervalMs) {
      hosts.delete(host);
    }
  }

  function acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const s = stateOf(host);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        s.active--;
        pump(host, s);
      };
      const start = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(release);
      };
      const onAbort = () => {
        const i = s.waiters.indexOf(start);
        if (i >= 0) s.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      s.waiters.push(start);
      pump(host, s);
    });
  }

  return { acquire, active: (host) => hosts.get(host)?.active ?? 0 };
}

import type { Worker } from "bullmq";
import { startAnalyzeService } from "@radar/svc-analyze";
import { startIngestService } from "@radar/svc-ingest";
import { startNotifyService } from "@radar/svc-notify";
import { startResolveService } from "@radar/svc-resolve";
import type { Runtime } from "@radar/runtime";

export type ServiceName = "ingest" | "analyze" | "resolve" | "notify";
export const SERVICE_NAMES: ServiceName[] = ["ingest", "analyze", "resolve", "notify"];

/** The cli is the only composition root: it may start any service in this process. */
export function startServices(rt: Runtime, names: ServiceName[] = SERVICE_NAMES): Worker[] {
  const starters: Record<ServiceName, (rt: Runtime) => Worker[]> = {
    ingest: (r) => startIngestService(r),
    analyze: startAnalyzeService,
    resolve: startResolveService,
    notify: startNotifyService,
  };
  return names.flatMap((n) => starters[n](rt));
}

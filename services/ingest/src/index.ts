import type { Worker } from "bullmq";
import { createHttpClient, type HttpClient } from "@radar/http";
import type { Runtime } from "@radar/runtime";
import { startFetchWorker } from "./fetch.worker.js";
import { startPollWorker } from "./poll.worker.js";
import { removeOn, removeSourceScheduler, scheduleOn, scheduleSource, syncSchedulers } from "./schedulers.js";

export { removeOn, removeSourceScheduler, scheduleOn, scheduleSource, startFetchWorker, startPollWorker, syncSchedulers };

export function createIngestHttp(rt: Runtime): HttpClient {
  const http = createHttpClient({ userAgent: rt.config.userAgent, allowHosts: rt.config.allowHosts });
  rt.onClose(() => http.close());
  return http;
}

export function startIngestService(rt: Runtime, http: HttpClient = createIngestHttp(rt)): Worker[] {
  return [startPollWorker(rt, http), startFetchWorker(rt, http)];
}

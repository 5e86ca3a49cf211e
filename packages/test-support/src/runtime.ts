import os from "node:os";
import { loadConfig, type Config } from "@radar/config";
import { silentLogger } from "@radar/log";
import { openRuntime, type Runtime } from "@radar/runtime";
import { TEST_REDIS_URL, createTestDatabase, createTestPrefix } from "./index.js";

export interface TestRuntime {
  rt: Runtime;
  config: Config;
  cleanup(): Promise<void>;
}

/** A runtime on a fresh PostgreSQL database and a fresh queue prefix, all removed by cleanup(). */
export async function createTestRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  const db = await createTestDatabase();
  const prefix = createTestPrefix();
  const config = loadConfig({ DATABASE_URL: db.url, RADAR_QUEUE_PREFIX: prefix.prefix, RADAR_DATA_DIR: os.tmpdir(), LOG_LEVEL: "silent", ...env });
  const rt = await openRuntime({ config, log: silentLogger(), redisUrl: TEST_REDIS_URL });
  return {
    rt,
    config,
    async cleanup() {
      await rt.close();
      await prefix.cleanup();
      await db.drop();
    },
  };
}

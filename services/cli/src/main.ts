import { Command } from "commander";
import { ENV_DOC } from "@radar/config";
import { reportFatal } from "./context.js";
import { registerAnalyze } from "./commands/analyze.js";
import { registerDemo } from "./commands/demo.js";
import { registerIngest } from "./commands/ingest.js";
import { registerInitiatives } from "./commands/initiatives.js";
import { registerSources } from "./commands/sources.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerQueues } from "./commands/queues.js";
import { registerStart } from "./commands/start.js";

const program = new Command("radar")
  .description("radar: follows NHS digital initiatives through health-tech news (HTN and peers)")
  .version("0.1.0")
  .showHelpAfterError()
  .addHelpText("after", `\nEnvironment:\n${ENV_DOC.map(([n, d, m]) => `  ${n.padEnd(20)} ${m} (default: ${d})`).join("\n")}\n`);

registerStart(program);
registerDemo(program);
registerMigrate(program);
registerQueues(program);
registerSources(program);
registerAnalyze(program);
registerIngest(program);
registerInitiatives(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFatal(err);
}

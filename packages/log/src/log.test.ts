import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskSecrets } from "./index.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe("maskSecrets", () => {
  it("masks credentials in URLs, Slack webhooks and token parameters", () => {
    expect(maskSecrets("redis://default:hunter2@cache:6379")).toBe("redis://default:***@cache:6379");
    expect(maskSecrets("smtp://mailer:s3cret@smtp.example.org:587")).toBe("smtp://mailer:***@smtp.example.org:587");
    expect(maskSecrets("post to https://hooks.slack.com/services/T0/B0/XYZ now")).toBe("post to https://hooks.slack.com/*** now");
    expect(maskSecrets("https://api.example.org/x?token=abc123&q=1")).toBe("https://api.example.org/x?token=***&q=1");
    expect(maskSecrets("Authorization: Bearer abcdefghijkl")).toBe("Authorization: Bearer ***");
  });

  it("leaves ordinary text alone", () => {
    expect(maskSecrets("West London NHS Trust plans £29 million")).toBe("West London NHS Trust plans £29 million");
  });
});

describe("createLogger", () => {
  it("redacts secret fields and secrets inside messages", () => {
    const { lines, stream } = capture();
    const log = createLogger({ destination: stream });
    log.info({ webhookUrl: "https://hooks.slack.com/services/T/B/C", smtpUrl: "smtp://u:p@h" }, "sending to smtp://u:pw@mail");
    log.info({ url: "redis://x:topsecret@h:1" }, "connected");
    const out = lines.join("");
    expect(out).not.toContain("hooks.slack.com/services");
    expect(out).not.toContain("topsecret");
    expect(out).not.toContain(":pw@");
    expect(out).toContain("smtp://u:***@mail");
  });
});

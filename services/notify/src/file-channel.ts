import fs from "node:fs/promises";
import path from "node:path";

export interface RenderedDigest {
  markdown: string;
  html: string;
}

/**
 * Writes a digest as Markdown and HTML under the outbox directory. Write-then-rename, so a reader
 * never sees half a file and a retried delivery overwrites with identical content.
 */
export async function writeDigestFiles(dir: string, name: string, digest: RenderedDigest): Promise<{ markdown: string; html: string }> {
  await fs.mkdir(dir, { recursive: true });
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, "_");
  const out = { markdown: path.join(dir, `${safe}.md`), html: path.join(dir, `${safe}.html`) };
  for (const [file, body] of [
    [out.markdown, digest.markdown],
    [out.html, digest.html],
  ] as const) {
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, body, "utf8");
    await fs.rename(tmp, file);
  }
  return out;
}

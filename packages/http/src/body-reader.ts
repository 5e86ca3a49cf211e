/**
 * Reads a response body with a hard cap on DECOMPRESSED bytes. We decompress ourselves, as a
 * stream, so a gzip/brotli/deflate bomb is stopped after `maxBytes` of output instead of after
 * it has filled memory: the moment the cap is crossed every stream in the chain is destroyed
 * (which also closes the socket). Raw (compressed) bytes are capped too.
 */
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream";
import zlib from "node:zlib";
import { HttpErrorCode, permanentHttp, transientHttp, whereOf } from "./errors.js";

function decoderFor(coding: string, url: string): Transform | null {
  // Lenient flush settings: a body whose compressed stream is merely truncated at the very end
  // still yields what arrived instead of failing (servers do this).
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case "identity":
    case "":
      return null;
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip(flush);
    case "deflate":
      // Unzip auto-detects the zlib wrapper; raw deflate (a common server bug) is rare enough to refuse.
      return zlib.createUnzip(flush);
    case "br":
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw permanentHttp(
        HttpErrorCode.badEncoding,
        `${whereOf(url)} sent the body with an unsupported Content-Encoding "${coding}".`,
        url,
      );
  }
}

/** Decoders for a Content-Encoding list, in the order they must be applied (reverse of listing). */
export function decodersFor(contentEncoding: string | null, url: string): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "");
  if (codings.length > 2) {
    throw permanentHttp(HttpErrorCode.badEncoding, `${whereOf(url)} stacked ${codings.length} content encodings.`, url);
  }
  return codings
    .reverse()
    .map((c) => decoderFor(c, url))
    .filter((d): d is Transform => d !== null);
}

/** Destroys a stream we are done with; a late "error" from it must not become an uncaught exception. */
export function destroyQuietly(stream: Readable): void {
  if (stream.destroyed) return;
  stream.on("error", () => {});
  stream.destroy();
}

export function tooLarge(url: string, maxBytes: number): Error {
  const mib = (maxBytes / 1024 / 1024).toFixed(1);
  return permanentHttp(HttpErrorCode.tooLarge, `The response from ${whereOf(url)} is larger than the ${mib} MiB limit.`, url);
}

/** Reads `body` through the decoders; throws too-large as soon as output passes `maxBytes`. */
export async function readCappedBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding, url);
  let rawBytes = 0;
  // Without decoders the output count below is the raw count; with them, count input as well.
  if (decoders.length > 0) {
    body.on("data", (chunk: Buffer) => {
      rawBytes += chunk.length;
      if (rawBytes > maxBytes) body.destroy(tooLarge(url, maxBytes));
    });
  }
  const streams = [body, ...decoders] as [Readable, ...Transform[]];
  const tail: Readable = decoders.length === 0 ? body : (pipeline(streams, () => {}) as unknown as Readable);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of tail) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(buf);
    }
  } catch (err) {
    throw mapStreamError(err, url);
  } finally {
    for (const s of streams) destroyQuietly(s);
  }
  return Buffer.concat(chunks, total);
}

/** zlib failures become a clear encoding error; anything else is left for the caller to map. */
function mapStreamError(err: unknown, url: string): unknown {
  const code = (err as { code?: string } | null)?.code ?? "";
  if (code.startsWith("Z_") || code.startsWith("ERR_BROTLI") || code.startsWith("ERR__ERROR")) {
    return transientHttp(HttpErrorCode.badEncoding, `The compressed body from ${whereOf(url)} is corrupt or truncated.`, url, err);
  }
  return err;
}

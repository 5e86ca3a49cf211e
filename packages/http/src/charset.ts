/**
 * Pure charset detection and decoding, following what browsers do (WHATWG Encoding):
 * byte-order mark first (it cannot lie about the bytes that follow), then the Content-Type
 * charset, then `<meta charset>` / `<meta http-equiv>` / the XML declaration in the first
 * 1024 bytes, then UTF-8. Labels go through the WHATWG label table, so "iso-8859-1", "latin1"
 * and "us-ascii" all mean windows-1252.
 */

const SNIFF_BYTES = 1024;

export interface CharsetSource {
  charset: string;
  source: "bom" | "header" | "meta" | "xml-declaration" | "default";
}

/**
 * Node 20's TextDecoder accepts "windows-1252" but decodes it as ISO-8859-1 (0x80-0x9F become C1
 * controls instead of curly quotes, euro, dashes), so that one table is done here.
 */
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd));
}

/** Canonical WHATWG encoding name for a label, or null when the label is unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label.trim().replace(/^["']|["']$/g, "").toLowerCase();
  if (cleaned === "") return null;
  try {
    return new TextDecoder(cleaned).encoding;
  } catch {
    return null;
  }
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)/i;
const XML_DECL_RE = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-zA-Z0-9_:.+-]+)["']/i;

/** Looks for a declared encoding in the first bytes (read as latin1, so any byte is one char). */
function sniffDeclared(bytes: Uint8Array): CharsetSource | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString("latin1");
  const xml = XML_DECL_RE.exec(head);
  const xmlCharset = normaliseCharset(xml?.[1]);
  if (xmlCharset) return { charset: asciiCompatible(xmlCharset), source: "xml-declaration" };
  const meta = META_CHARSET_RE.exec(head.replace(/<!--[\s\S]*?-->/g, ""));
  const metaCharset = normaliseCharset(meta?.[1]);
  if (metaCharset) return { charset: asciiCompatible(metaCharset), source: "meta" };
  return null;
}

/** A declaration we could read in ASCII cannot truthfully say UTF-16 (WHATWG: use UTF-8). */
function asciiCompatible(charset: string): string {
  if (charset === "utf-16le" || charset === "utf-16be") return "utf-8";
  if (charset === "x-user-defined") return "windows-1252";
  return charset;
}

export function detectCharset(bytes: Uint8Array, headerCharset: string | null): CharsetSource {
  const bom = sniffBom(bytes);
  if (bom) return { charset: bom, source: "bom" };
  const header = normaliseCharset(headerCharset);
  if (header && header !== "replacement") return { charset: header, source: "header" };
  return sniffDeclared(bytes) ?? { charset: "utf-8", source: "default" };
}

/** Decodes with the detected charset; malformed bytes become U+FFFD rather than throwing. */
export function decodeBody(bytes: Uint8Array, headerCharset: string | null): { text: string; charset: string } {
  const { charset } = detectCharset(bytes, headerCharset);
  if (charset === "windows-1252") return { text: decodeWindows1252(bytes), charset };
  // TextDecoder strips a BOM matching its own encoding, which is what we want.
  return { text: new TextDecoder(charset, { fatal: false }).decode(bytes), charset };
}

import fs from "node:fs";
import path from "node:path";
import { parseCsv } from "@radar/core";

/** One known initiative from an operator's file. */
export interface ImportRow {
  title: string;
  organisation: string | null;
  status: string | null;
  amount: string | null;
  url: string | null;
  notes: string | null;
}

const FIELDS = ["title", "organisation", "status", "amount", "url", "notes"] as const;
const ALIASES: Record<string, (typeof FIELDS)[number]> = { organization: "organisation", org: "organisation", trust: "organisation", link: "url", money: "amount", description: "notes" };

function toRow(record: Record<string, unknown>, where: string): ImportRow {
  const get = (k: string) => {
    const v = record[k];
    return v === undefined || v === null || String(v).trim() === "" ? null : String(v).trim();
  };
  const title = get("title");
  if (!title) throw new Error(`${where}: a title is required`);
  return { title, organisation: get("organisation"), status: get("status"), amount: get("amount"), url: get("url"), notes: get("notes") };
}

/** Reads a CSV (header row: title, organisation, status, amount, url, notes) or a JSON array. */
export function readImportFile(file: string): ImportRow[] {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  if (path.extname(file).toLowerCase() === ".json") {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of initiatives`);
    return data.map((r, i) => toRow(r as Record<string, unknown>, `${file} item ${i + 1}`));
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${file}: empty file`);
  const names = header.map((h) => {
    const k = h.trim().toLowerCase();
    return ALIASES[k] ?? k;
  });
  if (!names.includes("title")) throw new Error(`${file}: the header must name a title column (columns: ${FIELDS.join(", ")})`);
  return rows.map((cells, i) => toRow(Object.fromEntries(names.map((n, j) => [n, cells[j]])), `${file} line ${i + 2}`));
}

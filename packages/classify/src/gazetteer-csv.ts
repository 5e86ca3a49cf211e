import { parseCsv, permanent, type Region } from "@radar/core";
import { ICB_SUCCESSOR, NO_SINGLE_ICB_CODES, EXTRA_BODIES } from "./org-facts.js";

/** One NHS body the analyzer can name. */
export interface GazOrg {
  id: number;
  name: string;
  code: string | null;
  kind: string;
  region: Region | null;
  /** Short ICB name today ("West and North London"), or null when no single ICB applies. */
  icb: string | null;
  /** Short ICB name before April 2026 where it differs (kept for reasons/alternatives). */
  icbBefore: string | null;
  aliases: string[];
}

export { parseCsv };

/** "NHS North West London Integrated Care Board" → "North West London". */
export function shortIcbName(name: string): string {
  return name.replace(/^NHS\s+/, "").replace(/\s+Integrated Care Board$/, "").trim();
}

const REGION_SET = new Set(["London", "South East", "South West", "East of England", "Midlands", "North East and Yorkshire", "North West", "Scotland", "Wales", "Northern Ireland", "England"]);

export function readGazetteerRows(csvText: string): GazOrg[] {
  const rows = parseCsv(csvText);
  const header = rows.shift()?.map((h) => h.trim());
  const col = (n: string) => header?.indexOf(n) ?? -1;
  const [ci, ni, ki, ii, ri, ai] = ["code", "name", "kind", "icb", "region", "aliases"].map(col);
  if ([ci, ni, ki, ii, ri, ai].some((x) => x === undefined || x < 0)) throw permanent("gazetteer_header", "gazetteer CSV lacks code,name,kind,icb,region,aliases");
  const raw = rows.map((r) => ({
    code: r[ci!]?.trim() || null,
    name: (r[ni!] ?? "").trim(),
    kind: (r[ki!] ?? "").trim(),
    icb: (r[ii!] ?? "").trim(),
    region: (r[ri!] ?? "").trim(),
    aliases: (r[ai!] ?? "").split(";").map((a) => a.trim()).filter((a) => a.length > 0),
  }));
  const icbByName = new Map(raw.filter((r) => r.kind === "icb").map((r) => [r.name, r]));
  const icbByCode = new Map(raw.filter((r) => r.kind === "icb" && r.code).map((r) => [r.code!, r]));
  const orgs: GazOrg[] = raw.map((r, id) => {
    const region = REGION_SET.has(r.region) ? (r.region as Region) : null;
    let icb: string | null = null;
    let icbBefore: string | null = null;
    if (r.kind === "icb") {
      const succ = r.code ? ICB_SUCCESSOR[r.code] : undefined;
      const today = succ ? icbByCode.get(succ) : undefined;
      icb = shortIcbName(today?.name ?? r.name);
      icbBefore = today ? shortIcbName(r.name) : null;
    } else if (r.icb && r.kind !== "ambulance-trust" && !(r.code && NO_SINGLE_ICB_CODES.has(r.code))) {
      icb = icbByName.has(r.icb) ? shortIcbName(r.icb) : shortIcbName(r.icb);
    }
    return { id, name: r.name, code: r.code, kind: r.kind, region, icb, icbBefore, aliases: r.aliases };
  });
  for (const b of EXTRA_BODIES) {
    orgs.push({ id: orgs.length, name: b.name, code: null, kind: b.kind, region: b.region, icb: b.icb, icbBefore: null, aliases: b.aliases });
  }
  return orgs;
}

import type { OrgRef, Region } from "@radar/core";
import type { GazOrg, } from "./gazetteer-csv.js";
import type { Gazetteer, Mention } from "./gazetteer.js";
import { BACKREF_RE } from "./cues.js";
import { matchesOf } from "./text.js";

/**
 * Organisations of one story: salience-ranked mentions (heading and opening sentence weigh
 * more, back-references count for the body last named), plus inference from descriptions
 * ("the capital's ambulance service", "one of the city's major hospital trusts").
 */

export interface RankedOrgs {
  orgs: GazOrg[];
  reasons: string[];
}

const TRUST_KINDS = new Set(["trust", "foundation-trust", "ambulance-trust"]);

function compatible(word: string, o: GazOrg): boolean {
  const w = word.toLowerCase();
  if (w === "trust") return TRUST_KINDS.has(o.kind);
  if (w === "health board") return o.kind === "health-board";
  if (w === "board") return o.kind !== "region";
  return o.kind === "icb"; // ICB, ICS, integrated care board/system
}

export function rankOrgs(heading: string | null, text: string, headM: Mention[], bodyM: Mention[], firstLen: number): RankedOrgs {
  const score = new Map<number, number>();
  const first = new Map<number, number>();
  const byId = new Map<number, GazOrg>();
  const bump = (o: GazOrg, w: number, pos: number) => {
    score.set(o.id, (score.get(o.id) ?? 0) + w);
    if (!first.has(o.id)) first.set(o.id, pos);
    byId.set(o.id, o);
  };
  for (const m of headM) if (m.org && m.rank < 2) bump(m.org, m.rank === 0 ? 3 : 2, -1000 + m.start);
  let firstInOpening = true;
  for (const m of bodyM) {
    if (!m.org || m.rank >= 2) continue;
    let w = m.rank === 0 ? 1 : 0.6;
    if (m.start < firstLen) w += firstInOpening ? 3 : 1.5;
    if (m.start < firstLen) firstInOpening = false;
    bump(m.org, w, m.start);
  }
  const reasons: string[] = [];
  for (const br of matchesOf(BACKREF_RE, text)) {
    const pos = br.index ?? 0;
    const prior = [...bodyM].reverse().find((m) => m.org && m.rank < 2 && m.start < pos && compatible(br[1]!, m.org));
    if (prior?.org) bump(prior.org, 0.5, prior.start);
  }
  const orgs = [...byId.values()].sort((a, b) => (score.get(b.id)! - score.get(a.id)!) || first.get(a.id)! - first.get(b.id)!);
  if (orgs[0]) reasons.push(`primary org ${orgs[0].name} (salience ${score.get(orgs[0].id)!.toFixed(1)})`);
  // Keep the primary first; the rest in order of appearance.
  const rest = orgs.slice(1).sort((a, b) => first.get(a.id)! - first.get(b.id)!);
  return { orgs: orgs.length ? [orgs[0]!, ...rest] : [], reasons };
}

const AMBULANCE_RE = /\b(?:[Tt]he capital['’]s|([A-Z][a-z]+)['’]s|the region['’]s) ambulance service\b/;
const HOSPITAL_RE = /\b(?:hospital trusts?|(?:the )?city['’]s (?:major |main |largest )?(?:hospital|teaching hospital)s?(?: trusts?)?|(?:teaching|university) hospitals? trust)\b/i;

/** No body named: infer one from a description plus a place, when exactly one fits. */
export function inferOrg(gaz: Gazetteer, text: string, mentions: Mention[]): { org: GazOrg; reason: string } | null {
  const places = mentions.filter((m) => m.place).map((m) => m.place!);
  const amb = AMBULANCE_RE.exec(text);
  if (amb) {
    const region: Region | undefined = /^the capital/i.test(amb[0]) ? "London" : (places.find((p) => p.name === amb[1])?.region ?? places[0]?.region);
    const cands = gaz.orgs.filter((o) => o.kind === "ambulance-trust" && o.region === region);
    if (cands.length === 1) return { org: cands[0]!, reason: `"${amb[0]}" → ${cands[0]!.name}` };
  }
  if (HOSPITAL_RE.test(text)) {
    for (const p of places) {
      const re = new RegExp(`(?:^|\\s)${p.name}(?:\\s|$)`);
      const cands = gaz.orgs.filter((o) => TRUST_KINDS.has(o.kind) && o.kind !== "ambulance-trust" && re.test(o.name) && /Hospital/.test(o.name));
      if (cands.length === 1) return { org: cands[0]!, reason: `hospital trust in ${p.name} → ${cands[0]!.name}` };
    }
  }
  return null;
}

export function toOrgRef(o: GazOrg): OrgRef {
  return { name: o.name, code: o.code, kind: o.kind, icb: o.icb, region: o.region };
}

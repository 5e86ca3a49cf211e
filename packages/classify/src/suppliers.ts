import { permanent } from "@radar/core";
import { matchesOf } from "./text.js";

/** Supplier and product matching from seeds/suppliers.json with two combined regexes. */

interface SupplierSeed {
  name: string;
  aliases?: string[];
  exact?: string[];
  products?: string[];
}

export interface SupplierHit {
  supplier: string;
  product: string | null;
  text: string;
  index: number;
}

export interface SupplierIndex {
  find(text: string): SupplierHit[];
  names: Set<string>;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function combined(keys: string[], flags: string): RegExp | null {
  if (keys.length === 0) return null;
  const sorted = [...new Set(keys)].sort((a, b) => b.length - a.length).map(esc);
  // ASCII word boundaries: far cheaper than Unicode look-arounds, and supplier names are ASCII.
  return new RegExp(`\\b(?:${sorted.join("|")})\\b`, flags);
}

export function loadSuppliers(json: string): SupplierIndex {
  let seeds: SupplierSeed[];
  try {
    seeds = (JSON.parse(json) as { suppliers: SupplierSeed[] }).suppliers;
  } catch (err) {
    throw permanent("suppliers_json", "seeds/suppliers.json is not valid JSON", err);
  }
  const ci = new Map<string, { supplier: string; product: string | null }>();
  const cs = new Map<string, { supplier: string; product: string | null }>();
  for (const s of seeds) {
    for (const a of [s.name, ...(s.aliases ?? [])]) if (!s.exact || s.aliases?.includes(a)) ci.set(a.toLowerCase(), { supplier: s.name, product: null });
    for (const a of s.exact ?? []) cs.set(a, { supplier: s.name, product: null });
    // Product names are often ordinary words ("Teams", "Thrive"): match them with their case.
    for (const p of s.products ?? []) cs.set(p, { supplier: s.name, product: p });
  }
  const reCi = combined([...ci.keys()], "gi");
  const reCs = combined([...cs.keys()], "g");
  const names = new Set(seeds.map((s) => s.name));
  const cache = new Map<string, SupplierHit[]>();
  return {
    names,
    find(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      if (cache.size > 2000) cache.clear();
      const hits = findAll(text);
      cache.set(text, hits);
      return hits;
    },
  };
  function findAll(text: string): SupplierHit[] {
    const hits: SupplierHit[] = [];
    if (reCi) for (const m of matchesOf(reCi, text)) {
      const v = ci.get(m[0].toLowerCase());
      if (v) hits.push({ ...v, text: m[0], index: m.index ?? 0 });
    }
    if (reCs) for (const m of matchesOf(reCs, text)) {
      const v = cs.get(m[0]);
      if (v) hits.push({ ...v, text: m[0], index: m.index ?? 0 });
    }
    return hits.sort((a, b) => a.index - b.index);
  }
}

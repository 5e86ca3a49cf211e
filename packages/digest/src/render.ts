import type { Digest, DigestEntry } from "./compose.js";

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

function meta(e: DigestEntry): string[] {
  const i = e.initiative;
  const parts = [
    i.orgs.length ? i.orgs.join(", ") : null,
    [i.region, i.icb ? `${i.icb} ICB` : null].filter(Boolean).join(" · ") || null,
    i.status ? `status: ${i.status.replace(/-/g, " ")}` : null,
    i.money.length ? i.money.map((m) => pounds.format(m.pounds)).join(", ") : null,
    i.themes.length ? `themes: ${i.themes.join(", ")}` : null,
  ];
  return parts.filter((p): p is string => p !== null);
}

export function renderMarkdown(d: Digest): string {
  const lines = [`# ${d.title}`, "", `${d.entries.length} initiative(s), ${d.windowStart} – ${d.windowEnd}`, ""];
  for (const e of d.entries) {
    lines.push(`## ${e.change === "new" ? "New" : "Updated"}: ${e.initiative.title}`, "");
    for (const m of meta(e)) lines.push(`- ${m}`);
    for (const c of e.changes) lines.push(`- ${c}`);
    const sources = [...new Set(e.initiative.mentions.map((m) => m.source))];
    if (sources.length) lines.push(`- reported in: ${sources.join(", ")}`);
    lines.push("");
  }
  if (d.entries.length === 0) lines.push("Nothing new in this window.", "");
  return lines.join("\n");
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Story text comes from the open internet: everything is escaped, links only http(s). */
export function renderHtml(d: Digest): string {
  const safeHref = (u: string) => (/^https?:\/\//i.test(u) ? escapeHtml(u) : "#");
  const entries = d.entries
    .map((e) => {
      const items = [...meta(e), ...e.changes].map((m) => `<li>${escapeHtml(m)}</li>`).join("");
      const sources = [...new Set(e.initiative.mentions.map((m) => m.source))]
        .map((u) => `<a href="${safeHref(u)}">${escapeHtml(u)}</a>`)
        .join(", ");
      return `<section><h2>${e.change === "new" ? "New" : "Updated"}: ${escapeHtml(e.initiative.title)}</h2><ul>${items}</ul>${
        sources ? `<p>Reported in: ${sources}</p>` : ""
      }</section>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title></head><body><h1>${escapeHtml(
    d.title,
  )}</h1><p>${d.entries.length} initiative(s), ${escapeHtml(d.windowStart)} – ${escapeHtml(d.windowEnd)}</p>\n${entries || "<p>Nothing new in this window.</p>"}</body></html>\n`;
}

/**
 * Turns each seeds/articles/NNN_*.txt into NNN_*.html shaped like an HTN WordPress article page,
 * so extraction, the fixture site and benchmarks work on realistic markup.
 * Run: npx tsx scripts/make-seed-html.ts   (idempotent; the .html files are committed)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { excerptOf, slugify, toBlocks } from "../packages/fixture-site/src/seed-text.js";
import { renderPostPage } from "../packages/fixture-site/src/wordpress-page.js";

const ARTICLES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "seeds", "articles");
const SITE = "https://htn.co.uk";

interface SeedMeta {
  title: string;
  publishedAt: string;
  author: string;
  categories: string[];
  tags: string[];
  postId: number;
}

// Titles as the articles were published (eval/seeds-gold.json); dates and bylines are plausible
// stand-ins: the seed texts carry none (002's "Jun 23" badge gives its day).
const META: Record<string, SeedMeta> = {
  "000": {
    title: "NHS Trust Region Series: London",
    publishedAt: "2025-07-14T08:45:00+01:00",
    author: "Hannah Crouch",
    categories: ["Features", "Regional Series"],
    tags: ["London", "Digital Strategy", "AI", "EPR"],
    postId: 188412,
  },
  "001": {
    title: "ICS region series: London",
    publishedAt: "2025-03-11T09:10:00+00:00",
    author: "Ellie Boyd",
    categories: ["Features", "Regional Series"],
    tags: ["London", "ICS", "Shared Care Record", "Cloud"],
    postId: 181037,
  },
  "002": {
    title: "NHS Trusts Drive Forward with Major Digital Infrastructure and AI Investments",
    publishedAt: "2025-06-23T11:30:00+01:00",
    author: "Sam Rowe",
    categories: ["News"],
    tags: ["EPR", "AI", "Infrastructure"],
    postId: 186950,
  },
  "003": {
    title: "Innovation, digital skills and digital infrastructure highlighted in Barts Health Group Clinical Strategy",
    publishedAt: "2025-05-20T07:55:00+01:00",
    author: "Hannah Crouch",
    categories: ["News", "Strategy"],
    tags: ["Barts Health", "Clinical Strategy", "Digital Skills"],
    postId: 185201,
  },
  "004": {
    title: "West and North London ICB shares strategy development",
    publishedAt: "2025-02-18T10:20:00+00:00",
    author: "Ellie Boyd",
    categories: ["News", "Strategy"],
    tags: ["ICB", "Interoperability", "London"],
    postId: 179866,
  },
};

/** WordPress permalink: /yyyy/mm/dd/slug/ in the site's own time zone (UK). */
function permalink(meta: SeedMeta): string {
  const local = meta.publishedAt.slice(0, 10).split("-");
  return `${SITE}/${local[0]}/${local[1]}/${local[2]}/${slugify(meta.title)}/`;
}

function main(): void {
  const files = readdirSync(ARTICLES_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
  const known = files.filter((f) => META[f.slice(0, 3)] !== undefined);
  const metas = known.map((f) => META[f.slice(0, 3)]!);
  for (const file of known) {
    const meta = META[file.slice(0, 3)]!;
    const blocks = toBlocks(readFileSync(join(ARTICLES_DIR, file), "utf8"), meta.title);
    const related = metas.filter((m) => m !== meta).slice(0, 3).map((m) => ({ title: m.title, url: permalink(m) }));
    const html = renderPostPage({
      ...meta,
      url: permalink(meta),
      excerpt: excerptOf(blocks),
      blocks,
      related,
      siteUrl: SITE,
    });
    const out = file.replace(/\.txt$/, ".html");
    writeFileSync(join(ARTICLES_DIR, out), html);
    const counts = blocks.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b.type]: (acc[b.type] ?? 0) + 1 }), {});
    console.log(`${out}: ${permalink(meta)} ${JSON.stringify(counts)}`);
  }
  for (const f of files.filter((f) => !known.includes(f))) console.warn(`${f}: no metadata in META, skipped`);
}

main();

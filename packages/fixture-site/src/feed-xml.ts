import type { SitePost } from "./site-content.js";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** CDATA cannot contain "]]>"; split it across two sections. */
const cdata = (s: string) => `<![CDATA[${s.split("]]>").join("]]]]><![CDATA[>")}]]>`;

function item(post: SitePost, siteUrl: string): string {
  return `    <item>
      <title>${escapeXml(post.title)}</title>
      <link>${escapeXml(siteUrl + post.path)}</link>
      <comments>${escapeXml(siteUrl + post.path)}#respond</comments>
      <dc:creator>${cdata(post.author)}</dc:creator>
      <pubDate>${new Date(post.publishedAt).toUTCString().replace("GMT", "+0000")}</pubDate>
${post.categories.map((c) => `      <category>${cdata(c)}</category>`).join("\n")}
      <guid isPermaLink="false">${escapeXml(`${siteUrl}/?p=${post.postId}`)}</guid>
      <description>${cdata(`<p>${escapeXml(post.excerpt)}</p>`)}</description>
    </item>`;
}

/** RSS 2.0 in the shape WordPress emits (namespaces, atom:link self, sy:updatePeriod). Newest first. */
export function buildFeed(posts: SitePost[], siteUrl: string): string {
  const sorted = [...posts].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  const lastBuild = sorted[0] ? new Date(sorted[0].publishedAt) : new Date(Date.UTC(2025, 0, 1));
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
  xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
  <channel>
    <title>HTN Health Tech News</title>
    <atom:link href="${escapeXml(siteUrl)}/feed/" rel="self" type="application/rss+xml" />
    <link>${escapeXml(siteUrl)}/</link>
    <description>Health Tech News: the latest digital health and care news</description>
    <lastBuildDate>${lastBuild.toUTCString().replace("GMT", "+0000")}</lastBuildDate>
    <language>en-GB</language>
    <sy:updatePeriod>hourly</sy:updatePeriod>
    <sy:updateFrequency>1</sy:updateFrequency>
    <generator>https://wordpress.org/?v=6.5.2</generator>
${sorted.map((p) => item(p, siteUrl)).join("\n")}
  </channel>
</rss>
`;
}

/** Newest publish time among the posts: the feed's Last-Modified. */
export function newestDate(posts: SitePost[]): Date {
  const times = posts.map((p) => Date.parse(p.publishedAt)).filter((t) => !Number.isNaN(t));
  return new Date(times.length ? Math.max(...times) : Date.UTC(2025, 0, 1));
}

const newestFirst = (posts: SitePost[]) => [...posts].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));

/** Atom 1.0 as WordPress serves it at /feed/atom/. */
export function buildAtomFeed(posts: SitePost[], siteUrl: string): string {
  const sorted = newestFirst(posts);
  const entries = sorted.map((p) => `  <entry>
    <author><name>${escapeXml(p.author)}</name></author>
    <title type="html">${cdata(p.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(siteUrl + p.path)}" />
    <id>${escapeXml(`${siteUrl}/?p=${p.postId}`)}</id>
    <updated>${new Date(p.publishedAt).toISOString()}</updated>
    <published>${new Date(p.publishedAt).toISOString()}</published>
${p.categories.map((c) => `    <category scheme="${escapeXml(siteUrl)}" term="${escapeXml(c)}" />`).join("\n")}
    <summary type="html">${cdata(p.excerpt)}</summary>
  </entry>`);
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title type="text">HTN Health Tech News</title>
  <updated>${newestDate(posts).toISOString()}</updated>
  <link rel="alternate" type="text/html" href="${escapeXml(siteUrl)}/" />
  <id>${escapeXml(siteUrl)}/feed/atom/</id>
  <link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl)}/feed/atom/" />
${entries.join("\n")}
</feed>
`;
}

/** RSS 1.0 (RDF) as WordPress serves it at /feed/rdf/. */
export function buildRdfFeed(posts: SitePost[], siteUrl: string): string {
  const sorted = newestFirst(posts);
  const seq = sorted.map((p) => `      <rdf:li rdf:resource="${escapeXml(siteUrl + p.path)}"/>`).join("\n");
  const items = sorted.map((p) => `<item rdf:about="${escapeXml(siteUrl + p.path)}">
  <title>${escapeXml(p.title)}</title>
  <link>${escapeXml(siteUrl + p.path)}</link>
  <dc:creator>${cdata(p.author)}</dc:creator>
  <dc:date>${new Date(p.publishedAt).toISOString()}</dc:date>
${p.categories.map((c) => `  <dc:subject>${cdata(c)}</dc:subject>`).join("\n")}
  <description>${cdata(p.excerpt)}</description>
</item>`);
  return `<?xml version="1.0" encoding="UTF-8"?><rdf:RDF
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:admin="http://webns.net/mvcb/">
<channel rdf:about="${escapeXml(siteUrl)}/feed/rdf/">
  <title>HTN Health Tech News</title>
  <link>${escapeXml(siteUrl)}/</link>
  <description>Health Tech News: the latest digital health and care news</description>
  <dc:date>${newestDate(posts).toISOString()}</dc:date>
  <items>
    <rdf:Seq>
${seq}
    </rdf:Seq>
  </items>
</channel>
${items.join("\n")}
</rdf:RDF>
`;
}

import type { BodyBlock } from "./seed-text.js";
import { slugify } from "./seed-text.js";

/** What a WordPress single-post page shows; rendered the way HTN's theme lays it out. */
export interface PostPage {
  postId: number;
  title: string;
  /** Absolute canonical URL, e.g. https://htn.co.uk/2025/06/23/slug/ */
  url: string;
  /** ISO 8601 with offset. */
  publishedAt: string;
  author: string;
  categories: string[];
  tags: string[];
  excerpt: string;
  blocks: BodyBlock[];
  related: { title: string; url: string }[];
  /** Origin used for site links (header, categories, sidebar). */
  siteUrl: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const DISPLAY_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function head(p: PostPage): string {
  const e = escapeHtml;
  const jsonLd = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: p.title,
    description: p.excerpt,
    datePublished: p.publishedAt,
    dateModified: p.publishedAt,
    author: { "@type": "Person", name: p.author, url: `${p.siteUrl}/author/${slugify(p.author)}/` },
    publisher: { "@type": "Organization", name: "HTN Health Tech News", logo: { "@type": "ImageObject", url: `${p.siteUrl}/wp-content/uploads/2021/03/htn-logo.png` } },
    mainEntityOfPage: { "@type": "WebPage", "@id": p.url },
    articleSection: p.categories,
    keywords: p.tags.join(", "),
  }).replace(/</g, "\\u003c");
  return `<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)} - HTN Health Tech News</title>
<meta name="description" content="${e(p.excerpt)}">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="${e(p.url)}">
<link rel="shortlink" href="${p.siteUrl}/?p=${p.postId}">
<link rel="alternate" type="application/rss+xml" title="HTN Health Tech News &raquo; Feed" href="${p.siteUrl}/feed/">
<meta property="og:locale" content="en_GB">
<meta property="og:type" content="article">
<meta property="og:title" content="${e(p.title)}">
<meta property="og:description" content="${e(p.excerpt)}">
<meta property="og:url" content="${e(p.url)}">
<meta property="og:site_name" content="HTN Health Tech News">
<meta property="article:published_time" content="${p.publishedAt}">
<meta property="article:modified_time" content="${p.publishedAt}">
${p.categories.map((c) => `<meta property="article:section" content="${e(c)}">`).join("\n")}
<meta name="author" content="${e(p.author)}">
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">${jsonLd}</script>
<link rel="stylesheet" id="htn-style-css" href="${p.siteUrl}/wp-content/themes/htn/style.css?ver=6.5.2" media="all">
<script src="${p.siteUrl}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
<style>.cookie-notice-hidden{display:none}.screen-reader-text{position:absolute;left:-9999px}</style>
</head>`;
}

function siteHeader(siteUrl: string): string {
  const menu = ["News", "Interviews", "Features", "Events", "Awards", "Podcasts", "Jobs", "Subscribe"]
    .map((m) => `<li class="menu-item menu-item-type-taxonomy"><a href="${siteUrl}/category/${slugify(m)}/">${m}</a></li>`)
    .join("\n      ");
  return `<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
  <div class="site-branding">
    <a href="${siteUrl}/" class="custom-logo-link" rel="home"><img src="${siteUrl}/wp-content/uploads/2021/03/htn-logo.png" class="custom-logo" alt="HTN Health Tech News"></a>
    <p class="site-description">Health Tech News: the latest digital health and care news</p>
  </div>
  <nav id="site-navigation" class="main-navigation" aria-label="Primary menu">
    <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
    <ul id="primary-menu" class="menu">
      ${menu}
    </ul>
  </nav>
  <form role="search" method="get" class="search-form" action="${siteUrl}/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></label><input type="submit" class="search-submit" value="Search"></form>
</header>
<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice">
  <div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button" aria-label="Ok">Ok</a><a href="${siteUrl}/privacy-policy/" target="_blank" id="cn-more-info" class="cn-more-info cn-button">Privacy policy</a></span></div>
</div>`;
}

function bodyHtml(blocks: BodyBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === "ul") return `<ul class="wp-block-list">\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`;
      if (b.type === "p") return `<p>${escapeHtml(b.text)}</p>`;
      return `<${b.type} class="wp-block-heading">${escapeHtml(b.text)}</${b.type}>`;
    })
    .join("\n\n");
}

function termLinks(siteUrl: string, base: "category" | "tag", names: string[], rel: string): string {
  return names.map((n) => `<a href="${siteUrl}/${base}/${slugify(n)}/" rel="${rel}">${escapeHtml(n)}</a>`).join(", ");
}

function articleHtml(p: PostPage): string {
  const classes = ["post-" + p.postId, "post", "type-post", "status-publish", "format-standard", "has-post-thumbnail", "hentry",
    ...p.categories.map((c) => `category-${slugify(c)}`), ...p.tags.map((t) => `tag-${slugify(t)}`)].join(" ");
  const authorUrl = `${p.siteUrl}/author/${slugify(p.author)}/`;
  return `<article id="post-${p.postId}" class="${classes}">
  <header class="entry-header">
    <div class="entry-categories">${termLinks(p.siteUrl, "category", p.categories, "category tag")}</div>
    <h1 class="entry-title">${escapeHtml(p.title)}</h1>
    <div class="entry-meta">
      <span class="byline">By <span class="author vcard"><a class="url fn n" href="${authorUrl}">${escapeHtml(p.author)}</a></span></span>
      <span class="posted-on"><time class="entry-date published" datetime="${p.publishedAt}">${DISPLAY_DATE.format(new Date(p.publishedAt))}</time><time class="updated" datetime="${p.publishedAt}">${DISPLAY_DATE.format(new Date(p.publishedAt))}</time></span>
    </div>
  </header>
  <div class="post-thumbnail"><img width="1024" height="576" src="${p.siteUrl}/wp-content/uploads/2025/01/${slugify(p.title).slice(0, 40)}.jpg" class="attachment-large size-large wp-post-image" alt="" decoding="async"></div>
  <div class="entry-content">
${bodyHtml(p.blocks)}
  </div>
  <footer class="entry-footer"><span class="tags-links">Tagged ${termLinks(p.siteUrl, "tag", p.tags, "tag")}</span></footer>
  <div class="share-bar sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul>
    <li class="share-linkedin"><a rel="nofollow noopener noreferrer" href="https://www.linkedin.com/shareArticle?url=${encodeURIComponent(p.url)}" target="_blank">LinkedIn</a></li>
    <li class="share-x"><a rel="nofollow noopener noreferrer" href="https://x.com/intent/post?url=${encodeURIComponent(p.url)}" target="_blank">X</a></li>
    <li class="share-email"><a rel="nofollow" href="mailto:?subject=${encodeURIComponent(p.title)}&amp;body=${encodeURIComponent(p.url)}">Email</a></li>
  </ul></div>
</article>`;
}

function afterArticle(p: PostPage): string {
  const related = p.related.map((r) => `<li class="related-post"><a href="${escapeHtml(r.url)}" rel="bookmark">${escapeHtml(r.title)}</a></li>`).join("\n    ");
  return `<section id="related-posts" class="related-posts"><h3 class="related-posts-title">Related posts</h3>
  <ul>
    ${related}
  </ul>
</section>
<div id="comments" class="comments-area">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
    <form action="${p.siteUrl}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
      <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
      <p class="comment-form-comment"><label for="comment">Comment *</label><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
      <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"><input type="hidden" name="comment_post_ID" value="${p.postId}"></p>
    </form>
  </div>
</div>`;
}

function sidebarAndFooter(p: PostPage): string {
  const recent = p.related.map((r) => `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a></li>`).join("\n      ");
  return `<aside id="secondary" class="widget-area">
  <section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="${p.siteUrl}/"><input type="search" class="search-field" name="s"></form></section>
  <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
    <ul>
      ${recent}
    </ul>
  </section>
  <section id="text-3" class="widget widget_text"><h2 class="widget-title">Subscribe to HTN Now</h2><div class="textwidget"><p>Sign up to our newsletter for the latest health tech news, interviews and events, straight to your inbox.</p><p><a class="button" href="${p.siteUrl}/subscribe/">Subscribe</a></p></div></section>
</aside>
</div><!-- #content -->
<footer id="colophon" class="site-footer">
  <nav class="footer-navigation"><ul><li><a href="${p.siteUrl}/about/">About</a></li><li><a href="${p.siteUrl}/contact/">Contact</a></li><li><a href="${p.siteUrl}/privacy-policy/">Privacy Policy</a></li><li><a href="${p.siteUrl}/advertise/">Advertise</a></li></ul></nav>
  <div class="site-info">&copy; ${new Date(p.publishedAt).getUTCFullYear()} HTN Health Tech News. All rights reserved.</div>
</footer>`;
}

/** A complete single-post page: doctype, head metadata, site chrome, article, widgets, footer. */
export function renderPostPage(p: PostPage): string {
  const bodyClass = `post-template-default single single-post postid-${p.postId} single-format-standard wp-embed-responsive`;
  return `<!DOCTYPE html>
<html lang="en-GB">
${head(p)}
<body class="${bodyClass}">
<div id="page" class="site">
${siteHeader(p.siteUrl)}
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
${articleHtml(p)}
${afterArticle(p)}
</main>
</div>
${sidebarAndFooter(p)}
</div><!-- #page -->
<script src="${p.siteUrl}/wp-content/plugins/cookie-notice/js/front.min.js?ver=2.4.16" id="cookie-notice-front-js"></script>
</body>
</html>
`;
}

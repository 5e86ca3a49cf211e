export { extractText } from "./text-extract.js";
export { extractHtml, extractHtmlReport, MAX_BODY_CHARS, MAX_HTML_CHARS } from "./html-extract.js";
export type { ExtractHints, ExtractReport, HtmlOptions } from "./html-extract.js";
export { extractArticle, extractArticleReport, looksLikeHtml } from "./extract-article.js";
export type { ExtractOptions } from "./extract-article.js";
export { bodyF1, blocksToText } from "./body-f1.js";
export { benchExtract, syntheticArticlePage } from "./bench.js";

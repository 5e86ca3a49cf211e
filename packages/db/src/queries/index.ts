export * from "./articles.js";
export * from "./items.js";
export * from "./candidates.js";
export * from "./apply.js";
export * from "./sources.js";
export * from "./initiatives.js";
export * from "./digests.js";
export * from "./progress.js";

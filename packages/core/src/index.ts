export * from "./article.js";
export * from "./item.js";
export * from "./initiative.js";
export * from "./jobs.js";
export * from "./events.js";
export * from "./errors.js";
export * from "./hash.js";
export * from "./csv.js";

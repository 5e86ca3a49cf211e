export * from "./compose.js";
export * from "./render.js";

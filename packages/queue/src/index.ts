export * from "./catalog.js";
export * from "./connection.js";
export * from "./producer.js";
export * from "./worker.js";
export * from "./status.js";
export * from "./redis-bootstrap.js";

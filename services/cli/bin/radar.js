#!/usr/bin/env node
// radar runs from TypeScript source through tsx's loader: no build step between a checkout and
// a working command.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

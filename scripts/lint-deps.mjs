#!/usr/bin/env node
// Dependency-direction lint for the radar workspaces (plain Node, no dependencies).
//
//   node scripts/lint-deps.mjs [repo-root]
//
// Scans every .ts file under packages/*/src and services/*/src and prints one line per
// violation ("file:line: message"), then "lint-deps: N files, M violations"; exits 1 if M > 0.
// Rules (why: pure packages stay testable without servers, services stay independently
// deployable, and the cli is the only place that wires services together):
//   b. packages never import services (@radar/svc-*, @radar/cli, or a relative path into services/)
//   c. pure packages (radar.pure=true) import no infrastructure (network, DB, queue, logging)
//      and no non-pure workspace; node:fs is allowed (seed loaders). Test files are exempt.
//   d. only services/cli imports other services
//   e. every imported @radar/* or third-party package is listed in the workspace's dependencies
//      (type-only imports too); test files (and *.test-helpers.ts shared by them) may use
//      devDependencies and root-level test tooling
//   f. no relative import climbs out of its workspace into another workspace
import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";

const WORKSPACE_GROUPS = ["packages", "services"];
const SOURCE_EXT = /\.(ts|mts|cts)$/;
const TEST_FILE = /\.test(-helpers)?\.(ts|mts|cts)$/;
const INFRA_PACKAGES = new Set(["bullmq", "ioredis", "pg", "@electric-sql/pglite", "drizzle-orm", "undici", "pino"]);
const INFRA_BUILTINS = new Set(["http", "https", "net", "dns", "tls", "child_process", "http2", "dgram"]);
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "")));

// ---------------------------------------------------------------------------------------------
// Workspaces

/** @returns {Array<{name:string, dir:string, group:string, pure:boolean, deps:Set<string>, devDeps:Set<string>}>} */
function loadWorkspaces(root) {
  const list = [];
  for (const group of WORKSPACE_GROUPS) {
    const groupDir = path.join(root, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const entry of fs.readdirSync(groupDir, { withFileTypes: true })) {
      const manifest = path.join(groupDir, entry.name, "package.json");
      if (!entry.isDirectory() || !fs.existsSync(manifest)) continue;
      const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
      list.push({
        name: pkg.name,
        dir: path.join(groupDir, entry.name),
        group,
        pure: pkg.radar?.pure === true,
        deps: new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })),
        devDeps: new Set(Object.keys(pkg.devDependencies ?? {})),
      });
    }
  }
  return list;
}

function listSources(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE_EXT.test(entry.name)) out.push(full);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// Import extraction

/**
 * Returns the source with comments and the contents of string, template and regex literals
 * blanked to spaces of the same length (quotes kept), so offsets still match the original text
 * and nothing inside a comment or a string looks like an import.
 */
function maskSource(src) {
  // prev: last significant code character, to tell a regex from a division;
  // braces: brace depth at each `${` of an open template literal.
  const st = { src, out: src.split(""), i: 0, prev: "", depth: 0, braces: [] };
  while (st.i < src.length) {
    const c = src[st.i];
    const n = src[st.i + 1];
    if (c === "/" && n === "/") skipUntil(st, "\n", 0);
    else if (c === "/" && n === "*") skipUntil(st, "*/", 2);
    else if (c === '"' || c === "'") quoted(st, c);
    else if (c === "`") {
      st.i++;
      templateBody(st);
    }
    else if (c === "/" && startsRegex(st.prev, src, st.i)) regexLiteral(st);
    else code(st, c);
  }
  return st.out.join("");
}

function blank(st, i) {
  if (st.out[i] !== undefined && st.out[i] !== "\n") st.out[i] = " ";
}

/** Blanks from i up to `end` (plus `keep` characters of it: the closing of a block comment). */
function skipUntil(st, end, keep) {
  const at = st.src.indexOf(end, st.i + 2);
  const stop = at === -1 ? st.src.length : at + keep;
  while (st.i < stop) blank(st, st.i++);
}

function quoted(st, quote) {
  st.i++;
  while (st.i < st.src.length && st.src[st.i] !== quote && st.src[st.i] !== "\n") {
    if (st.src[st.i] === "\\") blank(st, st.i++);
    blank(st, st.i++);
  }
  st.i++;
  st.prev = quote;
}

/** Template text from i up to the closing backtick or the next `${`. */
function templateBody(st) {
  const { src } = st;
  while (st.i < src.length) {
    if (src[st.i] === "\\") {
      blank(st, st.i++);
      blank(st, st.i++);
    } else if (src[st.i] === "`") {
      st.i++;
      st.prev = "`";
      return;
    } else if (src[st.i] === "$" && src[st.i + 1] === "{") {
      st.braces.push(st.depth++);
      st.i += 2;
      st.prev = "{";
      return;
    } else blank(st, st.i++);
  }
}

function regexLiteral(st) {
  const { src } = st;
  let inClass = false;
  st.i++;
  while (st.i < src.length && src[st.i] !== "\n" && (inClass || src[st.i] !== "/")) {
    if (src[st.i] === "\\") blank(st, st.i++);
    else if (src[st.i] === "[") inClass = true;
    else if (src[st.i] === "]") inClass = false;
    blank(st, st.i++);
  }
  st.i++;
  st.prev = "/";
}

function code(st, c) {
  if (c === "{") st.depth++;
  else if (c === "}") {
    st.depth--;
    if (st.braces.length && st.braces[st.braces.length - 1] === st.depth) {
      st.braces.pop(); // the `}` closing a template's `${`: back to template text
      st.i++;
      templateBody(st);
      return;
    }
  }
  if (!/\s/.test(c)) st.prev = /[\w$]/.test(c) ? wordBefore(st.src, st.i + 1) : c;
  st.i++;
}

const REGEX_AFTER_WORD = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

function startsRegex(prev, src, i) {
  if (src[i + 1] === "/" || src[i + 1] === "*") return false;
  if (prev === "" || "(,=:[!&|?{};+-*%<>~^".includes(prev)) return true;
  return REGEX_AFTER_WORD.has(prev);
}

/** The identifier ending at `end` when it is a keyword that may precede a regex; otherwise "a". */
function wordBefore(src, end) {
  let start = end;
  while (start > 0 && /[\w$]/.test(src[start - 1])) start--;
  const word = src.slice(start, end);
  return REGEX_AFTER_WORD.has(word) ? word : "a";
}

// Matched against the masked text; the specifier is read back from the original text.
const IMPORT_PATTERNS = [
  // import x from "y"; import type { X } from "y"; export { a } from "y"; export * as ns from "y"
  { re: /(?<![\w$.])(import|export)(\s+type(?![\w$]))?[\w$\s{},*]*?(?<![\w$])from\s*(["'])/g, kind: "static" },
  // import "y" (side effects only)
  { re: /(?<![\w$.])import\s*(["'])/g, kind: "side-effect" },
  // import("y"), typeof import("y"), require("y")
  { re: /(?<![\w$.])(?:import|require)\s*\(\s*(["'])/g, kind: "dynamic" },
];

/** @returns {Array<{spec:string, line:number, typeOnly:boolean}>} */
export function extractImports(src) {
  const masked = maskSource(src);
  const found = new Map();
  for (const { re, kind } of IMPORT_PATTERNS) {
    for (const m of masked.matchAll(re)) {
      const open = m.index + m[0].length; // first character after the opening quote
      const close = masked.indexOf(m[0].at(-1), open);
      if (close === -1) continue;
      const line = src.slice(0, m.index).split("\n").length;
      const typeOnly = kind === "static" && Boolean(m[2]);
      if (!found.has(open)) found.set(open, { spec: src.slice(open, close), line, typeOnly });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------------------------
// Rules

function packageName(spec) {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isBuiltin(spec) {
  if (spec.startsWith("node:")) return true;
  return BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0]);
}

const isService = (ws) => ws.group === "services";
const within = (dir, file) => file === dir || file.startsWith(dir + path.sep);

function checkImport(ctx, imp) {
  const { file, ws, byName, workspaces, isTest } = ctx;
  const problems = [];
  const spec = imp.spec;
  if (spec.startsWith(".") || spec.startsWith("/")) {
    const target = path.resolve(path.dirname(file), spec);
    const owner = workspaces.find((w) => within(w.dir, target));
    if (ws.group === "packages" && within(path.join(ctx.root, "services"), target)) {
      problems.push(`packages must not import services: relative import "${spec}" reaches into services/`);
    } else if (owner && owner !== ws) {
      problems.push(`relative import "${spec}" climbs into workspace ${owner.name}; import "${owner.name}" instead`);
    }
    return problems;
  }
  if (isBuiltin(spec)) {
    const base = spec.replace(/^node:/, "").split("/")[0];
    if (ws.pure && !isTest && INFRA_BUILTINS.has(base)) {
      problems.push(`pure package ${ws.name} must not import "${spec}" (network/process I/O)`);
    }
    return problems;
  }
  const name = packageName(spec);
  if (name === ws.name) return problems; // self-reference through the package's own exports
  const target = byName.get(name);
  if (name.startsWith("@radar/") && !target) problems.push(`"${name}" is not a workspace package`);
  if (target && isService(target)) {
    if (ws.group === "packages") problems.push(`packages must not import services: "${name}"`);
    else if (ws.name !== "@radar/cli") problems.push(`only @radar/cli may import other services: "${name}"`);
  }
  if (ws.pure && !isTest) {
    if (INFRA_PACKAGES.has(name)) problems.push(`pure package ${ws.name} must not import infrastructure "${spec}"`);
    else if (target && !target.pure && !isService(target)) problems.push(`pure package ${ws.name} must not import non-pure workspace "${name}"`);
  }
  problems.push(...checkListed(ws, name, isTest, imp.typeOnly));
  return problems;
}

function checkListed(ws, name, isTest, typeOnly) {
  if (ws.deps.has(name)) return [];
  const isWorkspace = name.startsWith("@radar/");
  if (isTest && (!isWorkspace || ws.devDeps.has(name))) return []; // test tooling lives at the root
  const what = typeOnly ? "type-only import" : "import";
  if (ws.devDeps.has(name)) return [`${what} of "${name}" is listed only in devDependencies of ${ws.name}; move it to dependencies`];
  return [`${what} of "${name}" is not listed in dependencies of ${ws.name}`];
}

// ---------------------------------------------------------------------------------------------

function main() {
  const ROOT = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const workspaces = loadWorkspaces(ROOT);
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const lines = [];
  let files = 0;
  for (const ws of workspaces) {
    for (const file of listSources(path.join(ws.dir, "src"))) {
      files++;
      const ctx = { root: ROOT, file, ws, byName, workspaces, isTest: TEST_FILE.test(file) };
      for (const imp of extractImports(fs.readFileSync(file, "utf8"))) {
        for (const msg of checkImport(ctx, imp)) lines.push(`${path.relative(ROOT, file)}:${imp.line}: ${msg}`);
      }
    }
  }
  for (const line of lines) process.stdout.write(line + "\n");
  process.stdout.write(`lint-deps: ${files} files, ${lines.length} violations\n`);
  process.exitCode = lines.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

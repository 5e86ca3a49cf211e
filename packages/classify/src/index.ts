export { createAnalyzer, analyzerVersion, CODE_VERSION, type Analyzer, type SeedTexts } from "./analyze.js";
export { loadSeedFiles } from "./seeds-loader.js";
export { loadGazetteer, type Gazetteer, type Mention } from "./gazetteer.js";
export { shortIcbName, type GazOrg } from "./gazetteer-csv.js";
export { parseMoney, parsePeriods, parseFigures, detectStatus } from "./entities.js";
export { segment, type Segment, type Probe } from "./segment.js";
export { loadTaxonomy, type ThemeModel } from "./themes.js";
export { loadSuppliers, type SupplierIndex } from "./suppliers.js";

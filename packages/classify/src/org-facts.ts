/**
 * Facts about NHS bodies the gazetteer CSV does not carry as columns: successors of the ICBs
 * abolished on 1 April 2026 (from the gazetteer README), trusts with no single ICB, and
 * national bodies / partnerships that news names but the CSV leaves out.
 */

/** Abolished ICB code → successor code. Split ICBs (QM7, QJG, QNQ) have no single successor. */
export const ICB_SUCCESSOR: Record<string, string> = {
  QHG: "S1Y5D",
  QUE: "S1Y5D",
  QH8: "D7T5G",
  QMM: "T6Y0W",
  QMJ: "Z9B2Z",
  QRV: "Z9B2Z",
  QU9: "S0E4D",
  QXU: "S9B9J",
  QNX: "S9B9J",
};

/**
 * Trusts whose ICB column (HQ postcode) misleads: main sites in several ICBs or a national,
 * virtual catchment. Ambulance trusts are handled by kind (they always cover several ICBs).
 */
export const NO_SINGLE_ICB_CODES = new Set([
  "RPY", // The Royal Marsden: Chelsea (NW London) and Sutton (SW London), national cancer centre
  "K0N6A", // The Online NHS Trust: national virtual provider
  "RDU", // Frimley Health: sites split across three ICBs since April 2026
]);

export interface ExtraBody {
  name: string;
  kind: "national" | "partnership";
  aliases: string[];
  region: "England" | "London" | "Scotland" | "Wales" | "Northern Ireland" | "South East" | "Midlands" | "North West" | "North East and Yorkshire" | "East of England" | "South West";
  /** Short ICB name when the body sits wholly inside one ICB. */
  icb: string | null;
}

export const EXTRA_BODIES: ExtraBody[] = [
  { name: "NHS England", kind: "national", aliases: ["NHSE", "NHS England and Improvement", "NHSEI"], region: "England", icb: null },
  { name: "Department of Health and Social Care", kind: "national", aliases: ["DHSC", "Department of Health & Social Care"], region: "England", icb: null },
  // The UK Government and its departments launch national programmes HTN reports as stories.
  { name: "UK Government", kind: "national", aliases: ["HM Government", "Her Majesty's Government", "His Majesty's Government", "the government"], region: "England", icb: null },
  { name: "Department for Science, Innovation and Technology", kind: "national", aliases: ["DSIT"], region: "England", icb: null },
  { name: "Cabinet Office", kind: "national", aliases: [], region: "England", icb: null },
  { name: "HM Treasury", kind: "national", aliases: [], region: "England", icb: null },
  { name: "NHS Digital", kind: "national", aliases: [], region: "England", icb: null },
  { name: "NHS Blood and Transplant", kind: "national", aliases: ["NHSBT"], region: "England", icb: null },
  { name: "NHS Supply Chain", kind: "national", aliases: [], region: "England", icb: null },
  { name: "NHS Business Services Authority", kind: "national", aliases: ["NHSBSA", "NHS BSA"], region: "England", icb: null },
  { name: "UK Health Security Agency", kind: "national", aliases: ["UKHSA"], region: "England", icb: null },
  { name: "National Institute for Health and Care Excellence", kind: "national", aliases: ["NICE"], region: "England", icb: null },
  { name: "Medicines and Healthcare products Regulatory Agency", kind: "national", aliases: ["MHRA"], region: "England", icb: null },
  { name: "Care Quality Commission", kind: "national", aliases: ["CQC"], region: "England", icb: null },
  { name: "National Institute for Health and Care Research", kind: "national", aliases: ["NIHR"], region: "England", icb: null },
  { name: "King's Health Partners", kind: "partnership", aliases: ["KHP"], region: "London", icb: "South East London" },
  { name: "UCLPartners", kind: "partnership", aliases: ["UCL Partners"], region: "London", icb: null },
  { name: "Imperial College Health Partners", kind: "partnership", aliases: ["ICHP"], region: "London", icb: "West and North London" },
  { name: "Health Innovation Network South London", kind: "partnership", aliases: [], region: "London", icb: null },
  { name: "Southern Ambulance Services Collaboration", kind: "partnership", aliases: [], region: "South East", icb: null },
  { name: "One London", kind: "partnership", aliases: ["OneLondon"], region: "London", icb: null },
  { name: "Cheshire and Merseyside Acute and Specialist Trust Provider Collaborative", kind: "partnership", aliases: ["CMAST"], region: "North West", icb: "Cheshire and Merseyside" },
  { name: "Health Innovation Manchester", kind: "partnership", aliases: [], region: "North West", icb: "Greater Manchester" },
  { name: "Health Innovation Yorkshire and Humber", kind: "partnership", aliases: [], region: "North East and Yorkshire", icb: null },
  { name: "Public Health Agency", kind: "national", aliases: [], region: "Northern Ireland", icb: null },
  { name: "Business Services Organisation", kind: "national", aliases: [], region: "Northern Ireland", icb: null },
  { name: "NHS Wales Shared Services Partnership", kind: "national", aliases: ["NWSSP"], region: "Wales", icb: null },
  { name: "NHS Wales Joint Commissioning Committee", kind: "national", aliases: [], region: "Wales", icb: null },
  { name: "Scottish Government", kind: "national", aliases: [], region: "Scotland", icb: null },
  { name: "Welsh Government", kind: "national", aliases: [], region: "Wales", icb: null },
  { name: "Department of Health Northern Ireland", kind: "national", aliases: [], region: "Northern Ireland", icb: null },
];

/** Stems a README marks as unsafe bare names ("Aneurin Bevan" is also the person). */
export const UNSAFE_STEMS = new Set(["aneurin bevan"]);

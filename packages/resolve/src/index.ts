export type { Candidate, IndexKeys, Signature, Story, Thresholds } from "./types.js";
export { DEFAULT_THRESHOLDS } from "./types.js";
export { signature, mergeSignatures, estimateJaccard, bandKeys, shingles, PERMUTATIONS, BANDS, ROWS } from "./minhash.js";
export { indexKeys } from "./keys.js";
export { scoreCandidate, type Score } from "./score.js";
export { decide, significant } from "./decide.js";
export { pairScore } from "./members.js";
export { diff, initialState, isStatusMove, newFacts } from "./diff.js";
export { applyDiff, emptyState, orgKey, orgLabel, parseOrgLabel, storyText, storyTitle } from "./state.js";

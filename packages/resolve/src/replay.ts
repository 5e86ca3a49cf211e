import type { InitiativeState } from "@radar/core";
import { diff, initialState } from "./diff.js";
import { indexKeys } from "./keys.js";
import { mergeSignatures } from "./minhash.js";
import { applyDiff } from "./state.js";
import { storySignature } from "./story-signature.js";
import type { Signature, Story, Thresholds } from "./types.js";

export interface Replayed {
  state: InitiativeState;
  /** Merged MinHash of every story (element-wise min: the union's signature). */
  signature: Signature;
  /** Organisation and name keys of every story, for the candidate index. */
  keys: string[];
}

/**
 * An initiative's content replayed from its stories, oldest first, with the functions resolve and
 * apply use one story at a time: what the store keeps after a merge or a split.
 */
export function replayStories(stories: Story[], opts: Partial<Thresholds> = {}): Replayed {
  const [first, ...rest] = stories;
  if (!first) throw new Error("cannot replay an initiative without stories");
  let state = initialState(first, opts);
  let sig = storySignature(first);
  const keys = new Set<string>();
  for (const story of [first, ...rest]) {
    if (story !== first) {
      state = applyDiff(state, diff(state, story, opts));
      sig = mergeSignatures(sig, storySignature(story));
    }
    const k = indexKeys(story);
    for (const key of [...k.orgKeys, ...k.nameKeys]) keys.add(key);
  }
  return { state, signature: sig, keys: [...keys] };
}

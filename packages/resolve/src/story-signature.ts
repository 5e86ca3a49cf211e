import { attached } from "./attached.js";
import { bandKeys, signature } from "./minhash.js";
import { storyText } from "./state.js";
import type { Signature, Story } from "./types.js";

// Signing a story (shingling its text) is the costliest step of keys, scoring and apply. A story
// object is signed once, and a story read back from the store with its kept MinHash not at all.
const signed = attached<Story, Signature>("radar.signature");

export function storySignature(story: Story): Signature {
  let sig = signed.get(story);
  if (!sig) {
    sig = story.minhash ? { minhash: Array.from(story.minhash), bands: bandKeys(story.minhash) } : signature(storyText(story));
    signed.set(story, sig);
  }
  return sig;
}

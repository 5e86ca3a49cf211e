import type { InitiativeWrite, StoredStory } from "@radar/db";
import { applyDiff, diff, indexKeys, initialState, mergeSignatures, signature, storyText, type Story } from "@radar/resolve";

export const asStory = (s: StoredStory): Story => ({
  item: s.item,
  articleTitle: s.articleTitle,
  publishedAt: s.publishedAt,
  source: s.source,
  ...(s.minhash ? { minhash: s.minhash } : {}),
});

/**
 * An initiative's content replayed from its stories, oldest first, with the same pure functions
 * resolve and apply use: what merge and split store after an operator moves stories around.
 */
export function rebuildFromStories(stories: StoredStory[]): InitiativeWrite {
  if (stories.length === 0) throw new Error("cannot rebuild an initiative without stories");
  const all = stories.map(asStory);
  let state = initialState(all[0]!);
  let sig = signature(storyText(all[0]!));
  const keys = new Set<string>();
  for (const [i, story] of all.entries()) {
    if (i > 0) {
      state = applyDiff(state, diff(state, story));
      sig = mergeSignatures(sig, signature(storyText(story)));
    }
    const k = indexKeys(story);
    for (const key of [...k.orgKeys, ...k.nameKeys]) keys.add(key);
  }
  return { title: state.title, state, minhash: Array.from(sig.minhash), bandKeys: sig.bands, keys: [...keys] };
}

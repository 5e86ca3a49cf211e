import type { InitiativeWrite, StoredStory } from "@radar/db";
import { replayStories, type Story } from "@radar/resolve";

/** A stored story (a member or a mention's story) as the pure functions take it. */
export const asStory = (s: Omit<StoredStory, "itemId">): Story => ({
  item: s.item,
  articleTitle: s.articleTitle,
  publishedAt: s.publishedAt,
  source: s.source,
  ...(s.minhash ? { minhash: s.minhash } : {}),
});

/** What merge, split and bridging folds store: the initiative replayed from its stories, oldest first. */
export function rebuildFromStories(stories: StoredStory[]): InitiativeWrite {
  const r = replayStories(stories.map(asStory));
  return { title: r.state.title, state: r.state, minhash: Array.from(r.signature.minhash), bandKeys: r.signature.bands, keys: r.keys };
}

import { orgKey, storyOrgs } from "./state.js";
import { storySignature } from "./story-signature.js";
import { nameKey } from "./text.js";
import type { IndexKeys, Story } from "./types.js";

/**
 * Look-up keys for candidate retrieval. An initiative is indexed under the keys of every story
 * resolved into it; a story's candidates are the initiatives sharing any key with it.
 * - orgKeys  "org:rkl" for every organisation (code, else name; normalised)
 * - bandKeys the LSH band keys of the story's signature (finds copies whatever the orgs say)
 * - nameKeys distinctive names: "prog:epic thrive", "money:29000000", "supplier:tortus|RRU"
 */
export function indexKeys(story: Story): IndexKeys {
  return indexKeysWith(story, storySignature(story).bands);
}

/** indexKeys with the story's band keys already computed (decide signs each story once). */
export function indexKeysWith(story: Story, bandKeys: string[]): IndexKeys {
  const orgs = storyOrgs(story).map(orgKey);
  const orgKeys = orgs.map((k) => `org:${nameKey(k)}`);
  const names = new Set<string>();
  for (const p of story.item.programmes ?? []) if (nameKey(p)) names.add(`prog:${nameKey(p)}`);
  for (const m of story.item.money) if (m.pounds > 0) names.add(`money:${m.pounds}`);
  for (const s of story.item.suppliers) {
    const k = nameKey(s);
    if (!k) continue;
    for (const o of orgs) names.add(`supplier:${k}|${o}`);
    if (orgs.length === 0) names.add(`supplier:${k}`);
  }
  return { orgKeys, bandKeys, nameKeys: [...names] };
}

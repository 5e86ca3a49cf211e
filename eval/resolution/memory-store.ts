/**
 * In-memory stand-in for the store: a Map from index keys to initiative ids doing the same
 * candidate look-up the database does with `signature_bands` and friends, plus the apply step.
 */
import type { Decision } from "@radar/core";
import {
  applyDiff,
  decide,
  indexKeys,
  initialState,
  mergeSignatures,
  signature,
  storyText,
  type Candidate,
  type Story,
  type Thresholds,
} from "@radar/resolve";

const EPOCH = "1970-01-01T00:00:00.000Z";

export class MemoryStore {
  readonly initiatives = new Map<string, Candidate>();
  private readonly index = new Map<string, Set<string>>();
  private next = 1;
  constructor(private readonly opts: Partial<Thresholds> = {}) {}

  candidates(story: Story): Candidate[] {
    const k = indexKeys(story);
    const ids = new Set<string>();
    for (const key of [...k.orgKeys, ...k.bandKeys, ...k.nameKeys]) for (const id of this.index.get(key) ?? []) ids.add(id);
    return [...ids].map((id) => this.initiatives.get(id)!);
  }

  /** Resolve and apply one story; returns the decision and the initiative it ended in. */
  resolve(story: Story): { decision: Decision; initiativeId: string; candidates: number } {
    const cands = this.candidates(story);
    const decision = decide(story, cands, this.opts);
    const sig = signature(storyText(story));
    const when = story.publishedAt ?? EPOCH;
    let id = decision.initiativeId;
    if (id === null) {
      id = `i${this.next++}`;
      this.initiatives.set(id, { id, version: 1, state: initialState(story, this.opts), signature: sig, firstSeen: when, lastSeen: when });
    } else {
      const c = this.initiatives.get(id)!;
      this.initiatives.set(id, {
        ...c,
        version: decision.action === "update" ? c.version + 1 : c.version,
        state: decision.action === "update" ? applyDiff(c.state, decision.diff) : c.state,
        signature: mergeSignatures(c.signature, sig),
        firstSeen: when < c.firstSeen ? when : c.firstSeen,
        lastSeen: when > c.lastSeen ? when : c.lastSeen,
      });
    }
    const k = indexKeys(story);
    for (const key of [...k.orgKeys, ...k.bandKeys, ...k.nameKeys]) {
      let set = this.index.get(key);
      if (!set) this.index.set(key, (set = new Set()));
      set.add(id);
    }
    return { decision, initiativeId: id, candidates: cands.length };
  }
}

/**
 * In-memory stand-in for the store: a Map from index keys to initiative ids doing the same
 * candidate look-up the database does with `signature_bands` and friends, plus the apply step,
 * including the merge of the initiatives a story bridges (Decision.alsoMatches).
 */
import type { Decision } from "@radar/core";
import {
  applyDiff,
  decide,
  indexKeys,
  initialState,
  mergeSignatures,
  replayStories,
  storySignature,
  type Candidate,
  type Story,
  type Thresholds,
} from "@radar/resolve";

const EPOCH = "1970-01-01T00:00:00.000Z";
const when = (s: Story) => s.publishedAt ?? EPOCH;
const keysOf = (s: Story) => {
  const k = indexKeys(s);
  return [...k.orgKeys, ...k.bandKeys, ...k.nameKeys];
};

export class MemoryStore {
  readonly initiatives = new Map<string, Candidate>();
  private readonly index = new Map<string, Set<string>>();
  /** Story → the initiative it lives in now (follows merges). */
  readonly home = new Map<Story, string>();
  private next = 1;
  /** `withMembers: false` scores against merged states only (the old representation). */
  constructor(private readonly opts: Partial<Thresholds> = {}, private readonly withMembers = true) {}

  candidates(story: Story): Candidate[] {
    const ids = new Set<string>();
    for (const key of keysOf(story)) for (const id of this.index.get(key) ?? []) ids.add(id);
    return [...ids].sort().map((id) => {
      const c = this.initiatives.get(id)!;
      return this.withMembers ? c : { ...c, members: undefined };
    });
  }

  /** Resolve and apply one story; returns the decision and the initiative it ended in. */
  resolve(story: Story): { decision: Decision; initiativeId: string; candidates: number } {
    const cands = this.candidates(story);
    const decision = decide(story, cands, this.opts);
    let id = decision.initiativeId;
    if (id === null) {
      id = `i${this.next++}`;
      const at = when(story);
      const sig = storySignature(story);
      this.initiatives.set(id, { id, version: 1, state: initialState(story, this.opts), signature: sig, firstSeen: at, lastSeen: at, members: [story] });
    } else {
      const c = this.initiatives.get(id)!;
      const at = when(story);
      this.initiatives.set(id, {
        ...c,
        version: decision.action === "update" ? c.version + 1 : c.version,
        state: decision.action === "update" ? applyDiff(c.state, decision.diff) : c.state,
        signature: mergeSignatures(c.signature, storySignature(story)),
        firstSeen: at < c.firstSeen ? at : c.firstSeen,
        lastSeen: at > c.lastSeen ? at : c.lastSeen,
        members: [...(c.members ?? []), story],
      });
      for (const other of decision.alsoMatches) this.merge(id, other);
    }
    this.home.set(story, id);
    for (const key of keysOf(story)) this.fileUnder(key, id);
    return { decision, initiativeId: id, candidates: cands.length };
  }

  private fileUnder(key: string, id: string): void {
    let set = this.index.get(key);
    if (!set) this.index.set(key, (set = new Set()));
    set.add(id);
  }

  /** Fold `other` into `into`: members and keys unite, content is replayed oldest first. */
  private merge(into: string, other: string): void {
    const a = this.initiatives.get(into)!;
    const b = this.initiatives.get(other);
    if (!b || other === into) return;
    const members = [...(a.members ?? []), ...(b.members ?? [])];
    this.initiatives.delete(other);
    for (const s of b.members ?? []) this.home.set(s, into);
    for (const set of this.index.values()) if (set.delete(other)) set.add(into);
    this.initiatives.set(into, { ...rebuild(into, members, this.opts), version: a.version + 1 });
  }
}

/** An initiative replayed from its stories oldest first (the package's replay, as the store's rebuild uses). */
export function rebuild(id: string, stories: Story[], opts: Partial<Thresholds> = {}): Candidate {
  const all = [...stories].sort((x, y) => (when(x) < when(y) ? -1 : when(x) > when(y) ? 1 : 0));
  const r = replayStories(all, opts);
  return { id, version: 1, state: r.state, signature: r.signature, firstSeen: when(all[0]!), lastSeen: when(all.at(-1)!), members: all };
}

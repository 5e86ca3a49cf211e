/**
 * A value memoised on the object it was computed from, as a hidden property (a symbol key,
 * non-enumerable: spreads, JSON and structuredClone leave it behind), rather than in a WeakMap.
 *
 * Why not a WeakMap: V8's scavenger keeps a WeakMap value alive for as long as its key is young,
 * and values that hold the keys of another WeakMap (a story's view holds the state whose word
 * sets are memoised) are then promoted to the old generation together. Resolve makes dozens of
 * short-lived views per story; kept in WeakMaps, megabytes of them were copied and promoted at
 * every scavenge, and those 4-6 ms pauses were resolve's p95. A property dies with its object.
 */
export interface Attached<K extends object, V> {
  get(obj: K): V | undefined;
  set(obj: K, value: V): V;
}

export function attached<K extends object, V>(name: string): Attached<K, V> {
  const slot = Symbol(name);
  // Frozen or sealed objects cannot take the property; they fall back to a WeakMap.
  const fallback = new WeakMap<K, V>();
  return {
    get: (obj) => ((obj as Record<symbol, V | undefined>)[slot] ?? fallback.get(obj)),
    set(obj, value) {
      if (Object.isExtensible(obj)) Object.defineProperty(obj, slot, { value, writable: true, configurable: true, enumerable: false });
      else fallback.set(obj, value);
      return value;
    },
  };
}

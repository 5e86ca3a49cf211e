import { describe, expect, it } from "vitest";
import { attached } from "./attached.js";

describe("attached", () => {
  it("memoises on the object without showing up in spreads, JSON or clones", () => {
    const memo = attached<{ a: number }, string>("test.memo");
    const obj = { a: 1 };
    expect(memo.get(obj)).toBeUndefined();
    memo.set(obj, "view");
    expect(memo.get(obj)).toBe("view");
    // A copy is another object: it must not inherit a value computed for the original.
    expect(memo.get({ ...obj })).toBeUndefined();
    expect(memo.get(structuredClone(obj))).toBeUndefined();
    expect(JSON.stringify(obj)).toBe('{"a":1}');
    expect(Object.keys(obj)).toEqual(["a"]);
    expect(obj).toEqual({ a: 1 });
  });

  it("keeps values of two memos apart", () => {
    const one = attached<object, number>("test.one");
    const two = attached<object, number>("test.two");
    const obj = {};
    one.set(obj, 1);
    two.set(obj, 2);
    expect([one.get(obj), two.get(obj)]).toEqual([1, 2]);
  });

  it("falls back to a side table for frozen objects", () => {
    const memo = attached<{ a: number }, string>("test.frozen");
    const obj = Object.freeze({ a: 1 });
    expect(() => memo.set(obj, "view")).not.toThrow();
    expect(memo.get(obj)).toBe("view");
  });
});

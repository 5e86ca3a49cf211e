import type { Block } from "@radar/core";

/** Body text as an evaluator sees it: blocks (list items one per line) joined by newlines. */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.items ? b.items.join("\n") : b.text)).join("\n");
}

const tokenize = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Token-level F1 between predicted and expected body text (bag of words, with counts):
 * precision = matched / predicted tokens, recall = matched / expected tokens.
 */
export function bodyF1(predicted: string, expected: string): { precision: number; recall: number; f1: number } {
  const want = new Map<string, number>();
  const exp = tokenize(expected);
  for (const t of exp) want.set(t, (want.get(t) ?? 0) + 1);
  const pred = tokenize(predicted);
  let hit = 0;
  for (const t of pred) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      hit++;
      want.set(t, n - 1);
    }
  }
  if (pred.length === 0 && exp.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = pred.length ? hit / pred.length : 0;
  const recall = exp.length ? hit / exp.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

// "1 node", "3 nodes": counts in the messages and views of every part of the tool.

/** `n` with `word`, or with `many` (default: `word` + "s") when n is not 1. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

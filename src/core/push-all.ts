// Appending a list of unbounded length (findings, report lines, files of a folder walk).

/** target.push(...items) without its limit: a spread passes the items as call arguments, which the stack bounds
 *  (~120,000 of them). */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

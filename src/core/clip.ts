// Cutting a long string from a model (a name, a doc string, a message naming one) for a view: one rule everywhere.

/** `text` cut to at most `max` characters with an ellipsis after, never between the halves of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

// A generator input that does not look the way its parser expects: name the file, the line and what was expected,
// so a changed upstream format fails loudly instead of producing a silently wrong catalog.
export class CatalogSourceError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line number in `file`. */
    readonly line: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}:${line}: expected ${expected}, found ${JSON.stringify(found.length > 120 ? `${found.slice(0, 120)}…` : found)}`);
    this.name = 'CatalogSourceError';
  }
}

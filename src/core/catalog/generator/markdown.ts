// Small text helpers shared by the upstream-document parsers: HTML entities, the `<dl><dt>…</dt><dd>…</dd></dl>`
// lists of ONNX's generated docs, paren-aware comma splitting, and first-paragraph summaries.

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Splits on `separator` outside parentheses/brackets: `map(string, int64), tensor(float)` → two items. */
export function splitTopLevel(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

export interface DefinitionItem {
  /** The `<dt>` content, entities decoded, tags kept (callers pick `<tt>` apart). */
  term: string;
  /** The `<dd>` content, possibly several lines, entities decoded. */
  definition: string;
  /** 0-based index of the `<dt>` line in the lines given. */
  lineIndex: number;
}

/**
 * Reads the `<dt>`/`<dd>` pairs of a `<dl>` block. `<dt>` is always one line in these docs; `<dd>` may span lines.
 * Returns null for the first line that is neither, so the caller can report it.
 */
export function parseDefinitionList(lines: string[]): { items: DefinitionItem[]; badLine?: number } {
  const items: DefinitionItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === '' || line === '<dl>' || line === '</dl>') {
      i++;
      continue;
    }
    const dt = /^<dt>(.*)<\/dt>$/.exec(line);
    if (!dt) return { items, badLine: i };
    const item: DefinitionItem = { term: decodeEntities(dt[1]), definition: '', lineIndex: i };
    i++;
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i < lines.length && lines[i].trim().startsWith('<dd>')) {
      const collected: string[] = [];
      let text = lines[i].trim().slice('<dd>'.length);
      for (;;) {
        const end = text.indexOf('</dd>');
        if (end >= 0) {
          collected.push(text.slice(0, end));
          break;
        }
        collected.push(text);
        i++;
        if (i >= lines.length) return { items, badLine: item.lineIndex };
        text = lines[i];
      }
      item.definition = decodeEntities(collected.join('\n'));
      i++;
    }
    items.push(item);
  }
  return { items };
}

/**
 * The first paragraph of a Markdown text, lines joined with single spaces and capped at `maxLength`
 * (cut at a word boundary, with an ellipsis). `<br/>` counts as a line break, not a paragraph end.
 */
export function firstParagraph(text: string, maxLength = 600): string {
  const paragraphs = text.replace(/\r/g, '').split(/\n\s*\n/);
  const first = paragraphs.map((p) => p.trim()).find((p) => p.length > 0) ?? '';
  // A code fence or table inside the paragraph would be mangled by joining lines: stop before it.
  const prose: string[] = [];
  for (const line of first.split('\n')) {
    if (/^\s*(```|\|)/.test(line)) break;
    prose.push(line);
  }
  const joined = prose
    .map((l) => l.trim())
    .join(' ')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (joined.length <= maxLength) return joined;
  const cut = joined.lastIndexOf(' ', maxLength - 1);
  return `${joined.slice(0, cut > maxLength / 2 ? cut : maxLength - 1)}…`;
}

const ABBREVIATIONS = /(?:\be\.g|\bi\.e|\bvs|\bcf|\bapprox|\bDr|\bNo)$/i;

/**
 * The first sentence of the first paragraph (a period, ! or ? followed by the end or by a capital/quote/backtick,
 * not after "e.g"/"i.e"), capped at `maxLength`. Parameter descriptions keep only this to stay small.
 */
export function firstSentence(text: string, maxLength = 240): string {
  const paragraph = firstParagraph(text, Number.MAX_SAFE_INTEGER);
  const ends = /[.!?](?=\s+[A-Z`"'([*]|\s*$)/g;
  let end = paragraph.length;
  for (let m = ends.exec(paragraph); m; m = ends.exec(paragraph)) {
    if (!ABBREVIATIONS.test(paragraph.slice(0, m.index))) {
      end = m.index + 1;
      break;
    }
  }
  return firstParagraph(paragraph.slice(0, end), maxLength);
}

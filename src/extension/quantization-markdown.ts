// What a decomposition costs a quantized deployment (issue 9), as Markdown for hovers and the status-bar tooltip.
// Pure (no vscode): the core's figures and sentences in, escaped Markdown out.
import { escapeMarkdown } from '../core/catalog';
import type { QdqPairInfo, QuantizationTotals } from '../core/patterns';
import type { DecompositionMatch } from '../core/coverage/report';

/** Scales listed in a hover before "… and N more" (a long chain would push the schema out of sight). */
const MAX_HOVER_SCALES = 8;

/** "Quantized: 7 extra activation quantizers …" for a node's decomposition, with its Q/DQ scales in QDQ models. */
export function decompositionQuantizationMarkdown(match: DecompositionMatch): string {
  const q = match.quantization;
  const lines = [`$(dashboard) **Quantized:** ${escapeMarkdown(q.message)}.`];
  if (q.scales.length > 0) {
    const shown = q.scales.slice(0, MAX_HOVER_SCALES).map((s) => `- ${escapeMarkdown(s.tensor)}: scale ${formatScale(s)} · zero point ${formatZeroPoint(s)}`);
    const more = q.scales.length > MAX_HOVER_SCALES ? [`- … and ${q.scales.length - MAX_HOVER_SCALES} more`] : [];
    lines.push('', `Q/DQ pairs inside the chain (${q.qdqPairs}):`, '', ...shown, ...more);
  }
  return lines.join('\n');
}

/** The model totals for the status-bar tooltip; empty when nothing is decomposed. */
export function quantizationTotalsMarkdown(totals: QuantizationTotals): string {
  if (totals.decomposedConstructs === 0) return '';
  const pairs = totals.qdqPairsInsideChains > 0 ? ` ${totals.qdqPairsInsideChains} Q/DQ pair${totals.qdqPairsInsideChains === 1 ? '' : 's'} already sit inside the chains.` : '';
  return `$(dashboard) Quantized: ${escapeMarkdown(totals.message)}.${pairs}`;
}

/** A scale as the table and hover print it: enough digits to tell scales apart, "—" when not a constant. */
export function formatScale(pair: QdqPairInfo): string {
  return pair.scale === null ? '—' : String(Number(pair.scale.toPrecision(6)));
}

export function formatZeroPoint(pair: QdqPairInfo): string {
  return pair.zeroPoint === null ? '—' : String(pair.zeroPoint);
}

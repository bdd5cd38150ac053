// Quantization view core (issue 9): per-decomposition quantizer counts and model totals.
export { chainQuantization, countActivationTensors, quantizationTotals } from './cost';
export type { ChainShape, DecompositionQuantization, QdqPairInfo, QuantizationTotals } from './cost';

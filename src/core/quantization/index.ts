// Quantization view core (issue 9): per-decomposition quantizer counts and model totals.
export { chainQuantization, quantizationTotals } from './cost';
export { countActivationTensors } from './activation-tensors';
export type { ChainShape, DecompositionQuantization, QdqPairInfo, QuantizationTotals } from './cost';

// The decomposition matcher's public face (issues 5 and 9).
export { detectDecompositions, selectCandidates } from './detect';
export type { Decomposition, DetectOptions, DetectTarget } from './detect';
export { decompositionToJson } from './json';
export type { DecompositionJson } from './json';
export type { ReplacementStatus } from './replacements';
export { preferredReplacement } from './replacements';
export { RULE_INFO, PATTERN_IDS, DEFAULT_CUSTOM_DOMAIN, ruleInfo, isPatternId } from './rule-info';
export type { PatternId, ReplacementInfo, ReplacementTarget, RuleInfo, ParamInfo, ReplacementAttribute } from './rule-info';
export { quantizationTotals } from '../quantization/cost';
export { countActivationTensors } from '../quantization/activation-tensors';
export type { DecompositionQuantization, QuantizationTotals, QdqPairInfo } from '../quantization/cost';

// Every rule, in priority order: when two candidate matches of equal size overlap, the earlier rule wins
// (size decides first: larger patterns win, e.g. SkipLayerNorm over LayerNorm).
import type { Rule } from '../matcher';
import { attentionRule } from './attention';
import { geluErfRule, geluTanhRule } from './gelu';
import { hardSwishRule } from './hard-swish';
import { layerNormRule } from './layer-norm';
import { mishRule } from './mish';
import { reluAsClipRule } from './relu-as-clip';
import { rmsNormRule } from './rms-norm';
import { rotaryEmbeddingRule } from './rotary-embedding';
import { siluRule } from './silu';
import { skipLayerNormRule, skipRmsNormRule } from './skip-norms';
import { softmaxRule } from './softmax';

export const RULES: readonly Rule[] = [
  skipLayerNormRule, skipRmsNormRule, attentionRule, rotaryEmbeddingRule, layerNormRule, rmsNormRule,
  geluTanhRule, geluErfRule, hardSwishRule, mishRule, softmaxRule, siluRule, reluAsClipRule,
];

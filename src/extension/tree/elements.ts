// What the "ONNX Model" tree is made of: plain data, one kind per row, each with an id that is stable across
// refreshes (so selection, expansion and reveal survive a re-check).
import type { DecompositionMatch } from '../../core/coverage/report';
import type { OnnxFunction, OperatorSetId, ValueInfo } from '../../core/onnx/model';
import type { NodeRef } from '../../core/onnx/walk';

export type SectionId = 'opsets' | 'inputs' | 'outputs' | 'nodes' | 'functions' | 'decompositions';

export type TreeElement =
  | { kind: 'section'; id: string; section: SectionId; count: number }
  | { kind: 'opset'; id: string; opset: OperatorSetId }
  | { kind: 'value'; id: string; value: ValueInfo; role: 'input' | 'output' }
  | { kind: 'opType'; id: string; op: string; refs: NodeRef[] }
  | { kind: 'node'; id: string; ref: NodeRef; parentId: string }
  /** Rows start…end-1 of a long node list (of the row `owner`: the Nodes section, an op group, a subgraph or a
   *  function), shown as one row so the window is never sent hundreds of thousands of rows at once. */
  | { kind: 'range'; id: string; owner: string; start: number; end: number; parentId: string }
  | { kind: 'subgraph'; id: string; scopePath: string; attribute: string; parentId: string; nodeCount: number }
  | { kind: 'function'; id: string; fn: OnnxFunction; scopePath: string }
  | { kind: 'decomposition'; id: string; match: DecompositionMatch; index: number };

// One fuzz case through the whole pipeline: read (and inspect's summary read), traverse, summarise, print as
// text, check coverage (with and without a runtime and a retarget), detect decompositions, render the schema hover
// of every node. A case ends in a model (every stage ran) or an OnnxReadError; anything else — another exception
// from the reader, any exception from a later stage, a broken printer invariant, a case over its time bound — is a
// failure.
import { renderSchemaMarkdown, resolveOp } from '../../src/core/catalog';
import { checkModel } from '../../src/core/coverage/engine';
import type { Model } from '../../src/core/onnx/model';
import { printModel } from '../../src/core/onnx/printer';
import { OnnxReadError, readModelBytes } from '../../src/core/onnx/reader';
import { summarize, type ModelSummary } from '../../src/core/onnx/summary';
import { iterateNodes } from '../../src/core/onnx/walk';
import { detectDecompositions } from '../../src/core/patterns';

export type Outcome =
  | { kind: 'model'; nodes: number }
  | { kind: 'read-error'; message: string }
  | { kind: 'failure'; stage: string; error: string };

/** Hover renders per case: enough to cover hostile names without making a 50,000-node case slow. */
const MAX_RENDERED_NODES = 200;
/** No raw control, separator or bidi character may reach any text view. */
const UNSAFE_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function runCase(bytes: Uint8Array, label: string): Outcome {
  // inspect's read first: it steps over what a summary never shows, so it may accept bytes the full read refuses,
  // but it too must end in a model or an OnnxReadError, and agree with the full read whenever that succeeds.
  let lite: ModelSummary | undefined;
  try {
    lite = summarize(readModelBytes(bytes, label, { detail: 'summary' }));
  } catch (error) {
    if (!(error instanceof OnnxReadError)) return { kind: 'failure', stage: 'summary read', error: describe(error) };
  }
  let model: Model;
  try {
    model = readModelBytes(bytes, label);
  } catch (error) {
    if (error instanceof OnnxReadError) {
      if (!error.message.includes(label) || !Number.isInteger(error.offset) || error.offset < 0 || error.offset > bytes.length) {
        return { kind: 'failure', stage: 'read', error: `an OnnxReadError without the file or a valid byte offset: ${error.message}` };
      }
      return { kind: 'read-error', message: error.message };
    }
    return { kind: 'failure', stage: 'read', error: describe(error) };
  }
  let stage = 'walk';
  try {
    let nodes = 0;
    // Two same-named graph attributes give their nodes the same stable path; the printer maps each path once.
    const paths = new Set<string>();
    for (const ref of iterateNodes(model, { functions: true })) {
      paths.add(ref.path);
      nodes++;
    }
    stage = 'summary';
    if (JSON.stringify(summarize(model)) !== JSON.stringify(lite)) return { kind: 'failure', stage, error: "the summary read (detail: 'summary') disagrees with the full read" };
    stage = 'printer';
    const printed = printModel(model);
    if (printed.nodeLines.size !== paths.size) return { kind: 'failure', stage, error: `${paths.size} node paths but ${printed.nodeLines.size} node lines` };
    if (UNSAFE_TEXT.test(printed.text)) return { kind: 'failure', stage, error: 'a raw control or bidi character in the text' };
    stage = 'coverage';
    checkModel(model);
    checkModel(model, { opset: 21, runtime: 'ort-cpu' });
    stage = 'decompositions';
    detectDecompositions(model, { opset: 17 });
    stage = 'hover';
    let rendered = 0;
    for (const ref of iterateNodes(model, { functions: true })) {
      if (rendered++ >= MAX_RENDERED_NODES) break;
      const resolution = resolveOp(ref.node.domain, ref.node.opType, ref.scope.opsetImport);
      if (resolution.ok) {
        const markdown = renderSchemaMarkdown(resolution.schema, ref.node);
        if (UNSAFE_TEXT.test(markdown)) return { kind: 'failure', stage, error: `a raw control or bidi character in the hover of ${ref.path}` };
      }
    }
    return { kind: 'model', nodes };
  } catch (error) {
    return { kind: 'failure', stage, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}

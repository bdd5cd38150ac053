// "Go to PyTorch Source" via the dynamo exporter's `pkg.torch.onnx.stack_trace` node metadata: a model built with
// the builder whose nodes carry no module scope in their names, only a stack trace recorded on another machine.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import { activateExtension, closeAllEditors, openModel, workspaceUri } from './util';

/** Two dynamo-style nodes (names without a module path); the Pow's trace ends in src/gemma_model.py line 14. */
function stackTraceModel(): Uint8Array {
  const trace = (file: string, line: number, fn: string) => [
    'File "/home/dev/project/export.py", line 40, in <module>',
    '    torch.onnx.export(model, (x,), "model.onnx", dynamo=True)',
    `File "${file}", line ${line}, in ${fn}`,
    '    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)',
  ].join('\n');
  return buildModel({
    producerName: 'pytorch',
    opsetImport: [{ domain: '', version: 18 }],
    graph: {
      name: 'main_graph',
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 4, 8] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [1, 4, 8] }],
      initializers: [{ name: 'two', dataType: DataType.FLOAT, dims: [], floats: [2] }],
      nodes: [
        { name: 'node_pow', opType: 'Pow', inputs: ['x', 'two'], outputs: ['p'], metadataProps: { 'pkg.torch.onnx.stack_trace': trace('/home/dev/project/src/gemma_model.py', 14, '_norm') } },
        { name: 'node_neg', opType: 'Neg', inputs: ['p'], outputs: ['y'], metadataProps: { 'pkg.torch.onnx.stack_trace': trace('/home/dev/project/nowhere_in_workspace.py', 3, 'forward') } },
      ],
    },
  });
}

suite('Go to PyTorch Source (stack trace)', () => {
  teardown(closeAllEditors);

  test('a stack trace from another machine → the same file in the workspace, at the traced line', async () => {
    const api = await activateExtension();
    await vscode.workspace.fs.writeFile(workspaceUri('models', 'stack_trace.onnx'), stackTraceModel());
    const uri = await openModel(api, 'stack_trace.onnx');
    const loaded = api.ctx.models.get(uri)!;
    const pow = loaded.nodes.find((r) => r.node.name === 'node_pow')!;
    const target = await vscode.commands.executeCommand<{ via: string; uri: vscode.Uri; range: vscode.Range }>('onnxCoverage.goToPytorchSource', uri.toString(), pow.path);
    assert.equal(target.via, 'stack-trace');
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /\/src\/gemma_model\.py$/);
    assert.equal(editor.selection.start.line, 13, 'line 14 of the trace, 0-based');
    assert.match(editor.document.lineAt(13).text, /return x \* torch\.rsqrt/);
  });

  test('a trace into a file the workspace does not have finds nothing (and says so), without a crash', async () => {
    const api = await activateExtension();
    await vscode.workspace.fs.writeFile(workspaceUri('models', 'stack_trace.onnx'), stackTraceModel());
    const uri = await openModel(api, 'stack_trace.onnx');
    const neg = api.ctx.models.get(uri)!.nodes.find((r) => r.node.name === 'node_neg')!;
    const target = await vscode.commands.executeCommand('onnxCoverage.goToPytorchSource', uri.toString(), neg.path);
    assert.equal(target, undefined);
  });
});

// A 1.5 GB model opens in the inspector without its weights being read: the reader walks the structure and skips
// the weight's bytes, so time and memory follow the graph (two values, one node), not the file size.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { writeLargeModel } from './large-model';
import { activateExtension, closeAllEditors, openModel, workspaceUri } from './util';

suite('large models', () => {
  const name = 'large_1_6gb.onnx';
  teardown(async () => {
    await closeAllEditors();
    rmSync(workspaceUri('models', name).fsPath, { force: true });
  });

  test('a 1.6 GB model opens in the inspector without loading its weights', async () => {
    const api = await activateExtension();
    const size = writeLargeModel(workspaceUri('models', name).fsPath, 16384, 24576);
    assert.ok(size > 1.5e9, `the model is ${size} bytes`);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const uri = await openModel(api, name);
    const openedMs = Date.now() - started;
    const loaded = api.ctx.models.get(uri)!;
    const grewMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    console.log(`large model: ${size} bytes opened and checked in ${openedMs} ms (reader ${loaded.readMs.toFixed(1)} ms), RSS grew ${grewMb.toFixed(1)} MB`);
    assert.equal(loaded.model.source.size, size);
    assert.equal(loaded.nodes.length, 1);
    const weight = loaded.model.graph.initializers[0]!;
    assert.deepEqual(weight.dims, [16384, 24576]);
    assert.equal(weight.payload.kind, 'inline', 'the weight is recorded as a location in the file');
    assert.ok(loaded.readMs < 1000, `reading the structure took ${loaded.readMs} ms`);
    assert.ok(grewMb < 300, `the extension host grew by ${grewMb.toFixed(0)} MB while opening a ${(size / 1e9).toFixed(1)} GB model`);
    assert.equal(api.ctx.coverage.get(uri)!.report.findings.length, 0, 'MatMul of float runs on ORT CPU');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom);
  });
});

// Times `require` of the extension bundle. The real `vscode` module exists only inside VS Code, so a stub is
// injected for this measurement alone: any property is a constructible function, so top-level code such as
// `class X extends vscode.TreeItem` or `vscode.DiagnosticSeverity.Error` loads. The exports object inherits from
// the stub because esbuild's `__toESM` copies the module's own keys and keeps its prototype. Prints {"requireMs": n, "exports": [...]}.
// Usage: node require_extension.cjs dist/extension.js
const Module = require('node:module');
const { resolve } = require('node:path');

function stub() {
  const target = function () {};
  return new Proxy(target, {
    get: (t, key) => (key in t ? t[key] : (t[key] = stub())),
    construct: () => stub(),
    apply: () => stub(),
  });
}
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: Object.create(stub()) };

const started = performance.now();
const extension = require(resolve(process.argv[2]));
const requireMs = performance.now() - started;
if (typeof extension.activate !== 'function') throw new Error(`${process.argv[2]} exports no activate()`);
console.log(JSON.stringify({ requireMs, exports: Object.keys(extension) }));

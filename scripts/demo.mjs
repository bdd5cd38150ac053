// `npm run demo`: the main job on the bundled samples — a Gemma-style RMSNorm exported by torch 1.13 at opset 17,
// and the seed's custom ReLU exported with and without a `symbolic`. `check` exits 1 when it finds errors, which
// is the point of the demo; only an unusable input (exit 2) makes the demo itself fail.
import { spawnSync } from 'node:child_process';

const samples = ['samples/gemma_rmsnorm_opset17.onnx', 'samples/custom_relu_with_symbolic.onnx', 'samples/custom_relu_without_symbolic.onnx'];
const result = spawnSync(process.execPath, ['dist/cli.js', 'check', ...samples, ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.status === 1) console.log('\n(check exited 1: it found error-severity findings, as expected for these samples)');
process.exitCode = result.status === 0 || result.status === 1 ? 0 : result.status ?? 1;

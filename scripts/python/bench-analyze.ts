// Prints how long the Python analysis takes on a large realistic file (the fixtures repeated with renamed
// classes) and on hostile ones, for analysis and for fixing everything (--fix) (a 20,000-term sum, a 5,000-deep parenthesis, a 50,000-long attribute chain).
// Usage: node scripts/run-ts.mjs scripts/python/bench-analyze.ts [copies]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePython } from '../../src/core/python/analyze';
import { fixAllPython } from '../../src/core/python/fix-all';
import { parsePython } from '../../src/core/python/parser';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'python');

async function time(label: string, source: string): Promise<void> {
  const lines = source.split('\n').length;
  const parseStart = performance.now();
  (await parsePython(source)).delete();
  const parseMs = performance.now() - parseStart;
  const start = performance.now();
  const diagnostics = await analyzePython(source);
  const ms = performance.now() - start;
  const fixStart = performance.now();
  const fixed = await fixAllPython(source);
  const fixMs = performance.now() - fixStart;
  console.log(`${label.padEnd(36)} ${String(lines).padStart(6)} lines  parse ${parseMs.toFixed(0).padStart(5)} ms  analyze ${ms.toFixed(0).padStart(5)} ms  ${String(diagnostics.length).padStart(4)} diagnostics  fix all ${fixMs.toFixed(0).padStart(6)} ms (${fixed.applied.length} fixes)`);
}

async function main(): Promise<void> {
  const copies = Number(process.argv[2] ?? 100);
  await parsePython('pass'); // WebAssembly start-up, measured separately below
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.py') && !f.includes('syntax_error'));
  const one = files.map((f) => readFileSync(join(fixtures, f), 'utf8').replace(/\r\n/g, '\n')).join('\n\n');
  const classNames = [...new Set([...one.matchAll(/^\s*class (\w+)/gm)].map((m) => m[1]!))];
  const big = Array.from({ length: copies }, (_, i) => classNames.reduce((text, name) => text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}_${i}`), one)).join('\n\n');
  await time(`fixtures x1 (${files.length} files)`, one);
  await time(`fixtures x${copies}`, big);
  const head = 'import torch\nfrom torch import nn\nclass M(nn.Module):\n    def forward(self, x):\n        ';
  const tail = '\n        return x * torch.sigmoid(x)\n';
  await time('hostile: 20,000-term sum', `${head}y = ${Array.from({ length: 20000 }, () => 'x').join(' + ')}${tail}`);
  await time('hostile: 5,000-deep parentheses', `${head}w = ${'('.repeat(5000)}x${')'.repeat(5000)}${tail}`);
  await time('hostile: 50,000-long attribute chain', `${head}z = a${'.b'.repeat(50000)}${tail}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

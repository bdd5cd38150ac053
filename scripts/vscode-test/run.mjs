// `npm run test:e2e`: the extension's tests inside a real VS Code (code-server 4.139.1 = VS Code 1.139.1) driven by
// headless Chromium. Two routes, each on a fresh server (free port, fresh user-data-dir, stopped by PID at the end):
//   Route 1 (host): the extension from this folder (`extensionDevelopmentPath`) and Mocha suites run inside the
//                   extension host with the real `vscode` API (`extensionTestsPath`), via the page URL's payload.
//   Route 2 (ui):   the packaged .vsix installed into code-server; tests drive the page as a person would
//                   (F1, command titles, clicks, hovers) and save a screenshot of each step into the run's
//                   folder; with UPDATE_SCREENSHOTS=1 into docs/ instead (the README's pictures), so a test run
//                   never changes tracked files unless asked to.
// Ends with "N passed, N failed" over both routes; exits non-zero on any failure.
// Options: --route host|ui (only one route), --grep <text> (only tests whose title contains it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from './browser.mjs';
import { ensureTools, repoRoot, toolsDir } from './ensure-tools.mjs';
import { installExtension, startServer } from './server.mjs';
import { fixtureModels } from './fixtures.mjs';

const argv = process.argv.slice(2);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const onlyRoute = option('--route');
const grep = option('--grep');
const HOST_TIMEOUT_MS = 240_000;

const outDir = join(repoRoot, 'out', 'e2e');
const vsix = join(repoRoot, 'dist', 'onnx-op-coverage.vsix');
const results = [];
const started = Date.now();

function say(line) { process.stdout.write(`${line}\n`); }
function elapsed(since) { return `${((Date.now() - since) / 1000).toFixed(1)} s`; }

function npm(script) {
  const result = spawnSync('npm', ['run', script, '--silent'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status})`);
}

async function bundleTests() {
  rmSync(outDir, { recursive: true, force: true });
  const hostDir = join(repoRoot, 'test', 'e2e', 'host');
  const uiDir = join(repoRoot, 'test', 'e2e', 'ui');
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', absWorkingDir: repoRoot };
  await build({
    ...common,
    entryPoints: readdirSync(hostDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(hostDir, f)),
    outdir: join(outDir, 'host'),
    external: ['vscode', 'mocha'],
  });
  await build({
    ...common,
    entryPoints: readdirSync(uiDir).filter((f) => f.endsWith('.ui.ts')).map((f) => join(uiDir, f)),
    outdir: join(outDir, 'ui'),
    outExtension: { '.js': '.cjs' },
    external: ['playwright-core'],
  });
}

/** A fresh run folder with a fresh workspace: test/e2e/workspace plus the fixture models under models/. */
function freshRun(route) {
  const runsDir = join(toolsDir, 'runs');
  mkdirSync(runsDir, { recursive: true });
  // Keep the last few runs' logs for inspection, drop the rest.
  const old = readdirSync(runsDir).sort();
  for (const dir of old.slice(0, Math.max(0, old.length - 6))) rmSync(join(runsDir, dir), { recursive: true, force: true });
  const runDir = join(runsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${route}`);
  const workspace = join(runDir, 'workspace');
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, 'models'), { recursive: true });
  for (const model of fixtureModels()) cpSync(model.path, join(workspace, 'models', model.name));
  return { runDir, workspace };
}

function record(route, title, state, durationMs, error) {
  results.push({ route, title, state, durationMs, error });
  say(`  ${state === 'passed' ? '✓' : '✗'} [${route}] ${title} (${durationMs} ms)`);
  if (error) say(`      ${String(error).split('\n').slice(0, 12).join('\n      ')}`);
}

async function routeHost(tools) {
  const t0 = Date.now();
  const { runDir, workspace } = freshRun('host');
  const resultsFile = join(runDir, 'host-results.json');
  const server = await startServer(tools, runDir, workspace, { ONNX_COVERAGE_E2E_RESULTS: resultsFile, ONNX_COVERAGE_E2E_GREP: grep ?? '' });
  const browser = await launchBrowser();
  const hostLog = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    });
    await page.exposeFunction('codeAutomationLog', (line) => { hostLog.push(String(line)); });
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(join(outDir, 'host', 'index.js'))],
    ];
    say(`Route 1 (host): code-server on port ${server.port} ready in ${elapsed(t0)}`);
    await page.goto(server.url(workspace, payload));
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), HOST_TIMEOUT_MS); });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    const hostResults = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : [];
    for (const r of hostResults) record('host', r.title, r.state, r.durationMs, r.error);
    if (code === 'timeout') record('host', 'the in-host run finishes', 'failed', HOST_TIMEOUT_MS, `no codeAutomationExit within ${HOST_TIMEOUT_MS / 1000} s; log: ${server.logFile}`);
    else if (code !== 0 && !hostResults.some((r) => r.state === 'failed')) record('host', 'the in-host run finishes', 'failed', 0, `exit code ${code} with no failed test: the tests module itself failed.\n${hostLog.slice(-20).join('\n')}`);
    else if (hostResults.length === 0) record('host', 'the in-host run finds tests', 'failed', 0, `no test results in ${resultsFile}`);
    say(`Route 1 (host) done in ${elapsed(t0)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function routeUi(tools) {
  const t0 = Date.now();
  const { runDir, workspace } = freshRun('ui');
  const server0 = { extensionsDir: join(runDir, 'extensions'), userDataDir: join(runDir, 'user-data') };
  mkdirSync(server0.extensionsDir, { recursive: true });
  installExtension(tools, vsix, server0.extensionsDir, server0.userDataDir);
  const server = await startServer(tools, runDir, workspace);
  say(`Route 2 (ui): .vsix installed, code-server on port ${server.port} ready in ${elapsed(t0)}`);
  const screenshotsDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs') : join(runDir, 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const file of readdirSync(join(outDir, 'ui')).filter((f) => f.endsWith('.ui.cjs')).sort()) {
      const module = await import(pathToFileURL(join(outDir, 'ui', file)).href);
      const tests = module.default?.tests ?? module.tests ?? [];
      // One page per file: a person's session, in order.
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      try {
        await page.goto(server.url(workspace));
        for (const test of tests) {
          if (grep && !test.name.includes(grep)) continue;
          const t = Date.now();
          try {
            await test.run({ page, workspace, repoRoot, screenshotsDir, extensionsDir: server.extensionsDir });
            record('ui', test.name, 'passed', Date.now() - t);
          } catch (error) {
            await page.screenshot({ path: join(runDir, `failed-${test.name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
            record('ui', test.name, 'failed', Date.now() - t, error?.stack ?? error);
          }
        }
      } finally {
        await page.close();
      }
    }
    say(`Route 2 (ui) done in ${elapsed(t0)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main() {
  const tools = ensureTools();
  const t0 = Date.now();
  npm('package');
  await bundleTests();
  say(`built extension, .vsix and tests in ${elapsed(t0)}`);
  if (!onlyRoute || onlyRoute === 'host') await routeHost(tools);
  if (!onlyRoute || onlyRoute === 'ui') await routeUi(tools);
}

try {
  await main();
} catch (error) {
  record('setup', 'the e2e run starts', 'failed', 0, error?.stack ?? error);
}
const passed = results.filter((r) => r.state === 'passed').length;
const failed = results.length - passed;
say(`e2e finished in ${elapsed(started)}`);
say(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

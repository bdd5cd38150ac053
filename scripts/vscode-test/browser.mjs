// Headless Debian Chromium driven by playwright-core (never `playwright`, which downloads browsers).
import { chromium } from 'playwright-core';
import { CHROMIUM, toolEnv } from './ensure-tools.mjs';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: toolEnv(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

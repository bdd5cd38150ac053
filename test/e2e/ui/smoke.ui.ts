import type { Page } from 'playwright-core';
export const tests = [
  { name: 'workbench loads', async run({ page }: { page: Page }) { await page.waitForSelector('.monaco-workbench', { timeout: 60_000 }); } },
];

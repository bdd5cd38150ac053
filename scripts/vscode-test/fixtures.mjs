// The models an e2e workspace gets under models/: the bundled samples and the committed torch exports.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './ensure-tools.mjs';

export function fixtureModels() {
  const models = [];
  for (const dir of [join(repoRoot, 'samples'), join(repoRoot, 'test', 'fixtures', 'torch'), join(repoRoot, 'test', 'e2e', 'fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort()) models.push({ name, path: join(dir, name) });
  }
  return models;
}

// Importing the catalog must not load its data: each JSON file loads on the first lookup that needs it.
import { expect, test } from 'vitest';
import { renderSchemaMarkdown, resolveOp, runtimeSupport } from '../../../src/core/catalog';
import { loadedParts } from '../../../src/core/catalog/store';

test('data loads on first use, schemas and runtimes separately', () => {
  expect(typeof renderSchemaMarkdown).toBe('function');
  expect(loadedParts()).toEqual({ schemas: false, runtimes: false });
  expect(resolveOp('', 'Add', 14).ok).toBe(true);
  expect(loadedParts()).toEqual({ schemas: true, runtimes: false });
  expect(runtimeSupport('ort-cpu', '', 'Add', 14).status).toBe('supported');
  expect(loadedParts()).toEqual({ schemas: true, runtimes: true });
});

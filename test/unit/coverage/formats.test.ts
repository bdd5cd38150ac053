// The three report formats on real reports: text grouped by problem then op, JSON in the documented shape, and
// SARIF 2.1.0 checked structurally against the parts of the specification that code-scanning tools rely on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/core/onnx/builder';
import { readModelFile } from '../../../src/core/onnx/reader';
import { checkModel } from '../../../src/core/coverage/engine';
import { FINDING_CODES } from '../../../src/core/coverage/findings';
import { formatText } from '../../../src/core/coverage/format-text';
import { formatJson } from '../../../src/core/coverage/format-json';
import { formatSarif, toUri } from '../../../src/core/coverage/format-sarif';
import type { CoverageReport } from '../../../src/core/coverage/report';
import { repoRoot } from '../../helpers/paths';
import { check } from './build';
import { terminalSafe } from '../../../src/core/coverage/terminal-safe';

const oneNodeNamed = (name: string) => ({ opsetImport: [{ domain: '', version: 17 }], graph: { nodes: [{ opType: 'Relux', name, inputs: ['x'], outputs: ['y'] }] } });

/** Six CustomReLU nodes, one typo, two ReduceMeans with two different problems: enough to see the grouping. */
function busyReport(): CoverageReport {
  const relus = Array.from({ length: 6 }, (_v, i) => ({ opType: 'CustomReLU', domain: 'my_domain', name: `relu${i}`, inputs: [i === 0 ? 'x' : `r${i - 1}`], outputs: [`r${i}`] }));
  return check({
    opsetImport: [{ domain: '', version: 17 }, { domain: 'my_domain', version: 1 }],
    graph: {
      inputs: [{ name: 'x', elemType: DataType.FLOAT }],
      nodes: [
        ...relus,
        { opType: 'Relux', name: 'typo', inputs: ['r5'], outputs: ['t'] },
        { opType: 'ReduceMean', name: 'mean_a', inputs: ['x'], outputs: ['m1'], attributes: { axes: [-1], bogus: 1 } },
        { opType: 'ReduceMean', name: 'mean_b', inputs: ['x'], outputs: ['m2'], attributes: { axes: [1] } },
      ],
    },
  }, { opset: 18, label: 'models/busy.onnx' });
}

describe('text', () => {
  const text = formatText(busyReport());

  it('starts with the model and what it was checked against, and ends with one summary line', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('models/busy.onnx');
    expect(lines[1]).toBe('  imports ai.onnx 17, my_domain 1 · checked against opset 18');
    expect(lines[2]).toBe('  9 nodes checked, 0 ok');
    expect(lines.at(-1)).toBe('  NOT OK: 10 errors, 0 warnings, 0 info · cannot run: ReduceMean, Relux, my_domain::CustomReLU');
  });

  it('groups by problem, then by op, with node counts and only the first few names', () => {
    expect(text).toContain('  ✗ unknown-op — 2 ops, 7 nodes:');
    expect(text).toContain('      my_domain::CustomReLU — 6 nodes: relu0, relu1, relu2, … (+3 more)');
    expect(text).toContain('      Relux — 1 node: typo');
    expect(text).toContain('  ✗ invalid-attribute — 1 op, 2 nodes:');
    expect(text).toContain('      ReduceMean — 2 nodes: mean_a, mean_b');
    // The same op with two different problems: each message once, naming its nodes when not all of them have it.
    expect(text).toMatch(/ReduceMean-18 has no attribute 'bogus'.* \(mean_a\)/);
    expect(text.match(/takes 'axes' as input 1/g)).toHaveLength(2);
    // The custom-op message is written once for six nodes.
    expect(text.match(/no runtime has a kernel/g)).toHaveLength(1);
  });

  it('a clean model is one short OK report', () => {
    const clean = formatText(check({ opsetImport: [{ domain: '', version: 17 }], graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }, { label: 'ok.onnx' }));
    expect(clean).toBe('ok.onnx\n  imports ai.onnx 17\n  1 node checked, 1 ok\n\n  OK: 0 errors, 0 warnings, 0 info\n');
  });
});

describe('terminal safety', () => {
  it('escapes controls and bidi characters in model strings and cuts enormous names', () => {
    expect(terminalSafe('a\u001b[2Jb\r\nc\u202ed')).toBe('a\\u001b[2Jb\\u000d\\u000ac\\u202ed');
    expect(terminalSafe(`x ${'N'.repeat(1000)} y`)).toBe(`x ${'N'.repeat(160)}…(+840 chars) y`);
    const text = formatText(check(oneNodeNamed('evil\u001b]8;;https://x\u0007name'), { label: 'm.onnx' }));
    expect(text).toContain('evil\\u001b]8;;https://x\\u0007name');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('json', () => {
  it('has the documented fields in order, and one line per model', () => {
    const line = formatJson(busyReport());
    expect(line).not.toContain('\n');
    const json = JSON.parse(line);
    expect(Object.keys(json).slice(0, 6)).toEqual(['model', 'opsetImport', 'target', 'nodes', 'findings', 'decompositions']);
    expect(json.model).toBe('models/busy.onnx');
    expect(json.opsetImport).toEqual([{ domain: '', version: 17 }, { domain: 'my_domain', version: 1 }]);
    expect(json.target).toEqual({ opset: 18, runtime: null });
    expect(json.nodes).toBe(9);
    expect(json.decompositions).toEqual([]);
    expect(json.findings).toHaveLength(10);
    for (const f of json.findings) {
      expect(Object.keys(f).slice(0, 5)).toEqual(['severity', 'code', 'node', 'op', 'message']);
      expect(FINDING_CODES).toContain(f.code);
    }
    expect(json.findings[0]).toMatchObject({ severity: 'error', code: 'unknown-op', node: 'relu0', op: 'my_domain::CustomReLU', nodePath: '/0:CustomReLU', scopeKind: 'main', scopePath: '' });
    expect(json.summary.byCode).toEqual({ 'unknown-op': 7, 'invalid-attribute': 3 });
  });
});

describe('sarif', () => {
  const customRelu = join(repoRoot, 'samples', 'custom_relu_with_symbolic.onnx');
  const reports = [busyReport(), checkModel(readModelFile(customRelu), { runtime: 'ort-cpu', label: 'samples/custom_relu_with_symbolic.onnx' })];
  const log = JSON.parse(formatSarif(reports, { toolVersion: '0.1.0' }));

  it('is structurally valid SARIF 2.1.0', () => {
    expect(sarifProblems(log)).toEqual([]);
  });

  it('has one rule per finding code, results with levels, the model as artifact and the node path as logical location', () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...FINDING_CODES]);
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(['models/busy.onnx', 'samples/custom_relu_with_symbolic.onnx']);
    expect(run.results).toHaveLength(reports[0]!.findings.length + reports[1]!.findings.length);
    const custom = run.results.find((r: { locations: Array<{ physicalLocation: { artifactLocation: { index: number } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.index === 1);
    expect(custom).toMatchObject({
      ruleId: 'unknown-op', level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'samples/custom_relu_with_symbolic.onnx', index: 1 } }, logicalLocations: [{ name: '/act/CustomReLU', fullyQualifiedName: '/2:CustomReLU', kind: 'element' }] }],
    });
    expect(custom.message.text).toContain('my_domain::CustomReLU');
  });

  it('carries decompositions with their quantization cost, and per-model totals and retarget offers', () => {
    const gemma = checkModel(readModelFile(join(repoRoot, 'samples', 'gemma_rmsnorm_opset17.onnx')), { opset: 23, label: 'samples/gemma_rmsnorm_opset17.onnx' });
    const sarif = JSON.parse(formatSarif([gemma], { toolVersion: '0.1.0' }));
    expect(sarifProblems(sarif)).toEqual([]);
    const decomposed = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'decomposed-op');
    expect(decomposed).toMatchObject({ level: 'warning', properties: { decomposition: { pattern: 'rms_norm', quantization: { extraActivationQuantizers: 7 } } } });
    expect(sarif.runs[0].properties.targets[0]).toMatchObject({ opset: 23, quantization: { decomposedConstructs: 1, extraActivationQuantizers: 7 }, retarget: { fromOpset: 17, toOpset: 23 } });
  });

  it('maps info to note and keeps model-level findings without a node', () => {
    const report = check({ opsetImport: [{ domain: '', version: 25 }], graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }, { runtime: 'tensorrt' });
    const sarif = JSON.parse(formatSarif([report], { toolVersion: '0.1.0' }));
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'opset-too-new', level: 'error', locations: [{ logicalLocations: [{ kind: 'module' }] }] });
    expect(JSON.parse(formatSarif([], { toolVersion: '0.1.0' })).runs[0].results).toEqual([]);
  });

  it('writes relative paths as relative URIs and absolute ones as file URIs', () => {
    expect(toUri('models/a b.onnx')).toBe('models/a%20b.onnx');
    expect(toUri('/tmp/m.onnx')).toBe('file:///tmp/m.onnx');
    expect(toUri('C:\\models\\m.onnx')).toBe('file:///C:/models/m.onnx');
  });
});

/** The SARIF 2.1.0 requirements a consumer enforces (§3.13 sarifLog, §3.14 run, §3.19 toolComponent, §3.27 result, …). */
function sarifProblems(log: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  need(log.version === '2.1.0', 'version must be "2.1.0"');
  need(isString(log.$schema), '$schema should name the 2.1.0 schema');
  const runs = log.runs as Array<Record<string, any>>;
  need(Array.isArray(runs) && runs.length > 0, 'runs must be a non-empty array');
  for (const run of runs ?? []) {
    const driver = run.tool?.driver;
    need(isString(driver?.name), 'tool.driver.name is required');
    const rules: Array<Record<string, any>> = driver?.rules ?? [];
    const ids = rules.map((r) => r.id);
    need(new Set(ids).size === ids.length, 'rule ids must be unique');
    for (const rule of rules) {
      need(isString(rule.id), 'rule.id is required');
      need(isString(rule.shortDescription?.text), `rule ${rule.id}: shortDescription.text`);
      need(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration?.level), `rule ${rule.id}: defaultConfiguration.level`);
    }
    const artifacts: Array<Record<string, any>> = run.artifacts ?? [];
    for (const artifact of artifacts) need(isString(artifact.location?.uri), 'artifact.location.uri');
    need(Array.isArray(run.results), 'run.results must be an array');
    for (const result of run.results ?? []) {
      need(isString(result.message?.text), 'result.message.text is required');
      need(['none', 'note', 'warning', 'error'].includes(result.level), `result.level '${result.level}'`);
      need(ids.includes(result.ruleId), `result.ruleId '${result.ruleId}' names a rule`);
      need(rules[result.ruleIndex]?.id === result.ruleId, 'result.ruleIndex points at its rule');
      need(Array.isArray(result.locations) && result.locations.length > 0, 'result.locations');
      for (const location of result.locations ?? []) {
        const artifactLocation = location.physicalLocation?.artifactLocation;
        need(isString(artifactLocation?.uri), 'physicalLocation.artifactLocation.uri');
        need(artifacts[artifactLocation?.index]?.location?.uri === artifactLocation?.uri, 'artifactLocation.index points at the same artifact');
        for (const logical of location.logicalLocations ?? []) {
          need(isString(logical.name) || isString(logical.fullyQualifiedName), 'logicalLocation needs a name or fullyQualifiedName');
          need(['element', 'module', 'function', 'member', 'namespace', 'type', 'resource'].includes(logical.kind), `logicalLocation.kind '${logical.kind}'`);
        }
      }
    }
  }
  return problems;
}

// `onnx-coverage schema <Op> [--domain D] [--opset N] [--json] [--history] [--runtimes]`
// `onnx-coverage schema --list [--domain D] [--opset N] [--json]`
// Prints the operator schema in force (or exactly why there is none), an op's version history, or every op in force.
// Exit: 0 printed, 1 no schema in force for that op/opset, 2 bad usage.
import { flag, parseArgs, positiveInt, text } from './args';
import type { CliIO, Command } from './command';
import { EXIT_FINDINGS, EXIT_OK } from './command';
import { failUsage, writeError, writeJson } from './output';
import {
  describeDiff, diffSchemas, domainLabel, knownDomains, latestOpset, listRuntimes, listSchemas, opHistory,
  renderSchemaMarkdown, resolveOp, runtimeSupport, schemaSources,
} from '../core/catalog';
import { normalizeDomain } from '../core/onnx/model';

const NAME = 'schema';

const USAGE = `Usage: onnx-coverage schema <Op> [--domain D] [--opset N] [--json] [--history] [--runtimes]
       onnx-coverage schema --list [--domain D] [--opset N] [--json]

Shows the ONNX operator schema in force for <Op> at opset N of domain D (default: ai.onnx at its newest
opset), from the bundled catalog (ONNX ${'{onnx}'}, ONNX Runtime contrib ops ${'{ort}'}).

  --domain D    ai.onnx (default; "" works too), ai.onnx.ml, ai.onnx.preview.training, com.microsoft, …
  --opset N     the imported opset version of that domain (default: the newest the catalog knows)
  --json        machine-readable output
  --history     every version of the op with its since-version and what changed
  --runtimes    the op's support in every runtime table (ONNX Runtime EPs, TensorRT, OpenVINO, …)
  --list        every (domain, name, sinceVersion) in force

Exit 0 printed, 1 the op has no schema in force there (the reason is printed), 2 bad usage.
`;

interface SchemaArgs {
  op?: string;
  domain: string;
  opset?: number;
  json: boolean;
  history: boolean;
  runtimes: boolean;
  list: boolean;
}

const OPTIONS = {
  domain: text('a domain name (ai.onnx, ai.onnx.ml, com.microsoft, …)', { allowEmpty: true }),
  opset: positiveInt(),
  json: flag(),
  history: flag(),
  runtimes: flag(),
  list: flag(),
};

export function parseSchemaArgs(args: string[]): SchemaArgs | string {
  const given = parseArgs(args, { options: OPTIONS });
  if (typeof given === 'string') return given;
  const [op, extra] = given.positionals;
  if (extra !== undefined) return `one op at a time (got '${op}' and '${extra}')`;
  const { domain, ...flags } = given.options;
  const domainGiven = domain !== undefined;
  const parsed: SchemaArgs = { op, domain: normalizeDomain(domain ?? ''), ...flags };
  if (parsed.list && parsed.op !== undefined) return '--list takes no op name';
  if (!parsed.list && parsed.op === undefined) return 'no op given';
  if (domainGiven && latestOpset(parsed.domain) === undefined) {
    return `unknown domain '${domainLabel(parsed.domain)}' (the catalog knows ${knownDomains().map(domainLabel).join(', ')})`;
  }
  // A qualified name like com.microsoft.FusedMatMul or ai.onnx.ml.Scaler names its domain itself.
  if (parsed.op && !domainGiven && parsed.op.includes('.')) {
    const dot = parsed.op.lastIndexOf('.');
    const domain = normalizeDomain(parsed.op.slice(0, dot));
    if (latestOpset(domain) !== undefined) [parsed.domain, parsed.op] = [domain, parsed.op.slice(dot + 1)];
  }
  return parsed;
}

function usageText(): string {
  const sources = schemaSources();
  const version = (folder: string) => sources.find((s) => s.folder === folder)?.version ?? '?';
  return USAGE.replace('{onnx}', version('onnx')).replace('{ort}', version('onnxruntime'));
}

export const schemaCommand: Command = {
  name: NAME,
  summary: 'Show the ONNX operator schema in force at an opset, its history, or every op in force',
  get usage() {
    return usageText();
  },
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseSchemaArgs(args);
    if (typeof parsed === 'string') return failUsage(io, NAME, parsed, usageText());
    if (parsed.list) return list(parsed, io);
    if (parsed.history) return history(parsed, io);
    return show(parsed, io);
  },
};

function list(args: SchemaArgs, io: CliIO): number {
  const rows = listSchemas({ domain: args.domain, opset: args.opset }).map((s) => ({ domain: s.domain, name: s.name, sinceVersion: s.sinceVersion, deprecated: s.deprecated }));
  if (args.json) {
    writeJson(io, rows);
    return EXIT_OK;
  }
  const opset = args.opset ?? latestOpset(args.domain);
  io.stdout(`${domainLabel(args.domain)} opset ${opset}: ${rows.length} ops in force\n`);
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const r of rows) io.stdout(`  ${r.name.padEnd(width)}  ${r.sinceVersion}${r.deprecated ? '  (deprecated)' : ''}\n`);
  return EXIT_OK;
}

function history(args: SchemaArgs, io: CliIO): number {
  const op = args.op!;
  const versions = opHistory(args.domain, op);
  if (versions.length === 0) return explainMissing(args, io);
  const entries = versions.map((schema, i) => ({
    sinceVersion: schema.sinceVersion,
    deprecated: schema.deprecated,
    supportLevel: schema.supportLevel,
    changes: i === 0 ? null : diffSchemas(versions[i - 1]!, schema),
  }));
  if (args.json) {
    writeJson(io, { domain: args.domain, name: op, versions: entries });
    return EXIT_OK;
  }
  io.stdout(`${op} (${domainLabel(args.domain)}): ${versions.length} version${versions.length === 1 ? '' : 's'}\n`);
  for (const entry of entries) {
    const flags = [entry.deprecated ? 'deprecated' : '', entry.supportLevel === 'experimental' ? 'experimental' : ''].filter(Boolean);
    io.stdout(`  ${op}-${entry.sinceVersion}${flags.length ? ` (${flags.join(', ')})` : ''}${entry.changes ? '' : '  first version'}\n`);
    if (entry.changes) {
      const lines = describeDiff(entry.changes);
      for (const line of lines.length ? lines : ['(no change to attributes, inputs, outputs or types; see the description)']) io.stdout(`      ${line}\n`);
    }
  }
  return EXIT_OK;
}

function show(args: SchemaArgs, io: CliIO): number {
  const op = args.op!;
  const opset = args.opset ?? latestOpset(args.domain)!;
  const resolution = resolveOp(args.domain, op, opset);
  if (!resolution.ok) {
    if (args.json) writeJson(io, { ...resolution, domain: args.domain, name: op, opset });
    else writeError(io, NAME, `${resolution.message}${suggestion(args)}`);
    return EXIT_FINDINGS;
  }
  const { schema } = resolution;
  const runtimes = args.runtimes
    ? listRuntimes().map((info) => {
      const support = runtimeSupport(info.id, schema.domain, schema.name, schema.sinceVersion, undefined, { opsetVersion: opset });
      return { id: info.id, status: support.status, reason: support.reason, versionRange: support.versionRange, restrictions: support.restrictions };
    })
    : undefined;
  if (args.json) {
    writeJson(io, { ...schema, opset, newerVersions: resolution.newerVersions, ...(runtimes ? { runtimes } : {}) });
    return EXIT_OK;
  }
  io.stdout(renderSchemaMarkdown(schema, undefined, { newerVersions: resolution.newerVersions, opsetVersion: opset }));
  if (runtimes) {
    io.stdout('\n**Runtimes**\n');
    for (const r of runtimes) io.stdout(`- ${r.id}: ${r.status} — ${r.reason}\n`);
  }
  return EXIT_OK;
}

function explainMissing(args: SchemaArgs, io: CliIO): number {
  const message = `${args.op} is not an operator of domain '${domainLabel(args.domain)}' in the bundled catalog.${suggestion(args)}`;
  if (args.json) writeJson(io, { ok: false, code: 'unknown-op', message, domain: args.domain, name: args.op });
  else writeError(io, NAME, message);
  return EXIT_FINDINGS;
}

/** " Did you mean …?" for a wrong case or an op that lives in another domain. */
function suggestion(args: SchemaArgs): string {
  const op = args.op!.toLowerCase();
  const hits: string[] = [];
  for (const domain of knownDomains()) {
    for (const s of listSchemas({ domain })) {
      if (s.name.toLowerCase() === op && !(domain === args.domain && s.name === args.op)) hits.push(domain === '' ? s.name : `${s.name} --domain ${domain}`);
    }
  }
  return hits.length ? ` Did you mean ${hits.join(' or ')}?` : '';
}

// Validates SARIF the two ways code scanning cares about: the official JSON schema and Microsoft's multitool.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { repoRoot } from '../support/paths';
import { scratchDir } from './support';

/** Schema errors against test/cli/schemas/sarif-2.1.0.json (see the README there for its source). */
export function sarifSchemaErrors(log: unknown): string[] {
  const schema = JSON.parse(
    fs.readFileSync(path.join(repoRoot(), 'test', 'cli', 'schemas', 'sarif-2.1.0.json'), 'utf8'),
  ) as object;
  // strict: false because the official schema uses keywords ajv's strict mode rejects (e.g. unknown formats are fine here).
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export interface MultitoolResult {
  errors: string[];
  warnings: string[];
}

/** Runs `sarif-multitool validate` with its SARIF and GitHub rule sets and returns what it reported. */
export function multitoolValidate(sarifText: string): MultitoolResult {
  const { dir, cleanup } = scratchDir('sarif');
  try {
    const input = path.join(dir, 'report.sarif');
    const output = path.join(dir, 'validation.sarif');
    fs.writeFileSync(input, sarifText);
    const binary = path.join(repoRoot(), 'node_modules', '.bin', 'sarif-multitool');
    const run = spawnSync(
      binary,
      [
        'validate',
        input,
        '--output',
        output,
        '--log',
        'ForceOverwrite',
        '--level',
        'Error',
        'Warning',
        '--rule-kind',
        'Sarif',
        'Gh',
      ],
      {
        encoding: 'utf8',
        // The .NET binary needs ICU unless told to run without culture data; CI images may lack libicu.
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      },
    );
    if (run.status !== 0 || !fs.existsSync(output)) {
      throw new Error(`sarif-multitool failed (${String(run.status)}): ${run.stdout}\n${run.stderr}`);
    }
    const log = JSON.parse(fs.readFileSync(output, 'utf8')) as {
      runs: Array<{
        results?: Array<{ level?: string; ruleId?: string; message: { text?: string; arguments?: string[] } }>;
      }>;
    };
    const results = log.runs.flatMap((run) => run.results ?? []);
    const describe = (result: (typeof results)[number]): string =>
      `${result.ruleId ?? '?'}: ${result.message.text ?? (result.message.arguments ?? []).join(' ')}`;
    return {
      errors: results.filter((result) => (result.level ?? 'warning') === 'error').map(describe),
      warnings: results.filter((result) => (result.level ?? 'warning') === 'warning').map(describe),
    };
  } finally {
    cleanup();
  }
}

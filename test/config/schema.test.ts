// rules/config.schema.json (used by the editor) agrees with the rules and with the loader's validation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { TOP_LEVEL_KEYS } from '../../src/config/index';
import { parseConfigText } from '../../src/config/parse';
import { ruleIds } from '../../src/engine/index';
import { repoRoot } from '../support/paths';

interface ConfigSchema {
  properties: Record<string, { properties?: Record<string, unknown> }>;
  definitions: { ruleId: { examples: string[] }; severity: { enum: string[] } };
}

const schemaFile = (): string => path.join(repoRoot(), 'rules', 'config.schema.json');
const readSchema = (): ConfigSchema => JSON.parse(fs.readFileSync(schemaFile(), 'utf8')) as ConfigSchema;

describe('config: rules/config.schema.json', () => {
  it('lists exactly the engine rule ids, for validation and for completion', () => {
    const schema = readSchema();
    assert.deepEqual([...schema.definitions.ruleId.examples].sort(), [...ruleIds].sort());
    assert.deepEqual(Object.keys(schema.properties.rules?.properties ?? {}).sort(), [...ruleIds].sort());
  });

  it('documents exactly the keys the loader accepts', () => {
    assert.deepEqual(Object.keys(readSchema().properties).sort(), [...TOP_LEVEL_KEYS].sort());
  });

  it('accepts the bundled example configuration and rejects wrong types and severities', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(readSchema());
    const example = parse(fs.readFileSync(path.join(repoRoot(), 'examples', '.agent-risk.json'), 'utf8')) as unknown;
    assert.equal(validate(example), true, JSON.stringify(validate.errors));
    assert.equal(
      validate({ rules: { 'unscoped-*': 'warn', 'unscoped-network': 'off' } }),
      true,
      JSON.stringify(validate.errors),
    );
    assert.equal(validate({ rules: { 'unscoped-network': 'eror' } }), false);
    assert.equal(validate({ exclude: 'dist' }), false);
    assert.equal(validate({ maxFileBytes: 0 }), false);
  });

  it('leaves misspelt names to the loader, so the editor shows one error that suggests the right name', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(readSchema());
    const misspelt =
      '{\n  "exlude": [],\n  "rules": { "unscoped-netwrk": "off" },\n  "sinks": [{ "id": "x", "rule": "unscoped-network", "module": "m", "path": "Member[send].Argument[0]", "isWrit": true }]\n}\n';
    // The JSON language service validates with the schema: it must not add a second error beside the loader's.
    assert.equal(validate(parse(misspelt)), true, JSON.stringify(validate.errors));
    const messages = parseConfigText(misspelt, '/project/.agent-risk.json').errors.map((error) => error.message);
    assert.ok(
      messages.some((message) => /`exlude`.*exclude/.test(message)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((message) => /unscoped-netwrk.*unscoped-network/.test(message)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((message) => /`isWrit`.*isWrite/.test(message)),
      messages.join('\n'),
    );
  });

  it('reaches users through the extension, so shipped configuration carries no $schema that could fail to resolve', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> };
      repository?: { url: string };
    };
    const contributed = manifest.contributes.jsonValidation.find((entry) => entry.fileMatch === '.agent-risk.json');
    assert.equal(contributed?.url, './rules/config.schema.json');
    assert.ok(fs.existsSync(path.join(repoRoot(), contributed?.url ?? '')));
    // An unresolvable "$schema" replaces the contributed schema: the example and the README must not carry one.
    const example = parse(fs.readFileSync(path.join(repoRoot(), 'examples', '.agent-risk.json'), 'utf8')) as object;
    assert.equal('$schema' in example, false);
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /^\s*"\$schema"\s*:/m);
    assert.equal(manifest.repository?.url, 'https://github.com/agent-risk/agent-risk-lint');
  });
});

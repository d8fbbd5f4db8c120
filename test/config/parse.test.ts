// Parsing and validating `.agent-risk.json`: what is kept, and errors with positions and suggestions.
import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../src/config/index';

const FILE = '/project/.agent-risk.json';

/** 1-based line and column of the first `needle` in `text`, found independently of the parser. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

const at = (text: string, needle: string): string => {
  const { line, column } = positionOf(text, needle);
  return `${line}:${column}`;
};

describe('config: parseConfigText', () => {
  it('reads comments and trailing commas, keeps rule order and accepts `warn`', () => {
    const text = `{
      // Team policy.
      "rules": { "unscoped-*": "warn", "unscoped-network": "error", },
      /* Our wrappers. */
      "auditFunctions": ["audit"],
      "maxFileBytes": 1000,
      "root": true,
    }`;
    const { config, errors } = parseConfigText(text, FILE);
    assert.deepEqual(errors, []);
    assert.deepEqual(config.rules, [
      ['unscoped-*', 'warning'],
      ['unscoped-network', 'error'],
    ]);
    assert.deepEqual(config.auditFunctions, ['audit']);
    assert.equal(config.maxFileBytes, 1000);
    assert.equal(config.root, true);
  });

  it('reports a sink whose access path the engine cannot compile, at the path', () => {
    const text = `{ "sinks": [{ "id": "job", "rule": "unscoped-process", "module": "./jobs", "path": "Member[run].Arg[0]" }] }`;
    const { config, errors } = parseConfigText(text, FILE);
    assert.equal(errors.length, 1);
    assert.equal(`${errors[0]?.line}:${errors[0]?.column}`, at(text, '"Member[run].Arg[0]"'));
    assert.match(errors[0]?.message ?? '', /not an access path/);
    assert.deepEqual(config.sinks ?? [], []);
  });

  it('treats an empty file as an empty configuration', () => {
    assert.deepEqual(parseConfigText('  // nothing yet\n', FILE), { config: {}, errors: [] });
  });

  it('reports an unknown rule id at its key with a suggestion', () => {
    const text = '{\n  "rules": {\n    "unscoped-netwrk": "warning"\n  }\n}';
    const { config, errors } = parseConfigText(text, FILE);
    assert.deepEqual(errors, [
      {
        file: FILE,
        ...positionOf(text, '"unscoped-netwrk"'),
        message: 'Unknown rule `unscoped-netwrk`; did you mean unscoped-network?',
      },
    ]);
    assert.deepEqual(config.rules, []);
  });

  it('reports a glob that matches no rule, without guessing when nothing is close', () => {
    const { errors } = parseConfigText('{ "rules": { "network-*": "off" } }', FILE);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.message, 'The glob `network-*` matches no rule.');
  });

  it('reports a bad severity at its value with a suggestion', () => {
    const text = '{\n  "rules": { "unscoped-network": "eror" }\n}';
    const { errors } = parseConfigText(text, FILE);
    assert.deepEqual(errors, [
      {
        file: FILE,
        ...positionOf(text, '"eror"'),
        message: 'Severity `eror` is not one of off, hint, info, warning (or warn), error; did you mean error?',
        // The JSON schema reports a wrong severity too: an editor that validates with it can drop this copy.
        kind: 'shape',
      },
    ]);
  });

  it('reports an unknown top-level key with a suggestion and keeps the valid keys', () => {
    const text = '{\n  "exlude": ["dist"],\n  "include": ["src/**"]\n}';
    const { config, errors } = parseConfigText(text, FILE);
    assert.deepEqual(errors, [
      { file: FILE, ...positionOf(text, '"exlude"'), message: 'Unknown key `exlude`; did you mean exclude?' },
    ]);
    assert.deepEqual(config.include, ['src/**']);
  });

  it('reports syntax errors at their position', () => {
    const { config, errors } = parseConfigText('{\n  "rules": {\n    "unscoped-network": "off"\n  \n', FILE);
    assert.deepEqual(config, {});
    assert.ok(errors.length >= 1);
    assert.equal(errors[0]?.line, 5);
    assert.match(errors[0]?.message ?? '', /closing brace/);
  });

  it('validates sinks: required fields, known rule ids and unknown keys', () => {
    const text = `{
  "sinks": [
    { "id": "wallet-send", "rule": "unbounded-transaction", "module": "./wallet", "path": "Member[send].Argument[0]", "part": "amount", "isWrite": true },
    { "id": "x", "rule": "unscoped-netwrk", "module": ["a", "b"], "path": "Argument[0]", "mdule": "c" },
    { "id": "y" }
  ]
}`;
    const { config, errors } = parseConfigText(text, FILE);
    assert.deepEqual(config.sinks, [
      {
        id: 'wallet-send',
        rule: 'unbounded-transaction',
        module: './wallet',
        path: 'Member[send].Argument[0]',
        part: 'amount',
        isWrite: true,
      },
    ]);
    assert.deepEqual(
      errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      [
        `${at(text, '"unscoped-netwrk"')} Unknown rule \`unscoped-netwrk\`; did you mean unscoped-network?`,
        `${at(text, '"mdule"')} Unknown key \`mdule\` in sinks[1]; did you mean module?`,
        `${at(text, '{ "id": "y" }')} \`sinks[2]\` is missing \`rule\`.`,
        `${at(text, '{ "id": "y" }')} \`sinks[2]\` is missing \`module\`.`,
        `${at(text, '{ "id": "y" }')} \`sinks[2]\` is missing \`path\`.`,
      ],
    );
  });

  it('validates tool factories and value types', () => {
    const text = `{
  "toolFactories": [{ "name": "defineAction", "handler": "Argument[1]", "input": "Parameter[0]" }, { "name": "x" }],
  "guardFunctions": "assertAllowed",
  "maxFileBytes": -5,
  "root": "yes"
}`;
    const { config, errors } = parseConfigText(text, FILE);
    assert.deepEqual(config.toolFactories, [{ name: 'defineAction', handler: 'Argument[1]', input: 'Parameter[0]' }]);
    assert.deepEqual(
      errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      [
        `${at(text, '{ "name": "x" }')} \`toolFactories[1]\` is missing \`handler\`.`,
        `${at(text, '{ "name": "x" }')} \`toolFactories[1]\` is missing \`input\`.`,
        `${at(text, '"assertAllowed"')} \`guardFunctions\` must be an array of strings.`,
        `${at(text, '-5')} \`maxFileBytes\` must be a positive whole number of bytes.`,
        `${at(text, '"yes"')} \`root\` must be true or false.`,
      ],
    );
  });

  it('rejects a configuration that is not an object', () => {
    const { errors } = parseConfigText('["unscoped-network"]', FILE);
    assert.deepEqual(errors, [
      { file: FILE, line: 1, column: 1, message: 'The configuration must be a JSON object.', kind: 'shape' },
    ]);
  });
});

describe('configuration errors say which ones a JSON schema reports too', () => {
  it('marks syntax errors and wrong-type values, not unknown rules or keys', () => {
    const syntax = parseConfigText('{ "rules": { ', '/p/.agent-risk.json').errors;
    assert.ok(syntax.length > 0 && syntax.every((error) => error.kind === 'syntax'));
    const shape = parseConfigText('{ "include": "src" }', '/p/.agent-risk.json').errors;
    assert.deepEqual(
      shape.map((error) => error.kind),
      ['shape'],
    );
    const semantic = parseConfigText(
      '{ "rules": { "unscoped-netwrk": "off" }, "colour": true }',
      '/p/.agent-risk.json',
    );
    assert.equal(semantic.errors.length, 2);
    assert.ok(semantic.errors.every((error) => error.kind === undefined));
  });
});

// Finding and layering configuration files: walk up, `root`, `stopAt`, `--config`, and precedence.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConfigFor } from '../../src/config/index';
import { defaultConfig, severityFor } from '../../src/engine/index';
import { scratchDir, writeTree } from '../cli/support';

describe('config: loadConfigFor', () => {
  let dir = '';
  let cleanup = (): void => undefined;

  beforeEach(() => {
    ({ dir, cleanup } = scratchDir('config'));
    writeTree(dir, {
      '.agent-risk.json': '{ "rules": { "unscoped-*": "warning" }, "auditFunctions": ["outerAudit"] }',
      'app/.agent-risk.json':
        '{ "rules": { "unscoped-network": "info" }, "auditFunctions": ["innerAudit"], "exclude": ["generated"] }',
      'app/src/tools.ts': '',
      'lib/.agent-risk.json': '{ "root": true, "rules": { "unscoped-process": "off" } }',
      'lib/deep/tool.ts': '',
    });
  });
  afterEach(() => cleanup());

  it('uses built-in defaults where no file says otherwise', () => {
    const { config, configFiles } = loadConfigFor(path.join(dir, 'app/src/tools.ts'), {
      stopAt: path.join(dir, 'app/src'),
    });
    assert.deepEqual(configFiles, []);
    assert.deepEqual(config, defaultConfig());
    assert.equal(severityFor(config, 'unscoped-network'), 'error');
  });

  it('merges files outermost first, so the nearer file wins and lists add up', () => {
    const { config, configFiles, errors } = loadConfigFor(path.join(dir, 'app/src/tools.ts'), { stopAt: dir });
    assert.deepEqual(errors, []);
    assert.deepEqual(configFiles, [path.join(dir, '.agent-risk.json'), path.join(dir, 'app/.agent-risk.json')]);
    assert.equal(severityFor(config, 'unscoped-network'), 'info');
    assert.equal(severityFor(config, 'unscoped-filesystem'), 'warning');
    assert.equal(severityFor(config, 'missing-audit-hook'), 'warning', 'untouched rules keep their default');
    assert.deepEqual(config.auditFunctions, ['outerAudit', 'innerAudit']);
  });

  it('lets command-line overrides win over every file', () => {
    const { config } = loadConfigFor(path.join(dir, 'app/src/tools.ts'), {
      stopAt: dir,
      overrides: { rules: [['unscoped-network', 'error']] },
    });
    assert.equal(severityFor(config, 'unscoped-network'), 'error');
    assert.equal(severityFor(config, 'unscoped-filesystem'), 'warning');
  });

  it('stops at a file with "root": true', () => {
    const { config, configFiles } = loadConfigFor(path.join(dir, 'lib/deep/tool.ts'));
    assert.deepEqual(configFiles, [path.join(dir, 'lib/.agent-risk.json')]);
    assert.equal(severityFor(config, 'unscoped-process'), 'off');
    assert.equal(severityFor(config, 'unscoped-network'), 'error', 'the outer file is not read');
  });

  it('uses only the explicit file when one is given', () => {
    const { config, configFiles } = loadConfigFor(path.join(dir, 'app/src/tools.ts'), {
      explicitFile: path.join(dir, 'lib/.agent-risk.json'),
    });
    assert.deepEqual(configFiles, [path.join(dir, 'lib/.agent-risk.json')]);
    assert.equal(severityFor(config, 'unscoped-network'), 'error');
    assert.equal(severityFor(config, 'unscoped-process'), 'off');
  });

  it('anchors include and exclude globs at the folder of the file that declares them', () => {
    const { exclude } = loadConfigFor(path.join(dir, 'app/src/tools.ts'), { stopAt: dir });
    const base = path.join(dir, 'app').split(path.sep).join('/');
    assert.deepEqual(exclude, [`${base}/**/generated`, `${base}/**/generated/**`]);
  });

  it('reports errors with the file they are in, and reuses parsed files through the cache', () => {
    // The unknown id starts at line 2, column 14 (its opening quote).
    writeTree(dir, { 'bad/.agent-risk.json': '{\n  "rules": { "unscoped-netwrk": "off" }\n}', 'bad/x.ts': '' });
    const cache = new Map<string, unknown>();
    const first = loadConfigFor(path.join(dir, 'bad/x.ts'), { stopAt: path.join(dir, 'bad'), cache });
    assert.deepEqual(first.errors, [
      {
        file: path.join(dir, 'bad/.agent-risk.json'),
        line: 2,
        column: 14,
        message: 'Unknown rule `unscoped-netwrk`; did you mean unscoped-network?',
      },
    ]);
    writeTree(dir, { 'bad/.agent-risk.json': '{}' });
    const second = loadConfigFor(path.join(dir, 'bad/x.ts'), { stopAt: path.join(dir, 'bad'), cache });
    assert.deepEqual(second.errors, first.errors, 'a scan reads each file once');
  });
});

// The Settings UI: every setting has an `order` (enable first), and a `#agentRisk.x#` link is written in a
// markdownDescription, where VS Code renders it as a link instead of showing it literally.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Setting {
  order?: number;
  description?: string;
  markdownDescription?: string;
}

function settings(): Record<string, Setting> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, Setting> } };
  };
  return manifest.contributes.configuration.properties;
}

describe('checks: settings in package.json', () => {
  it('orders every setting, agentRisk.enable first', () => {
    const entries = Object.entries(settings());
    assert.deepEqual(
      entries.filter(([, setting]) => typeof setting.order !== 'number').map(([key]) => key),
      [],
    );
    const first = entries.sort((a, b) => (a[1].order ?? 0) - (b[1].order ?? 0))[0];
    assert.equal(first?.[0], 'agentRisk.enable');
  });

  it('writes links to other settings in markdownDescription, never in a plain description', () => {
    const plain = Object.entries(settings()).filter(([, setting]) =>
      /#agentRisk\.[\w.]+#/.test(setting.description ?? ''),
    );
    assert.deepEqual(
      plain.map(([key]) => key),
      [],
    );
  });
});

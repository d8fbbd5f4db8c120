// Generated files are up to date with their sources, so a stale index never ships.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { renderRulesReadme, RULES_README } from '../tools/gen';

describe('checks: generated files', () => {
  it(`${RULES_README} matches the rule metadata`, () => {
    const file = path.join(repoRoot(), RULES_README);
    assert.ok(fs.existsSync(file), `${RULES_README} is missing: run \`npm run gen\`.`);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      renderRulesReadme(rules),
      `${RULES_README} is out of date: run \`npm run gen\`.`,
    );
  });
});

// Every rule id has its five files (rule, doc, catalog when it declares one, valid and invalid fixtures), and nothing is orphaned.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleIds, rules } from '../../src/engine/index';
import type { RuleDefinition } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { catalogNames, catalogPath, SHARED_CATALOGS } from './catalog-files';
import { fixtureCases } from './fixture-cases';

const root = repoRoot();
/** Files in src/rules/ that are infrastructure, not rules. */
const RULE_INFRASTRUCTURE = new Set(['index.ts', 'define-rule.ts', 'registry.ts', 'severity.ts']);

function listNames(dir: string, suffix: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, -suffix.length));
}

describe('checks: rule id parity', () => {
  it('src/rules/index.ts lists its rules sorted by id, each once', () => {
    const sorted = [...ruleIds].sort();
    assert.deepEqual(ruleIds, sorted, 'Keep `rules` in src/rules/index.ts sorted by id.');
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'A rule id appears twice in src/rules/index.ts.');
  });

  it('every src/rules/<id>.ts is registered in src/rules/index.ts', () => {
    const unregistered = listNames('src/rules', '.ts')
      .filter((name) => !RULE_INFRASTRUCTURE.has(`${name}.ts`))
      .filter((name) => !ruleIds.includes(name));
    assert.deepEqual(
      unregistered,
      [],
      unregistered
        .map((name) => `src/rules/${name}.ts is not in src/rules/index.ts: import it there and add it to \`rules\`.`)
        .join('\n'),
    );
  });

  it('no catalog, doc or fixture folder belongs to an unknown rule', () => {
    const problems = [
      ...catalogNames(root)
        .filter((name) => !SHARED_CATALOGS.includes(name) && !ruleIds.includes(name))
        .map(
          (name) =>
            `${catalogPath(name)} belongs to no rule: rename it to a rule id, add src/rules/${name}.ts, or, if every rule shares it, add \`${name}\` to SHARED_CATALOGS in test/checks/catalog-files.ts.`,
        ),
      ...listNames('rules', '.md')
        .filter((name) => name !== 'README' && !ruleIds.includes(name))
        .map((name) => `rules/${name}.md documents no rule: rename it to a rule id or add src/rules/${name}.ts.`),
      ...fixtureFolders()
        .filter((name) => !ruleIds.includes(name))
        .map(
          (name) => `test/fixtures/${name}/ belongs to no rule: rename it to a rule id or add src/rules/${name}.ts.`,
        ),
    ];
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it(`has src/rules/${rule.id}.ts exporting the rule with that id`, () => {
        const file = path.join(root, 'src', 'rules', `${rule.id}.ts`);
        assert.ok(fs.existsSync(file), `Add src/rules/${rule.id}.ts: the rule file is named after its id.`);
        // The compiled module sits next to this compiled test, under out/src/rules.
        const loaded = require(path.join(__dirname, '..', '..', 'src', 'rules', rule.id)) as {
          default?: RuleDefinition;
        };
        assert.equal(
          loaded.default?.id,
          rule.id,
          `src/rules/${rule.id}.ts must \`export default\` the rule whose id is \`${rule.id}\`.`,
        );
      });

      it(`has its doc rules/${rule.id}.md`, () => {
        assert.ok(
          fs.existsSync(path.join(root, rule.docPath)),
          `Add ${rule.docPath} (see rules/unscoped-network.md for the headings).`,
        );
        assert.equal(rule.docPath, `rules/${rule.id}.md`);
      });

      it(rule.catalog ? `has its catalog ${catalogPath(rule.id)}` : 'has no catalog, as its metadata declares', () => {
        const exists = fs.existsSync(path.join(root, catalogPath(rule.id)));
        if (rule.catalog) {
          assert.ok(exists, `Add ${catalogPath(rule.id)}: src/rules/${rule.id}.ts declares \`catalog: true\`.`);
        } else {
          assert.ok(
            !exists,
            `${catalogPath(rule.id)} exists but src/rules/${rule.id}.ts declares \`catalog: false\`: remove one of them.`,
          );
        }
      });

      for (const kind of ['invalid', 'valid'] as const) {
        it(`has ${kind} fixtures in test/fixtures/${rule.id}/${kind}/`, () => {
          const cases = fixtureCases(root, rule.id, kind);
          assert.ok(
            cases.length > 0,
            `Add at least one fixture under test/fixtures/${rule.id}/${kind}/ (a .ts file, or a folder for a multi-file case).`,
          );
        });
      }
    });
  }
});

function fixtureFolders(): string[] {
  const dir = path.join(root, 'test', 'fixtures');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

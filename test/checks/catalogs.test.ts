// The catalogs are valid against rules/catalog.schema.json, their row ids are unique, and every row is exercised by an invalid fixture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ruleIds, rules } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { catalogNames, catalogPath, readCatalog, SHARED_CATALOGS, TOOLS_CATALOG } from './catalog-files';
import type { Catalog } from './catalog-files';
import { lintAll } from './fixture-cases';

const root = repoRoot();
const SCHEMA = 'rules/catalog.schema.json';
/** The list in the tools catalog whose rows the engine reports as `ToolInfo.form`. */
const FORMS = 'forms';
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function loadSchema(): Record<string, unknown> {
  const file = path.join(root, SCHEMA);
  assert.ok(fs.existsSync(file), `${SCHEMA} is missing: every catalog is validated against it.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Every violation as `<JSON pointer> <message>`, with the draft the schema declares in `$schema`. */
function validateCatalog(data: unknown, schema: Record<string, unknown>): string[] {
  const draft = String(schema['$schema'] ?? '');
  const options = { allErrors: true, strict: true };
  const ajv = draft.includes('2020-12')
    ? new Ajv2020(options)
    : draft.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
  );
}

/** Reads a catalog, failing with the file to add when it does not exist or is not YAML. */
function requireCatalog(name: string): Catalog {
  assert.ok(fs.existsSync(path.join(root, catalogPath(name))), `${catalogPath(name)} is missing: add it.`);
  const catalog = readCatalog(root, name);
  assert.equal(catalog.error, undefined, `${catalog.file} is not valid YAML: ${catalog.error ?? ''}`);
  return catalog;
}

function hitRowIds(results: LintResult[]): Set<string> {
  const hit = new Set<string>();
  for (const result of results) {
    for (const tool of result.tools) for (const capability of tool.capabilities) hit.add(capability.sink);
  }
  return hit;
}

const ruleCatalogs = rules.filter((rule) => rule.catalog).map((rule) => rule.id);
const present = new Set(catalogNames(root));
const checked = [...ruleCatalogs, ...SHARED_CATALOGS.filter((name) => present.has(name))];

describe('checks: catalogs', () => {
  it(`${SCHEMA} exists and is JSON`, () => {
    loadSchema();
  });

  for (const name of checked) {
    describe(catalogPath(name), () => {
      it('is valid against the catalog schema', () => {
        const catalog = requireCatalog(name);
        const errors = validateCatalog(catalog.data, loadSchema());
        assert.deepEqual(errors, [], `${catalog.file} does not match ${SCHEMA}:\n${errors.join('\n')}`);
      });

      it('has unique kebab-case row ids', () => {
        const catalog = requireCatalog(name);
        const ids = catalog.rows.map((row) => row.id);
        const duplicates = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
        assert.deepEqual(duplicates, [], `${catalog.file} uses these row ids more than once.`);
        const badlyNamed = ids.filter((id) => !KEBAB.test(id));
        assert.deepEqual(badlyNamed, [], `Row ids in ${catalog.file} must be kebab-case.`);
      });
    });
  }

  it('uses each rule-catalog row id in one catalog only, so a capability names its row unambiguously', () => {
    const owners = new Map<string, string[]>();
    for (const name of ruleCatalogs.filter((id) => present.has(id))) {
      for (const row of readCatalog(root, name).rows)
        owners.set(row.id, [...(owners.get(row.id) ?? []), catalogPath(name)]);
    }
    const shared = [...owners]
      .filter(([, files]) => files.length > 1)
      .map(([id, files]) => `${id}: ${files.join(', ')}`);
    assert.deepEqual(shared, [], 'These row ids appear in more than one rule catalog.');
  });

  describe('row coverage', () => {
    for (const ruleId of ruleCatalogs) {
      it(`every row of ${catalogPath(ruleId)} is reached by an invalid fixture of ${ruleId}`, () => {
        const catalog = requireCatalog(ruleId);
        assert.ok(catalog.rows.length > 0, `${catalog.file} has no rows.`);
        const hit = hitRowIds(lintAll(root, ruleId, 'invalid'));
        const missed = catalog.rows.filter((row) => !hit.has(row.id)).map((row) => `${row.section}: ${row.id}`);
        assert.deepEqual(
          missed,
          [],
          `No invalid fixture under test/fixtures/${ruleId}/invalid/ reaches these rows of ${catalog.file} (no capability names them); add a fixture line for each.`,
        );
      });
    }

    it(`every form of ${catalogPath(TOOLS_CATALOG)} is recognised in an invalid fixture`, () => {
      const catalog = requireCatalog(TOOLS_CATALOG);
      const forms = catalog.rows.filter((row) => row.section === FORMS);
      assert.ok(forms.length > 0, `${catalog.file} has no rows under \`${FORMS}\`.`);
      const seen = new Set(
        ruleIds
          .flatMap((id) => lintAll(root, id, 'invalid'))
          .flatMap((result) => result.tools.map((tool) => tool.form)),
      );
      const missed = forms.map((row) => row.id).filter((id) => !seen.has(id));
      assert.deepEqual(
        missed,
        [],
        `No invalid fixture declares a tool in these forms of ${catalog.file}; add one per form.`,
      );
    });
  });
});

// Lints pinned releases of real agent packages and checks, tool by tool, the verdicts a reviewer wrote down.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { loadExpectations } from './expectations';
import type { PackageExpectation } from './expectations';
import { lintPackage, packagePath } from './lint-package';
import { fetchPackages, isCached, packageRoot, registryReachable } from './package-cache';
import type { PackageSpec } from './package-cache';
import { packageTable, ruleTable } from './summary';
import type { PackageReport } from './summary';
import { failuresOf, judgeTool } from './verdicts';

// A malformed expectation file becomes one failing test instead of aborting the whole mocha run.
let expectations: PackageExpectation[] = [];
let loadError: unknown;
try {
  expectations = loadExpectations(path.join(repoRoot(), 'test', 'real', 'expectations'));
} catch (error) {
  loadError = error;
}

describe('real packages (pinned npm releases)', () => {
  const reports: PackageReport[] = [];

  if (loadError !== undefined) {
    it('loads the expectation files', () => {
      throw loadError;
    });
  }

  before(function () {
    // The first run downloads about 4 MB of tarballs; later runs reuse the cache.
    this.timeout(10 * 60 * 1000);
    const specs = expectations.map(specOf);
    if (specs.every(isCached)) return;
    const registry = registryReachable(repoRoot());
    if (!registry.isReachable) {
      console.log(
        `      Skipped: the npm registry cannot be reached and the packages are not cached (${registry.reason}).`,
      );
      this.skip();
    }
    fetchPackages(specs, repoRoot());
  });

  after(() => {
    if (reports.length === 0) return;
    const listed = ruleTable(reports, false);
    const recognised = ruleTable(reports, true);
    console.log(
      `\n${packageTable(reports)}\n\nEngine against reviewer, all listed tools:\n${listed}\n\nRecognised tools only:\n${recognised}\n`,
    );
  });

  for (const expectation of expectations) {
    describe(`${expectation.package}@${expectation.version}`, () => {
      let report: PackageReport | undefined;

      before(function () {
        this.timeout(5 * 60 * 1000);
        const root = packageRoot(specOf(expectation));
        const lint = lintPackage(root, expectation.files, expectation.exclude, expectation.config);
        report = { label: expectation.package, lint, outcomes: expectation.tools.map((tool) => judgeTool(tool, lint)) };
        reports.push(report);
      });

      it('points only at files and lines that exist in the package', () => {
        assert.deepEqual(
          missingPlaces(expectation),
          [],
          `Fix ${path.basename(expectation.source)}: the reviewer's data must match the pinned release.`,
        );
      });

      it('lints every selected file without a problem', () => {
        const lint = requireReport(report).lint;
        assert.ok(lint.files.length > 0, `No file of ${expectation.package} matches ${expectation.files.join(', ')}.`);
        const problems = lint.problems.map(
          (problem) => `${problem.kind} ${packagePath(lint.root, problem.file)}: ${problem.message}`,
        );
        assert.deepEqual(problems, []);
      });

      for (const tool of expectation.tools) {
        it(`${tool.name}: ${verdictLine(tool.expect)}`, () => {
          const outcome = requireReport(report).outcomes.find((candidate) => candidate.expectation === tool);
          assert.ok(outcome !== undefined);
          const failures = failuresOf(outcome);
          if (failures.length > 0) assert.fail(`${tool.name} (${tool.file}):\n  ${failures.join('\n  ')}`);
        });
      }
    });
  }
});

function specOf(expectation: PackageExpectation): PackageSpec {
  return { name: expectation.package, version: expectation.version };
}

function requireReport(report: PackageReport | undefined): PackageReport {
  if (report === undefined) throw new Error('The package was not linted (see the failing before hook).');
  return report;
}

/** Every `file` and `at` place of the expectation that the unpacked package does not have. */
function missingPlaces(expectation: PackageExpectation): string[] {
  const root = packageRoot(specOf(expectation));
  const lineCounts = new Map<string, number | undefined>();
  const countLines = (file: string): number | undefined => {
    if (!lineCounts.has(file)) {
      const full = path.join(root, file);
      lineCounts.set(file, fs.existsSync(full) ? fs.readFileSync(full, 'utf8').split('\n').length : undefined);
    }
    return lineCounts.get(file);
  };
  const missing: string[] = [];
  for (const tool of expectation.tools) {
    const places = [
      tool.line === undefined ? undefined : `${tool.file}:${tool.line}`,
      ...Object.values(tool.at).flat(),
    ];
    if (countLines(tool.file) === undefined) missing.push(`${tool.name}: ${tool.file}`);
    for (const place of places) {
      if (place === undefined) continue;
      const separator = place.lastIndexOf(':');
      const lines = countLines(place.slice(0, separator));
      if (lines === undefined || Number(place.slice(separator + 1)) > lines) missing.push(`${tool.name}: ${place}`);
    }
  }
  return missing;
}

function verdictLine(expect: Record<string, boolean>): string {
  const firing = Object.entries(expect)
    .filter(([, fires]) => fires)
    .map(([rule]) => rule);
  return firing.length === 0 ? 'no finding' : firing.join(', ');
}

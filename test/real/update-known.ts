// `npm run accuracy:update-known`: lints every pinned package as the suite does and rewrites stale or missing divergence records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { loadExpectations } from './expectations';
import type { CheckedRule, PackageExpectation, ToolExpectation } from './expectations';
import { applyRecords } from './json-edit';
import { changesOf, reconcile } from './known-records';
import type { RecordChange } from './known-records';
import { lintPackage, packagePath } from './lint-package';
import type { PackageLint } from './lint-package';
import { ensureCached, packageRoot, specOfExpectation } from './package-cache';
import { findTool, isOwnedBy, judgeTool } from './verdicts';

function main(): number {
  const dir = path.join(repoRoot(), 'test', 'real', 'expectations');
  // `--only <stem>[,<stem>…]`: the named expectation files only (a quick check after a targeted change).
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
  const expectations = loadExpectations(dir).filter(
    (expectation) => !only || only.has(path.basename(expectation.source, '.json')),
  );
  if (!ensureCached(expectations.map(specOfExpectation), repoRoot())) return 2;
  const date = new Date().toISOString().slice(0, 10);
  const removed: string[] = [];
  const added: string[] = [];
  let rewritten = 0;
  for (const expectation of expectations) {
    const changes = updateFile(expectation, date);
    if (changes.length > 0) rewritten++;
    const file = path.basename(expectation.source);
    for (const change of changes) {
      const line = `${file} ${change.tool} ${change.key}: ${change.text}`;
      (change.action === 'removed' ? removed : added).push(line);
    }
  }
  console.log(`Removed ${removed.length} records the engine no longer diverges from:`);
  for (const line of removed) console.log(`  - ${line}`);
  if (added.length > 0) {
    console.log(`\n!!! ADDED ${added.length} NEW DIVERGENCE RECORDS: regressions or new gaps; review each one !!!`);
    for (const line of added) console.log(`  + ${line}`);
  } else console.log('\nAdded 0 records.');
  console.log(`\n${rewritten} of ${expectations.length} expectation files rewritten.`);
  return 0;
}

/** Lints one package, reconciles each tool's records and rewrites the file only when a record changed. */
function updateFile(expectation: PackageExpectation, date: string): RecordChange[] {
  const root = packageRoot({ name: expectation.package, version: expectation.version });
  const lint = lintPackage(root, expectation.files, expectation.exclude, expectation.config);
  const original = fs.readFileSync(expectation.source, 'utf8');
  let text = original;
  const changes: RecordChange[] = [];
  expectation.tools.forEach((tool, index) => {
    const updated = reconcile(tool, (candidate) => judgeTool(candidate, lint), date, evidenceFor(tool, lint));
    const toolChanges = changesOf(tool, updated);
    if (toolChanges.length === 0) return;
    changes.push(...toolChanges);
    text = applyRecords(text, index, tool, updated);
  });
  if (text !== original) fs.writeFileSync(expectation.source, text);
  return changes;
}

/** `<engine message or 'no finding'> at <file:line>` for one rule of one tool. */
function evidenceFor(tool: ToolExpectation, lint: PackageLint): (rule: CheckedRule) => string {
  const found = findTool(tool, lint);
  return (rule) => {
    const finding =
      found === undefined
        ? undefined
        : lint.findings.find((candidate) => candidate.ruleId === rule && isOwnedBy(candidate, found));
    if (finding !== undefined)
      return `"${finding.message}" at ${packagePath(lint.root, finding.file)}:${finding.range.start.line}`;
    const line = found?.range.start.line ?? tool.line;
    return `no finding at ${tool.file}${line === undefined ? '' : `:${line}`}`;
  };
}

process.exitCode = main();

// `npm run accuracy`: lints every pinned real package, compares the engine with the reviewer's verdicts, prints and saves the figures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { accuracyFigures, countedOutcomes } from './accuracy-figures';
import type { AccuracyFigures, RuleFigures } from './accuracy-figures';
import { loadExpectations } from './expectations';
import type { PackageExpectation } from './expectations';
import { lintPackage } from './lint-package';
import { ensureCached, packageRoot, specOfExpectation } from './package-cache';
import { packageTable, render } from './summary';
import type { PackageReport } from './summary';
import { judgeTool } from './verdicts';

interface Disagreement {
  package: string;
  tool: string;
  file: string;
  rule: string;
  kind: 'false-positive' | 'false-negative';
  isRecognised: boolean;
  /** The recorded reason when the divergence is known; otherwise the reviewer's reason. */
  why: string;
}

/**
 * `--only a,b` keeps the sources whose file stem or package name is listed, and `--expectations <dir>`
 * reads verdicts from another folder: both let a reviewer measure a set of new verdicts alone, also
 * against an older engine checked out elsewhere.
 */
function selectedExpectations(argv: string[]): PackageExpectation[] {
  const flagValue = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const dir = flagValue('--expectations') ?? path.join(repoRoot(), 'test', 'real', 'expectations');
  const only = flagValue('--only')
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const all = loadExpectations(path.resolve(dir));
  if (only === undefined) return all;
  const wanted = new Set(only);
  const kept = all.filter(
    (expectation) => wanted.has(expectation.package) || wanted.has(path.basename(expectation.source, '.json')),
  );
  if (kept.length === 0) throw new Error(`--only ${only.join(',')} matches no expectation file in ${dir}`);
  return kept;
}

function main(): number {
  const expectations = selectedExpectations(process.argv.slice(2));
  if (!ensureCached(expectations.map(specOfExpectation), repoRoot())) return 2;
  const reports = expectations.map(reportFor);
  const figures = accuracyFigures(reports);
  // The same counts over recognised tools only separate analysis quality from recognition.
  const recognised = accuracyFigures(
    reports.map((report) => ({
      ...report,
      outcomes: report.outcomes.filter((outcome) => outcome.found !== undefined),
    })),
  );
  const flaggedLookAlikes = countedOutcomes(reports).filter(
    (outcome) =>
      outcome.expectation.classes.includes('look-alike') &&
      outcome.verdicts.some((verdict) => verdict.actual && !verdict.expected),
  ).length;
  const disagreements = disagreementsOf(reports);
  console.log(packageTable(reports));
  console.log(`\n${corpusLine(figures)}\n`);
  console.log(figuresTable(figures));
  console.log(`\nRecognised tools only (${recognised.tools}):\n${figuresTable(recognised)}`);
  console.log(
    `\nLook-alikes with a finding the reviewer did not expect: ${flaggedLookAlikes} of ${figures.lookAlikeTools}`,
  );
  const outDir = path.join(repoRoot(), 'test-output');
  fs.mkdirSync(outDir, { recursive: true });
  // A measured subset never overwrites the whole corpus's summary.
  const outFile = path.join(outDir, process.argv.includes('--only') ? 'accuracy-subset.json' : 'accuracy.json');
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    sources: expectations.map((expectation) => `${expectation.package}@${expectation.version}`),
    figures,
    recognisedOnly: recognised,
    flaggedLookAlikes,
    disagreements,
  };
  fs.writeFileSync(outFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\n${disagreements.length} disagreements; summary written to ${path.relative(repoRoot(), outFile)}`);
  return 0;
}

function reportFor(expectation: PackageExpectation): PackageReport {
  const root = packageRoot({ name: expectation.package, version: expectation.version });
  const lint = lintPackage(root, expectation.files, expectation.exclude, expectation.config);
  return {
    label: `${expectation.package}@${expectation.version}`,
    lint,
    outcomes: expectation.tools.map((tool) => judgeTool(tool, lint)),
  };
}

function corpusLine(figures: AccuracyFigures): string {
  return [
    `${figures.tools} judged tools (medium/high confidence; ${figures.lowConfidenceTools} low left out)`,
    `from ${figures.sources} sources`,
    `${figures.recognisedTools} recognised`,
    `${figures.valueMovingTools} value-moving`,
    `${figures.lookAlikeTools} look-alikes`,
  ].join(', ');
}

function figuresTable(figures: AccuracyFigures): string {
  const header = ['rule', 'tp', 'fp', 'fn', 'fn (unrecognised)', 'tn', 'precision', 'recall'];
  const row = (item: RuleFigures): string[] => [
    item.rule,
    String(item.tp),
    String(item.fp),
    String(item.fn),
    String(item.fnUnrecognised),
    String(item.tn),
    ratio(item.precision),
    ratio(item.recall),
  ];
  return render([header, ...figures.rules.map(row), row(figures.overall)]);
}

function ratio(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(2);
}

function disagreementsOf(reports: PackageReport[]): Disagreement[] {
  const counted = new Set(countedOutcomes(reports));
  return reports.flatMap((report) =>
    report.outcomes
      .filter((outcome) => counted.has(outcome))
      .flatMap((outcome) =>
        outcome.verdicts
          .filter((verdict) => verdict.expected !== verdict.actual)
          .map((verdict) => ({
            package: report.label,
            tool: outcome.expectation.name,
            file: outcome.expectation.file,
            rule: verdict.rule,
            kind: verdict.expected ? ('false-negative' as const) : ('false-positive' as const),
            isRecognised: outcome.found !== undefined,
            why:
              outcome.expectation.known[verdict.rule]?.why ??
              (outcome.found === undefined ? outcome.expectation.knownUnrecognised : undefined) ??
              outcome.expectation.reasons[verdict.rule] ??
              outcome.expectation.why,
          })),
      ),
  );
}

process.exitCode = main();

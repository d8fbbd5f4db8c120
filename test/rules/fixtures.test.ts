// Runs every annotated fixture under test/fixtures/<rule-id>/ through the engine, one mocha test per fixture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Project,
  defaultConfig,
  lintText,
  mergeConfig,
  mergeDelegatedFindings,
  ruleById,
  ruleIds,
  type Finding,
  type LintResult,
  type ResolvedConfig,
} from '../../src/engine/index';
import {
  compareFindings,
  describeAnnotation,
  describeFinding,
  parseFixture,
  type Annotation,
  type FindingSpan,
  type ParsedFixture,
} from '../support/annotations';
import { repoRoot } from '../support/paths';

const FIXTURES = path.join(repoRoot(), 'test', 'fixtures');
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const CONFIG_KEYS = new Set<string>(Object.keys(defaultConfig()));
const UPDATE = process.env['UPDATE_SNAPSHOTS'] === '1';

interface Fixture {
  ruleId: string;
  expectation: 'valid' | 'invalid';
  /** Path relative to the rule's folder, e.g. `invalid/ai-sdk-fetch-url.ts`. */
  name: string;
  /** The fixture file, or the folder of a multi-file case. */
  location: string;
  files: string[];
  configFile: string | undefined;
}

interface FileRun {
  file: string;
  parsed: ParsedFixture;
  result: LintResult;
}

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(file)) && !file.endsWith('.d.ts');
}

function listSources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listSources(full);
      return entry.isFile() && isSource(entry.name) ? [full] : [];
    })
    .sort();
}

/** Every file of a multi-file case, whatever its kind. */
function listAll(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listAll(full) : [full];
  });
}

/** A folder's names as the host lists them (folders with a trailing `/`), from the case's files. */
function listing(files: ReadonlyMap<string, string>, dir: string): string[] | undefined {
  const names = new Set<string>();
  for (const file of files.keys()) {
    const rest = path.relative(dir, file);
    if (rest.startsWith('..') || path.isAbsolute(rest)) continue;
    const [head, ...tail] = rest.split(path.sep);
    if (head) names.add(tail.length > 0 ? `${head}/` : head);
  }
  return names.size > 0 ? [...names].sort() : undefined;
}

/** Stray files (orphan configs, unknown extensions) are reported rather than ignored. */
function discover(ruleId: string): { fixtures: Fixture[]; strays: string[] } {
  const fixtures: Fixture[] = [];
  const strays: string[] = [];
  for (const expectation of ['invalid', 'valid'] as const) {
    const dir = path.join(FIXTURES, ruleId, expectation);
    if (!fs.existsSync(dir)) continue;
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(entries.map((entry) => entry.name));
    for (const entry of entries) {
      const location = path.join(dir, entry.name);
      const name = `${expectation}/${entry.name}`;
      if (entry.name.endsWith('.config.json')) {
        const base = entry.name.slice(0, -'.config.json'.length);
        const owner = [...names].some(
          (other) => other !== entry.name && (other === base || stripExtension(other) === base),
        );
        if (!owner) strays.push(`${name} (no fixture named ${base})`);
        continue;
      }
      const configName = `${entry.isDirectory() ? entry.name : stripExtension(entry.name)}.config.json`;
      const configFile = names.has(configName) ? path.join(dir, configName) : undefined;
      if (entry.isDirectory()) {
        fixtures.push({ ruleId, expectation, name: `${name}/`, location, files: listSources(location), configFile });
      } else if (isSource(entry.name)) {
        fixtures.push({ ruleId, expectation, name, location, files: [location], configFile });
      } else {
        strays.push(name);
      }
    }
  }
  return { fixtures, strays };
}

function stripExtension(name: string): string {
  return name.slice(0, name.length - path.extname(name).length);
}

function loadConfig(configFile: string | undefined): ResolvedConfig {
  if (configFile === undefined) return defaultConfig();
  const layer: unknown = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) {
    throw new Error(`${configFile}: expected a JSON object (a partial ResolvedConfig).`);
  }
  const unknownKeys = Object.keys(layer).filter((key) => !CONFIG_KEYS.has(key));
  if (unknownKeys.length > 0) throw new Error(`${configFile}: unknown keys ${unknownKeys.join(', ')}.`);
  return mergeConfig(defaultConfig(), layer as Partial<ResolvedConfig>);
}

const runs = new Map<string, FileRun[]>();

/** Lints a fixture once; single files through `lintText`, folders through one `Project` over the folder. */
function run(fixture: Fixture): FileRun[] {
  const cached = runs.get(fixture.location);
  if (cached) return cached;
  const config = loadConfig(fixture.configFile);
  const texts = new Map(fixture.files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  let lint: (file: string, text: string) => LintResult;
  if (fixture.files.length === 1 && fixture.files[0] === fixture.location) {
    lint = (file, text) => lintText(text, file, config);
  } else {
    // The host sees only the case's own files (package.json and tsconfig.json included), so a fixture
    // cannot depend on anything outside it.
    const all = new Map(listAll(fixture.location).map((file) => [file, fs.readFileSync(file, 'utf8')]));
    const project = new Project(config, {
      readFile: (file) => all.get(path.resolve(file)),
      listDirectory: (dir) => listing(all, path.resolve(dir)),
    });
    lint = (file, text) => project.lint(file, text);
  }
  const raw = fixture.files.map((file) => lint(file, texts.get(file) ?? ''));
  // A delegated tool's findings sit in its handler's file: compared there, as a scan reports them.
  const merged = new Map(mergeDelegatedFindings(raw).map((result) => [path.resolve(result.file), result]));
  const result = fixture.files.map((file, index) => {
    const own = merged.get(path.resolve(file));
    const combined = {
      ...(raw[index] as LintResult),
      findings: own?.findings ?? [],
      suppressed: own?.suppressed ?? [],
    };
    return { file, parsed: parseFixture(texts.get(file) ?? '', ruleIds), result: combined };
  });
  const strays = [...merged.keys()].filter((file) => !texts.has(file));
  if (strays.length > 0) throw new Error(`Findings outside the case: ${strays.join(', ')}.`);
  runs.set(fixture.location, result);
  return result;
}

function comparedRules(fixture: Fixture, parsed: ParsedFixture): Set<string> {
  return new Set([fixture.ruleId, ...parsed.headerRules]);
}

function sameStart(annotation: Annotation, start: { line: number; column: number }): boolean {
  return (
    start.line === annotation.line && (annotation.isArrow ? start.column <= 1 : start.column === annotation.column)
  );
}

/** Whether the engine's inventory holds the sink (or, for rules without sinks, the tool) an `ok:` points at. */
function considered(file: string, annotation: Annotation, fileRuns: readonly FileRun[]): boolean {
  const tools = fileRuns.flatMap((fileRun) => fileRun.result.tools);
  const reports = ruleById(annotation.ruleId)?.reports;
  // For an `ok:` on a sink rule, the engine must list a capability of the rule's kind starting at the caret.
  if (reports?.role === 'sink') {
    const kind = reports.capability.kind;
    return tools.some((tool) =>
      tool.capabilities.some(
        (capability) =>
          capability.kind === kind &&
          path.resolve(capability.file) === file &&
          sameStart(annotation, capability.range.start),
      ),
    );
  }
  if (reports?.role === 'audit') {
    return tools.some((tool) => path.resolve(tool.file) === file && sameStart(annotation, tool.range.start));
  }
  return true;
}

function toSpan(finding: Finding): FindingSpan {
  return { ruleId: finding.ruleId, start: finding.range.start, end: finding.range.end, message: finding.message };
}

function relative(file: string): string {
  return path.relative(FIXTURES, file).split(path.sep).join('/');
}

/** Problems with the fixture itself or the engine's answer, before any comparison. */
function checkFixtureShape(fixture: Fixture, fileRuns: readonly FileRun[]): string[] {
  const problems: string[] = [];
  if (fixture.files.length === 0) problems.push(`${fixture.name} holds no source files.`);
  for (const { file, parsed, result } of fileRuns) {
    for (const error of parsed.errors)
      problems.push(`${relative(file)}:${error.line}: malformed annotation: ${error.message}`);
    for (const problem of result.problems)
      problems.push(`${relative(file)}: engine problem (${problem.kind}): ${problem.message}`);
    if (parsed.toolCount !== undefined && result.tools.length !== parsed.toolCount) {
      const names = result.tools.map((tool) => tool.name).join(', ') || 'none';
      problems.push(
        `${relative(file)}: \`// tools: ${parsed.toolCount}\` but the engine recognised ${result.tools.length} (${names}).`,
      );
    }
  }
  const annotations = fileRuns.flatMap((fileRun) => fileRun.parsed.annotations);
  const own = annotations.filter((annotation) => annotation.ruleId === fixture.ruleId);
  if (fixture.expectation === 'invalid') {
    if (!own.some((annotation) => annotation.kind === 'expected' || annotation.kind === 'missing')) {
      problems.push(`Invalid fixture ${fixture.name} has no \`${fixture.ruleId}\` annotation to expect.`);
    }
  } else {
    const wrong = own.filter((annotation) => annotation.kind === 'expected' || annotation.kind === 'missing');
    for (const annotation of wrong) {
      problems.push(
        `Valid fixture ${fixture.name} expects a finding of its own rule (${describeAnnotation(annotation)}); move it to invalid/.`,
      );
    }
    const hasOk = annotations.some((annotation) => annotation.kind === 'ok');
    const hasTools = fileRuns.some((fileRun) => (fileRun.parsed.toolCount ?? 0) > 0);
    if (!hasOk && !hasTools) {
      problems.push(
        `Valid fixture ${fixture.name} needs an \`ok:\` annotation or a \`// tools: N\` header (N >= 1), so it cannot pass with nothing recognised.`,
      );
    }
  }
  return problems;
}

/** Expected vs actual for every file, printed when a fixture fails. */
function renderDiff(fixture: Fixture, fileRuns: readonly FileRun[]): string {
  const out: string[] = ['(positions are line:column with 0-based columns, as the carets count them)'];
  for (const { file, parsed, result } of fileRuns) {
    const rules = comparedRules(fixture, parsed);
    out.push(`  ${relative(file)}`);
    out.push('    expected:');
    const annotations = parsed.annotations.filter((annotation) => rules.has(annotation.ruleId));
    if (annotations.length === 0) out.push('      (nothing)');
    for (const annotation of annotations)
      out.push(`      ${describeAnnotation(annotation)}${annotation.note ? ` -- ${annotation.note}` : ''}`);
    out.push('    actual:');
    const findings = result.findings.filter((finding) => rules.has(finding.ruleId));
    if (findings.length === 0) out.push('      (nothing)');
    for (const finding of findings) out.push(`      ${describeFinding(toSpan(finding), parsed.lines)}`);
    const tools = result.tools.map(
      (tool) =>
        `${tool.name} [${tool.capabilities.map((c) => `${c.kind}:${c.sink}@${c.range.start.line}:${c.range.start.column}`).join(', ')}]`,
    );
    out.push(`    tools: ${tools.length > 0 ? tools.join('; ') : '(none)'}`);
  }
  return out.join('\n');
}

function checkFixture(fixture: Fixture): void {
  const fileRuns = run(fixture);
  const problems = checkFixtureShape(fixture, fileRuns);
  for (const { file, parsed, result } of fileRuns) {
    const mismatches = compareFindings(
      parsed,
      result.findings.map(toSpan),
      comparedRules(fixture, parsed),
      (annotation) => considered(file, annotation, fileRuns),
    );
    for (const mismatch of mismatches) problems.push(`${relative(file)}:${mismatch.line}: ${mismatch.message}`);
  }
  if (problems.length > 0) {
    assert.fail(`${problems.join('\n')}\n\n${renderDiff(fixture, fileRuns)}`);
  }
}

/** The rendered messages of a rule's findings over all its fixtures: file:line:col (1-based), source, `~~~`, message. */
function renderSnapshot(ruleId: string, fixtures: readonly Fixture[]): string {
  const out = [
    `# ${ruleId}: rendered findings over test/fixtures/${ruleId} (line:column, both 1-based).`,
    '# Rewrite with UPDATE_SNAPSHOTS=1 npm test; review the diff.',
    '',
  ];
  for (const fixture of fixtures) {
    for (const { file, parsed, result } of run(fixture)) {
      const findings = result.findings
        .filter((finding) => finding.ruleId === ruleId)
        .sort((a, b) => a.range.start.offset - b.range.start.offset);
      for (const finding of findings) {
        const { line, column } = finding.range.start;
        const source = parsed.lines[line - 1] ?? '';
        const width = Math.max(
          1,
          finding.range.end.line === line ? finding.range.end.column - column : source.length - column,
        );
        out.push(
          `${path.relative(path.join(FIXTURES, ruleId), file).split(path.sep).join('/')}:${line}:${column + 1} ${finding.severity}`,
        );
        out.push(`  | ${source}`);
        out.push(`  | ${' '.repeat(column)}${'~'.repeat(width)}`);
        out.push(`  = ${finding.message}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

function checkSnapshot(ruleId: string, fixtures: readonly Fixture[]): void {
  const snapFile = path.join(FIXTURES, ruleId, `${ruleId}.snap`);
  const actual = renderSnapshot(ruleId, fixtures);
  if (UPDATE) {
    fs.writeFileSync(snapFile, actual);
    return;
  }
  if (!fs.existsSync(snapFile))
    assert.fail(`${relative(snapFile)} is missing; create it with UPDATE_SNAPSHOTS=1 npm test.`);
  assert.equal(
    actual,
    fs.readFileSync(snapFile, 'utf8'),
    `${relative(snapFile)} is out of date; rewrite it with UPDATE_SNAPSHOTS=1 npm test.`,
  );
}

describe('rule fixtures', () => {
  const folders = fs.existsSync(FIXTURES)
    ? fs
        .readdirSync(FIXTURES, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

  for (const folder of folders) {
    describe(folder, () => {
      if (!ruleIds.includes(folder)) {
        it('is named after a rule', () =>
          assert.fail(`test/fixtures/${folder} does not name a rule (${ruleIds.join(', ')}).`));
        return;
      }
      const { fixtures, strays } = discover(folder);
      if (strays.length > 0) {
        it('holds only fixtures and their configs', () => assert.fail(`Stray files: ${strays.join(', ')}.`));
      }
      for (const fixture of fixtures) {
        it(fixture.name, () => checkFixture(fixture));
      }
      it(`matches ${folder}.snap`, () => checkSnapshot(folder, fixtures));
    });
  }
});

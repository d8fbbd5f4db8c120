// The same files give byte-identical JSON and SARIF, whatever the run, the worker count, the locale or the time zone.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { runCli } from './support/cli';
import { ruleFixtures } from './support/fixtures';
import { NESTING, toolFile, toolWith, TOOL_IMPORTS } from './support/generate';
import { scratch, type Scratch } from './support/scratch';

/** Names whose order differs between byte order and the collation of some locales (Swedish puts ä after z). */
const TRICKY_NAMES = ['a', 'B', 'z', 'ä', 'Å', 'aa', 'é', '_', '10', '9'];

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('reliability: determinism', function () {
  this.timeout(300_000);
  let dir: Scratch;

  before(() => {
    dir = scratch('determinism');
    const files: Record<string, string> = {};
    // Real fixtures, outside any test folder so the default excludes keep them.
    for (const fixture of ruleFixtures()) files[`ws/src/${fixture.name}`] = fixture.text;
    // Files and tools whose names sort differently by locale, with two tools on one line so ties need a rule.
    for (const name of TRICKY_NAMES) {
      files[`ws/names/${name}.ts`] =
        `${TOOL_IMPORTS}${toolWith('return fetch(url);', `t${name.replace(/\W/g, '_')}`)}export const [${['ä', 'z'].map((n) => `${n === 'ä' ? 'ae' : n}Tool`).join(', ')}] = [tool({ description: 'a', inputSchema: z.object({ url: z.string() }), execute: async ({ url }) => fetch(url) }), tool({ description: 'b', inputSchema: z.object({ url: z.string() }), execute: async ({ url }) => fetch(url) })];\n`;
    }
    // Nesting deep enough that the parser's stack is the limit: the answer must not depend on which thread parses.
    files['deep/nested.ts'] = toolFile((NESTING.parentheses as (depth: number) => string)(2_000));
    for (let i = 0; i < 40; i++) files[`deep/plain${i}.ts`] = toolFile('return fetch(url);');
    dir.write(files);
  });
  after(() => dir.remove());

  const runs: Array<{ name: string; args: string[]; env?: NodeJS.ProcessEnv }> = [
    { name: 'first run', args: [] },
    { name: 'second run', args: [] },
    { name: '--jobs 2', args: ['--jobs', '2'] },
    { name: '--jobs 3', args: ['--jobs', '3'] },
    {
      name: 'Swedish locale, another time zone',
      args: [],
      env: { LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8', TZ: 'Pacific/Chatham' },
    },
    {
      name: 'Danish locale, --jobs 2',
      args: ['--jobs', '2'],
      env: { LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8', TZ: 'America/St_Johns' },
    },
  ];

  for (const format of ['json', 'sarif']) {
    it(`prints byte-identical ${format} across runs, worker counts, locales and time zones`, () => {
      const outputs = runs.map((run) => {
        const result = runCli(['scan', '.', '--format', format, '--fail-on', 'never', ...run.args], {
          cwd: dir.path('ws'),
          ...(run.env ? { env: run.env } : {}),
        });
        assert.equal(result.status, 0, `${run.name}: ${result.stderr}`);
        return { name: run.name, text: result.stdout };
      });
      const [reference] = outputs;
      assert.ok(reference && reference.text.length > 10_000, 'the report is not trivially small');
      const differing = outputs
        .filter((output) => output.text !== reference.text)
        .map(
          (output) =>
            `${output.name}: ${digest(output.text)} vs ${digest(reference.text)}; first difference near ${firstDifference(output.text, reference.text)}`,
        );
      assert.deepEqual(differing, []);
    });
  }

  it('gives a file nested deeper than the main thread’s stack allows the same result with and without worker threads', () => {
    // Workers get a larger stack than the main thread, so the parser can succeed in one and overflow in the other.
    const outputs = [
      ['--jobs', '1'],
      ['--jobs', '2'],
    ].map(
      (args) =>
        runCli(['scan', '.', '--format', 'json', '--fail-on', 'never', ...args], { cwd: dir.path('deep') }).stdout,
    );
    const [one, two] = outputs.map((output) => output.replace(/"root": ".*"/, ''));
    assert.ok(one === two, `--jobs 1 and --jobs 2 differ near ${firstDifference(one ?? '', two ?? '')}`);
  });
});

/** A little context around the first character where two outputs part, to make a failure readable. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return JSON.stringify(a.slice(Math.max(0, i - 80), i + 80));
}

// A file's result does not depend on which files one Project linted before it: a serial scan, a worker and
// a fresh lint of the same file (the editor, `--cache`) must agree.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Project } from '../../src/engine/index';
import type { LintResult, ProjectHost } from '../../src/engine/types';

const ROOT = path.resolve('/order-repo');
const at = (name: string): string => path.join(ROOT, name);

/** Helpers whose untyped receivers send the package-wide caller search after each helper's name, once per helper. */
const HELPERS = 40;

function manyHelpers(): string {
  const helpers = Array.from(
    { length: HELPERS },
    (_, index) => `export function relay${index}(target) {\n  return target.deliver${index}();\n}\n`,
  );
  const calls = Array.from({ length: HELPERS }, (_, index) => `    await relay${index}(text);`).join('\n');
  return `import { tool } from 'ai';
import { z } from 'zod';
${helpers.join('')}
export const relayAll = tool({
  description: 'Relay a note to every channel',
  inputSchema: z.object({ text: z.string() }),
  execute: async ({ text }) => {
${calls}
    return 'sent';
  },
});
`;
}

const FILES: Record<string, string> = {
  'package.json': '{ "name": "order-fixture", "version": "1.0.0" }',
  // Two classes declare `permits`: the method's owner is known only from what the callers pass.
  'policy.js': `const HOSTS = new Set(['docs.example.com']);
export class ListedHosts {
  permits(url) {
    return HOSTS.has(url);
  }
}
export class AnyHost {
  permits(url) {
    return url.length > 0;
  }
}
`,
  'gate.js': `export async function fetchPermitted(policy, url) {
  if (!policy.permits(url)) throw new Error('host not allowed');
  return fetch(url);
}
`,
  // The file linted second: whether its guard is seen must not depend on the first.
  'page.js': `import { tool } from 'ai';
import { z } from 'zod';
import { fetchPermitted } from './gate';
import { ListedHosts } from './policy';
export const readPage = tool({
  description: 'Read a page of the documentation',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => fetchPermitted(new ListedHosts(), url),
});
`,
  'relay.js': manyHelpers(),
};

/** A host over some files, with folders derived from the paths (the package-wide searches list them). */
const hostOver = (files: Record<string, string>): ProjectHost => ({
  readFile: (file) => files[path.relative(ROOT, path.resolve(file))],
  listDirectory(dir: string): string[] | undefined {
    const names = new Set<string>();
    for (const name of Object.keys(files)) {
      const rest = path.relative(path.resolve(dir), at(name));
      if (rest.startsWith('..')) continue;
      const [head, ...tail] = rest.split(path.sep);
      if (head) names.add(tail.length > 0 ? `${head}/` : head);
    }
    return [...names];
  },
});
const host = hostOver(FILES);

/** An untyped receiver's method declared only in a file over the owner search's size limit (200,000 characters). */
const openTool = (receiver: string) => `export function makeOpen(${receiver}) {
  return tool({
    description: 'Open a page',
    inputSchema: z.object({ url: z.string() }),
    execute: async ({ url }) => ${receiver}.navigateTo(url),
  });
}
`;
const SIZED: Record<string, string> = {
  'package.json': '{ "name": "sized-fixture", "version": "1.0.0" }',
  // The large file searches itself whatever its size; the small one does not search it.
  'bundle.js': `import { tool } from 'ai';
import { z } from 'zod';
export class Browser {
  navigateTo(url) {
    return fetch(url);
  }
}
${openTool('tab')}/* ${'x'.repeat(210_000)} */
`,
  'page.js': `import { tool } from 'ai';
import { z } from 'zod';
${openTool('view')}`,
};
const sizedHost = hostOver(SIZED);

/**
 * A chain of helpers longer than the interpreter's summary depth: entered at its head (the deep tool) the
 * request at its end lies past the limit; entered halfway (the shallow tool) it is in reach.
 */
const chain = Array.from({ length: 8 }, (_, index) =>
  index < 7
    ? `export async function step${index}(url) {\n  return step${index + 1}(url);\n}\n`
    : `export async function step${index}(url) {\n  return fetch(url);\n}\n`,
).join('');
const toolCalling = (name: string, helper: string) => `import { tool } from 'ai';
import { z } from 'zod';
import { ${helper} } from './chain';
export const ${name} = tool({
  description: 'Fetch a page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => ${helper}(url),
});
`;
const DEEP: Record<string, string> = {
  'package.json': '{ "name": "deep-fixture", "version": "1.0.0" }',
  'chain.js': chain,
  'deep.js': toolCalling('fetchDeep', 'step0'),
  'shallow.js': toolCalling('fetchShallow', 'step4'),
};
const deepHost = hostOver(DEEP);

/** What a lint says about its tools: the result a scan reports, without file positions that cannot differ. */
function verdict(result: LintResult): unknown {
  return { tools: result.tools, findings: result.findings, problems: result.problems };
}

describe('lint order', () => {
  it('a file linted after another in the same Project gets the result it gets alone', () => {
    const alone = new Project(undefined, host).lint(at('page.js'));
    const project = new Project(undefined, host);
    project.lint(at('relay.js'));
    const after = project.lint(at('page.js'));
    assert.deepEqual(verdict(after), verdict(alone));
    // The comparison proves something only if the tool was found and its guard came from the callers' class.
    assert.equal(alone.tools.length, 1);
    assert.ok(
      alone.tools[0]?.guards.some((guard) => guard.includes('fetchPermitted')),
      JSON.stringify(alone.tools[0]?.guards),
    );
  });

  it('and so does a file linted first', () => {
    const alone = new Project(undefined, host).lint(at('relay.js'));
    const project = new Project(undefined, host);
    project.lint(at('page.js'));
    assert.deepEqual(verdict(project.lint(at('relay.js'))), verdict(alone));
  });

  it('a helper summarised whole by an earlier file is not reused where the summary depth would cut it', () => {
    const shallowAlone = new Project(undefined, deepHost).lint(at('shallow.js'));
    const deepAlone = new Project(undefined, deepHost).lint(at('deep.js'));
    // The comparison proves something only if the two entries see the chain's end differently.
    assert.ok(shallowAlone.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    assert.ok(!deepAlone.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    const shallowFirst = new Project(undefined, deepHost);
    shallowFirst.lint(at('shallow.js'));
    assert.deepEqual(verdict(shallowFirst.lint(at('deep.js'))), verdict(deepAlone));
    const deepFirst = new Project(undefined, deepHost);
    deepFirst.lint(at('deep.js'));
    assert.deepEqual(verdict(deepFirst.lint(at('shallow.js'))), verdict(shallowAlone));
  });

  it("a method owner found in a large file is that file's answer only, whichever lints first", () => {
    const bundleAlone = new Project(undefined, sizedHost).lint(at('bundle.js'));
    const pageAlone = new Project(undefined, sizedHost).lint(at('page.js'));
    // The comparison proves something only if the large file's own lint reached its class and the small one's did not.
    assert.ok(
      bundleAlone.findings.some((finding) => finding.ruleId === 'unscoped-network'),
      JSON.stringify(bundleAlone.findings),
    );
    assert.ok(!pageAlone.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    const bundleFirst = new Project(undefined, sizedHost);
    bundleFirst.lint(at('bundle.js'));
    assert.deepEqual(verdict(bundleFirst.lint(at('page.js'))), verdict(pageAlone));
    const pageFirst = new Project(undefined, sizedHost);
    pageFirst.lint(at('page.js'));
    assert.deepEqual(verdict(pageFirst.lint(at('bundle.js'))), verdict(bundleAlone));
  });
});

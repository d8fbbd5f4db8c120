// An editor's re-lints keep the imported files the last lint loaded when they fit the linter's bound
// (`cachedSourceChars`): a bound below a lint's working set made every keystroke parse them again.
import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../src/engine/index';
import { EDITOR_CACHED_SOURCE_CHARS, FileLinter } from '../../src/scan/file-linter';

const TOOL = `import { tool } from 'ai';
import { z } from 'zod';
import { get } from './http';

export const fetchPage = tool({
  description: 'Fetch a page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => get(url),
});
`;
/** A helper file of some 40,000 characters: over the small bound below, far under the editors'. */
const HTTP = `export async function get(url: string) {
  return (await fetch(url)).text();
}
${Array.from({ length: 800 }, (_, i) => `export const padding${i} = 'some text that only takes room here';`).join('\n')}
`;

describe('editor re-lint: imported files kept between lints', () => {
  const files: Record<string, string> = { '/p/tool.ts': TOOL, '/p/http.ts': HTTP };

  /** Lints the tool file `times` times as an editor does; how often the helper file was read, and the findings. */
  function relint(cachedSourceChars: number, times: number): { reads: number; findings: string[][] } {
    let reads = 0;
    const held = (file: string): string | undefined => {
      if (file === '/p/http.ts') reads++;
      return files[file];
    };
    const linter = new FileLinter({ configs: [defaultConfig()], recordDependencies: false, cachedSourceChars }, held);
    const findings: string[][] = [];
    for (let i = 0; i < times; i++) {
      linter.invalidate('/p/tool.ts');
      const result = linter.lintText({ index: 0, file: '/p/tool.ts', group: 0 }, TOOL).result;
      findings.push((result?.findings ?? []).map((finding) => `${finding.ruleId}@${finding.range.start.line}`));
    }
    return { reads, findings };
  }

  it("under the editors' bound the helper is parsed once, whatever the number of keystrokes", () => {
    const kept = relint(EDITOR_CACHED_SOURCE_CHARS, 3);
    assert.equal(kept.reads, 1);
    assert.deepEqual(
      kept.findings,
      Array.from({ length: 3 }, () => ['missing-audit-hook@5', 'unscoped-network@8']),
    );
  });

  it('under a bound smaller than the helper it is parsed again at each lint, with the same findings', () => {
    const dropped = relint(1_000, 3);
    assert.equal(dropped.reads, 3);
    assert.deepEqual(dropped.findings, relint(EDITOR_CACHED_SOURCE_CHARS, 3).findings);
  });
});

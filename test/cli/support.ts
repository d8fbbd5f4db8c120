// Helpers for CLI tests: run the built CLI as a child process, make scratch folders, compare snapshots.
import { spawnSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const binPath = (): string => path.join(repoRoot(), 'bin', 'agent-risk.js');
export const fixturePath = (...parts: string[]): string => path.join(repoRoot(), 'test', 'cli', 'fixtures', ...parts);

/** Runs `node bin/agent-risk.js …` the way a user or CI would: pipes, so no TTY and no colour. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number } = {},
): CliRun {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [binPath(), ...args], {
    cwd: options.cwd ?? repoRoot(),
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder under the OS temp dir, removed by the returned cleanup function. */
export function scratchDir(prefix: string): { dir: string; cleanup: () => void } {
  // realpath: on some systems the temp dir is itself a symlink, and reports use real paths.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `agent-risk-${prefix}-`)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files given as relative path → content under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/**
 * Compares `actual` with `test/cli/snapshots/<name>`; `UPDATE_SNAPSHOTS=1` rewrites the file instead,
 * so a deliberate format change is one command and a reviewable diff.
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(repoRoot(), 'test', 'cli', 'snapshots', name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `Snapshot ${name} is missing; run with UPDATE_SNAPSHOTS=1 to create it.`);
  assert.equal(
    actual,
    fs.readFileSync(file, 'utf8'),
    `Snapshot ${name} differs; run with UPDATE_SNAPSHOTS=1 if the change is intended.`,
  );
}

/** A risky AI SDK tool: the model chooses the URL, nothing bounds it, nothing audits it. */
export const RISKY_FETCH_TOOL = `import { tool } from 'ai';
import { z } from 'zod';

export const fetchPage = tool({
  description: 'Fetch a web page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    const response = await fetch(url);
    return response.text();
  },
});
`;

/**
 * A Markdown report with its rules appendix cut to the rule headings: the appendix quotes the rule docs,
 * which change on their own schedule; report snapshots record which rules are cited, not the docs' text.
 */
export function withoutRuleDocs(markdown: string): string {
  const [body, appendix] = markdown.split(/^## Rules cited$/m);
  if (appendix === undefined) return markdown;
  const cited = [...appendix.matchAll(/^### .*$/gm)].map((match) => match[0]);
  const footer = appendix.slice(appendix.lastIndexOf('</details>') + '</details>'.length);
  return `${body}## Rules cited\n\n${cited.join('\n')}\n(rule doc excerpts left out of the snapshot)\n${footer}`;
}

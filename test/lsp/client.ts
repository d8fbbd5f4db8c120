// A plain LSP client over stdio for tests: starts `agent-risk lsp --stdio` and speaks JSON-RPC to it, as any editor would.
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { cliFindings } from '../support/cli-findings';
import { repoRoot } from '../support/paths';

export interface ServerUnderTest {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Resolves with the exit code once the server process has ended. */
  exited: Promise<number | null>;
  stderr: () => string;
}

export function startServer(): ServerUnderTest {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'agent-risk.js'), 'lsp', '--stdio'], {
    cwd: repoRoot(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (child.stdout === null || child.stdin === null) throw new Error('The server has no stdio pipes.');
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  return { connection, process: child, exited, stderr: () => stderr };
}

/** The CLI's findings for one file as `line:column rule` (1-based line, 0-based column), sorted. */
export function cliFindingsOf(folder: string, file: string): string[] {
  const relative = path.relative(folder, file).split(path.sep).join('/');
  return cliFindings(folder)
    .filter((finding) => finding.file === relative)
    .map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)
    .sort();
}

// A plain LSP client over stdio for tests: starts `agent-risk lsp --stdio` and speaks JSON-RPC to it, as any editor would.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  ShutdownRequest,
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

/** The CLI's server, unless `args` (to node) and `options` start another build of it, e.g. a bundle. */
export function startServer(
  args: string[] = [path.join(repoRoot(), 'bin', 'agent-risk.js'), 'lsp', '--stdio'],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ServerUnderTest {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? repoRoot(),
    env: options.env ?? process.env,
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

/** Opens `file` (its text on disk, unless given) as a TypeScript document; returns its URI. */
export async function open(
  server: ServerUnderTest,
  file: string,
  text = fs.readFileSync(file, 'utf8'),
): Promise<string> {
  const uri = pathToFileURL(file).toString();
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'typescript', version: 1, text },
  });
  return uri;
}

export async function pullDiagnostics(server: ServerUnderTest, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

/** Changes the open document to `file`'s text with a syntax error (`download(url;`), as while typing; pulls again. */
export async function pullWithSyntaxError(server: ServerUnderTest, uri: string, file: string): Promise<Diagnostic[]> {
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: fs.readFileSync(file, 'utf8').replace('download(url)', 'download(url;') }],
  });
  return pullDiagnostics(server, uri);
}

export async function shutDown(server: ServerUnderTest): Promise<number | null> {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  return server.exited;
}

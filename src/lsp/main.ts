// Entry of `agent-risk lsp --stdio`: a language server over standard input and output for any editor.
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const USAGE = 'usage: agent-risk lsp --stdio\n';

/**
 * Starts the server; the process then lives as long as the client keeps the connection open.
 * `scanWorker`: the script of the scan's worker thread (the bundled server passes itself).
 */
export function run(args: readonly string[], scanWorker = path.join(__dirname, 'scan-worker.js')): void {
  if (!args.includes('--stdio')) {
    process.stderr.write(`agent-risk: the language server speaks over standard input and output.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Logging goes to the client (connection.console); nothing but protocol may reach stdout.
  console.log = console.error;
  // One failed promise (a reply the client could not give) must not end the server and every editor's diagnostics.
  process.on('unhandledRejection', (reason) => console.error(`agent-risk lsp: unhandled rejection: ${String(reason)}`));
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout), { scanWorker });
}

// Starts VS Code with the extension (the bundled dist/, as users get it) on a scratch copy of the test workspace and runs the suite in its extension host.
// VSCODE_EXECUTABLE unset: @vscode/test-electron downloads VS Code. Set to ../shared/vscode-harness/code-test-shim: code-server in Chromium.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../support/paths';

async function main(): Promise<void> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run bundle` first (npm run test:integration does).');
  }
  // The tests edit files and settings: they work on a copy so the checked-in workspace stays as it is.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-it-'));
  fs.cpSync(path.join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const executable = process.env['VSCODE_EXECUTABLE'];
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { AGENT_RISK_TEST_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

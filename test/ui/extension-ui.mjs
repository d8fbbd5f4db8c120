// UI test: installs the packaged .vsix into code-server (VS Code 1.100.3), opens the bundled examples/ workspace in
// Chromium and checks what a user sees: the Problems entry with its rule id, the hover, the CodeLens manifest, the rule
// doc opening from the diagnostic's code link, the quick-fix menu, the workspace scan and the Agent Tools view.
// Screenshots go to test-output/ui/. Prints mocha-style "N passing" / "N failing" lines.
// Usage: npm run test:ui   (packages first; needs `bash ../shared/vscode-harness/install.sh`)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const harnessDir = process.env.VSCODE_HARNESS_KIT || path.resolve(root, '../shared/vscode-harness');
const { makeRunDirs, installExtension, startServer, launchBrowser, workbenchUrl, openWorkbench, openFile, readProblems, hoverAt, problemPosition, runCommand, readNotifications } =
  await import(path.join(harnessDir, 'lib', 'harness.mjs'));

const vsix = path.join(root, 'agent-risk-lint.vsix');
const examples = path.join(root, 'examples');
const shots = path.join(root, 'test-output', 'ui');
const EXPECT_TIMEOUT = 60_000;

const results = [];
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(`  ✗ ${name}\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

if (!fs.existsSync(vsix)) {
  console.error(`No ${path.relative(root, vsix)}: run \`npm run package\` first (npm run test:ui does).`);
  console.log('\n  0 passing\n  1 failing');
  process.exit(1);
}
fs.mkdirSync(shots, { recursive: true });

const d = makeRunDirs('agent-risk-ui');
// examples/ has no node_modules, so TypeScript would list "Cannot find module 'ai'" next to our findings; the
// screenshots show only what this extension adds.
const settingsFile = path.join(d.userData, 'User', 'settings.json');
fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'typescript.validate.enable': false, 'javascript.validate.enable': false }, null, 2));
installExtension(d, vsix);
const server = await startServer(d);
const context = await launchBrowser(d);
const page = context.pages()[0] ?? (await context.newPage());
// The row's aria-label has the message and position; its visible text adds the source and rule id: `agent-risk(unscoped-network)`.
async function problemRow(ruleId) {
  const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'agent-risk' }).filter({ hasText: ruleId }).filter({ hasText: 'tool input' }).first();
  await row.waitFor({ timeout: EXPECT_TIMEOUT });
  return row.getAttribute('aria-label');
}
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`) });
let problemAt;

try {
  console.log('\n  Agent Risk Lint in code-server (installed from the .vsix)');
  await openWorkbench(page, await workbenchUrl(server, { folder: examples }));

  await check('lists the finding in the Problems panel with its rule id', async () => {
    await openFile(page, 'src/ai-sdk/web-tools.ts');
    await readProblems(page, { waitFor: ['unscoped-network'], timeout: EXPECT_TIMEOUT });
    const row = await problemRow('unscoped-network');
    expect(/tool input `url`/.test(row), `the row names the input: ${row}`);
    problemAt = problemPosition(row);
    expect(problemAt, `a position in "${row}"`);
    await shot('problems');
  });

  await check('shows the CodeLens manifest above the tool', async () => {
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'network: model-controlled host ✗' }).first();
    await lens.waitFor({ timeout: EXPECT_TIMEOUT });
    const text = await lens.innerText();
    expect(/approval: none · audit: none/.test(text), `CodeLens text: ${text}`);
    await shot('codelens');
  });

  await check('shows the finding and the tool manifest on hover', async () => {
    expect(problemAt, 'the Problems check found the position');
    await hoverAt(page, problemAt);
    // Hover providers answer one by one; wait for this extension's part rather than the first to arrive.
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content', { hasText: 'Agent tool' }).first();
    await hover.waitFor({ timeout: EXPECT_TIMEOUT });
    const text = await hover.innerText();
    expect(/no host allowlist bounds/.test(text), `hover has the finding's message: ${text}`);
    expect(/Agent tool fetchPage/.test(text), `hover has the tool manifest: ${text}`);
    expect(/Network/.test(text) && /model-controlled host ✗/.test(text), `hover has the network verdict: ${text}`);
    await shot('hover');
  });

  await check('opens the rule doc, rendered, from the rule id link', async () => {
    const link = page.locator('.monaco-hover:not(.hidden) a.code-link', { hasText: 'unscoped-network' }).first();
    await link.waitFor({ timeout: EXPECT_TIMEOUT });
    await link.click();
    await page.locator('.tabs-container .tab', { hasText: 'Preview unscoped-network.md' }).waitFor({ timeout: EXPECT_TIMEOUT });
    // The preview is a webview: its rendered heading sits in nested iframes.
    const heading = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('h1', { hasText: 'unscoped-network' });
    await heading.waitFor({ timeout: EXPECT_TIMEOUT });
    await shot('rule-doc');
  });

  await check('offers the quick fixes on the finding', async () => {
    await openFile(page, 'src/mcp/files-server.ts');
    await readProblems(page, { waitFor: ['unscoped-filesystem'], timeout: EXPECT_TIMEOUT });
    const at = problemPosition(await problemRow('unscoped-filesystem'));
    expect(at, 'a position for the unscoped-filesystem finding');
    await hoverAt(page, at);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.getByText('Keep the path inside a root folder', { exact: false }).first().waitFor({ timeout: EXPECT_TIMEOUT });
    const text = await menu.innerText();
    expect(/Suppress unscoped-filesystem on this line/.test(text), `quick-fix menu: ${text}`);
    expect(/Show documentation for unscoped-filesystem/.test(text), `quick-fix menu: ${text}`);
    await shot('quick-fixes');
    await page.keyboard.press('Escape');
  });

  await check('scans the workspace and summarises the findings', async () => {
    await runCommand(page, 'Agent Risk: Scan Workspace');
    const [summary] = await readNotifications(page, { waitFor: 'findings in', timeout: EXPECT_TIMEOUT });
    expect(/Agent Risk: \d+ findings in \d+ files/.test(summary ?? ''), `summary: ${summary}`);
    const actions = await page.locator('.notifications-toasts .monaco-button').allInnerTexts();
    for (const action of ['Open Inventory', 'Export SARIF…', 'Export Markdown report…']) expect(actions.includes(action), `action ${action} among ${actions.join(', ')}`);
    await page.waitForTimeout(600); // the toast fades in
    await shot('scan-summary');
  });

  await check('lists the tools in the Agent Tools view', async () => {
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Inventory' }).first().click();
    // Its own activity-bar container: the side bar shows it alone.
    const view = page.locator('.part.sidebar');
    await view.locator('.title-label', { hasText: /Agent Tools/i }).first().waitFor({ timeout: EXPECT_TIMEOUT });
    await view.locator('.monaco-list-row', { hasText: 'fetchPage' }).first().waitFor({ timeout: EXPECT_TIMEOUT });
    const text = await view.innerText();
    for (const item of ['src/ai-sdk/web-tools.ts', 'fetchPage', 'fetchDocs', 'searchDocs', 'read_file', 'refund_order', 'network: model-controlled host ✗']) expect(text.includes(item), `${item} in the view: ${text}`);
    await shot('inventory');
  });
} catch (error) {
  results.push({ name: 'harness', ok: false, error });
  console.log(`  ✗ harness: ${error?.stack ?? error}`);
  await shot('failure').catch(() => {});
} finally {
  await context.close().catch(() => {});
  await server.stop();
}

const passing = results.filter((result) => result.ok).length;
const failing = results.length - passing;
console.log(`\n  ${passing} passing`);
if (failing > 0) console.log(`  ${failing} failing`);
console.log(`  screenshots: ${path.relative(root, shots)}/`);
// UPDATE_SCREENSHOTS=1 refreshes the README's and the Marketplace page's images from a passing run.
if (failing === 0 && process.env.UPDATE_SCREENSHOTS === '1') {
  const images = path.join(root, 'docs', 'images');
  for (const name of fs.readdirSync(shots).filter((file) => file.endsWith('.png') && file !== 'failure.png'))
    fs.copyFileSync(path.join(shots, name), path.join(images, `extension-${name}`));
  console.log(`  refreshed: ${path.relative(root, images)}/`);
}
if (failing === 0) fs.rmSync(d.root, { recursive: true, force: true });
else console.log(`  logs: ${d.root}`);
process.exitCode = failing > 0 ? 1 : 0;

// Architecture invariant 1 and the layer map of src/README.md: which top-level folder of src/ may import which, at
// every folder depth, resolved from each import's specifier (not matched as text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

/** Folders of src/ each folder may import (besides its own files and npm packages); `vscode` is an npm name. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  rules: [],
  engine: ['rules'],
  config: ['engine', 'rules'],
  scan: ['engine', 'rules', 'config'],
  report: ['engine', 'rules', 'config', 'scan'],
  // Editor features shared by the extension and the language server (fixes, manifest); no editor API.
  editor: ['engine', 'rules', 'report'],
  cli: ['engine', 'rules', 'config', 'scan', 'report'],
  // The ESLint plugin: the engine behind ESLint's rule API.
  'eslint-plugin': ['engine', 'rules', 'config', 'scan'],
  // The language server: the engine behind the Language Server Protocol for every editor.
  lsp: ['engine', 'rules', 'config', 'scan', 'report', 'editor'],
  // The extension is a language client: it analyses nothing, so it reaches only the parser-free editor/ layer, and
  // only through its one door, src/editor/for-client.ts (checked below; scripts/bundle.mjs checks the bundle).
  vscode: ['editor'],
};
/** Only these layers may import the `vscode` module. */
const MAY_IMPORT_VSCODE = new Set(['vscode']);
const IMPORT_SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT_SPECIFIER)].map((match) => match[1] as string);
}

/** The top-level folder of src/ a file is in, or undefined outside src/. */
function layerOf(src: string, file: string): string | undefined {
  const relative = path.relative(src, file);
  if (relative.startsWith('..')) return undefined;
  const [first] = relative.split(path.sep);
  return first;
}

/** Every arrow from one layer to another that the map above forbids, as `file → specifier`. */
function forbiddenArrows(src: string): string[] {
  const offenders: string[] = [];
  for (const file of sourceFiles(src)) {
    const from = layerOf(src, file);
    if (from === undefined || !(from in MAY_IMPORT)) continue;
    for (const specifier of importsOf(file)) {
      if (specifier === 'vscode') {
        if (!MAY_IMPORT_VSCODE.has(from)) offenders.push(`${path.relative(src, file)} → vscode`);
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const to = layerOf(src, path.resolve(path.dirname(file), specifier));
      if (to === undefined || to === from) continue;
      const allowed = MAY_IMPORT[from] ?? [];
      const throughDoor = path.resolve(path.dirname(file), specifier) === path.join(src, 'editor', 'for-client');
      if (!allowed.includes(to) || (from === 'vscode' && !throughDoor))
        offenders.push(`${path.relative(src, file)} → ${specifier}`);
    }
  }
  return offenders;
}

/** Resolves a relative specifier to the .ts file it names (file or folder index), or undefined. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Import cycles whose files sit in more than one folder (Tarjan's strongly connected components). */
function crossFolderCycles(src: string): string[][] {
  const files = sourceFiles(src);
  const edges = new Map(
    files.map((file) => [
      file,
      importsOf(file)
        .filter((s) => s.startsWith('.'))
        .flatMap((s) => resolveImport(file, s) ?? []),
    ]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === file) break;
    }
    if (new Set(component.map((member) => path.dirname(member))).size > 1)
      components.push(component.map((member) => path.relative(src, member)).sort());
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return components;
}

describe('checks: layers', () => {
  const src = path.join(repoRoot(), 'src');

  it('every folder of src/ is in the layer map', () => {
    const folders = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    assert.deepEqual(
      folders.filter((folder) => !(folder in MAY_IMPORT)),
      [],
      'Add the new folder to MAY_IMPORT here and to the map in src/README.md.',
    );
  });

  it('no import crosses a layer the map forbids (engine never reaches scan, report, cli or vscode; rules import nothing)', () => {
    assert.deepEqual(
      forbiddenArrows(src),
      [],
      'Move the code down a layer; the extension reaches editor/ through src/editor/for-client.ts.',
    );
  });

  it('no import cycle spans more than one folder', () => {
    assert.deepEqual(crossFolderCycles(src), [], 'Break the cycle with an interface module that imports nothing back.');
  });

  it('the check itself sees arrows at any depth', () => {
    // A fake tree: an engine file two folders deep importing the CLI, and a rule importing the engine.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const write = (file: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('engine/analysis/deep/x.ts', "import { main } from '../../../cli/main';\n");
    write('rules/r.ts', "import type { Severity } from '../engine/types';\n");
    write('vscode/view.ts', "import { lintText } from '../engine/index';\nimport * as vscode from 'vscode';\n");
    write('scan/s.ts', "import * as vscode from 'vscode';\n");
    try {
      assert.deepEqual(forbiddenArrows(root).sort(), [
        'engine/analysis/deep/x.ts → ../../../cli/main',
        'rules/r.ts → ../engine/types',
        'scan/s.ts → vscode',
        'vscode/view.ts → ../engine/index',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

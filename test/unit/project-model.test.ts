// The project model on an in-memory host: which source files a bare specifier may stand for, and its bounds.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HierarchyIndex } from '../../src/engine/project-model/hierarchy';
import { PackageModel, parseJsonLoose, splitSpecifier } from '../../src/engine/project-model/packages';
import { type MemoryHost, memoryHost as memoryHostAt } from './memory-host';

const ROOT = path.resolve('/repo');

const memoryHost = (files: Record<string, string>): MemoryHost => memoryHostAt(ROOT, files);

const at = (name: string): string => path.join(ROOT, name);

describe('project model', () => {
  it('maps a workspace package whose exports point at dist to its src entry', () => {
    const host = memoryHost({
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
      'packages/core/package.json': JSON.stringify({
        name: '@kit/core',
        exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } } },
      }),
      'packages/app/package.json': JSON.stringify({ name: '@kit/app' }),
    });
    const candidates = new PackageModel(host).candidates(at('packages/app/src/tools.ts'), '@kit/core');
    assert.equal(candidates[0], at('packages/core/src/index'));
  });

  it('resolves a subpath, a self-reference and a tsconfig path with comments and trailing commas', () => {
    const host = memoryHost({
      'package.json': JSON.stringify({ name: 'solo', main: 'lib/index.js' }),
      'tsconfig.json': '{ // aliases\n "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"], }, }, }',
    });
    const model = new PackageModel(host);
    assert.ok(model.candidates(at('src/a.ts'), 'solo').includes(at('src/index')));
    assert.ok(model.candidates(at('src/a.ts'), 'solo/utils').includes(at('src/utils')));
    assert.deepEqual(model.candidates(at('src/a.ts'), '~/http/client'), [at('src/http/client')]);
    assert.deepEqual(model.candidates(at('src/a.ts'), 'axios'), []);
  });

  it('reads the package list of a pnpm-workspace.yaml', () => {
    const host = memoryHost({
      'package.json': JSON.stringify({ name: 'root' }),
      'pnpm-workspace.yaml': 'packages:\n  - \'plugins/*\' # community\n  - "!**/test/**"\nonlyBuilt: []\n',
      'plugins/pay/package.json': JSON.stringify({ name: 'kit-pay', main: 'build/index.js' }),
    });
    assert.equal(new PackageModel(host).candidates(at('src/x.ts'), 'kit-pay')[0], at('plugins/pay/src/index'));
  });

  it('reads each package.json once however many lookups ask', () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'root', workspaces: ['p/*'] }) };
    for (let index = 0; index < 50; index++) files[`p/m${index}/package.json`] = JSON.stringify({ name: `m${index}` });
    const host = memoryHost(files);
    const model = new PackageModel(host);
    for (let index = 0; index < 20; index++) model.candidates(at('p/m0/src/a.ts'), `missing-${index}`);
    assert.ok(host.reads < 80, `${host.reads} reads`);
  });

  it('indexes heritage clauses without parsing and re-reads only a changed file', () => {
    const host = memoryHost({
      'src/store.ts': 'export interface Store { put(k: string): void }',
      'src/disk.ts': 'export class Disk<T> extends Base<T> implements Store, ns.Other {}',
      'node_modules/x/index.ts': 'class Hidden implements Store {}',
      'src/nested/deep/memory.ts': 'export class Memory implements Store {}',
    });
    const index = new HierarchyIndex(host);
    assert.deepEqual(index.filesNaming(ROOT, 'Store').sort(), [at('src/disk.ts'), at('src/nested/deep/memory.ts')]);
    assert.deepEqual(index.filesNaming(ROOT, 'Other'), [at('src/disk.ts')]);
    host.files.set(at('src/disk.ts'), 'export class Disk {}');
    const before = host.reads;
    index.refresh(at('src/disk.ts'));
    assert.equal(host.reads - before, 1);
    assert.deepEqual(index.filesNaming(ROOT, 'Store'), [at('src/nested/deep/memory.ts')]);
  });

  it('lists the few files that spell a word, none when too many do, and answers again after a change', () => {
    const files: Record<string, string> = { 'src/server.ts': 'export function startServer(o) {}' };
    files['src/main.ts'] = "import { startServer } from './server'; startServer({});";
    for (let n = 0; n < 8; n++) files[`src/common${n}.ts`] = 'log(1);';
    const host = memoryHost(files);
    const index = new HierarchyIndex(host);
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer').sort(), [at('src/main.ts'), at('src/server.ts')]);
    // Spelled in more than six files: too common to follow, so nothing is returned.
    assert.deepEqual(index.filesMentioning(ROOT, 'log'), []);
    host.files.set(at('src/main.ts'), 'export {};');
    index.refresh(at('src/main.ts'));
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer'), [at('src/server.ts')]);
  });

  it('keeps a word search across an edit that does not change it, and searches again after one that does', () => {
    const files: Record<string, string> = { 'src/server.ts': 'export function startServer(o) {}' };
    files['src/main.ts'] = "import { startServer } from './server'; startServer({});";
    for (let n = 0; n < 20; n++) files[`src/other${n}.ts`] = 'export const x = 1;';
    const host = memoryHost(files);
    const index = new HierarchyIndex(host);
    const expected = [at('src/main.ts'), at('src/server.ts')];
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer').sort(), expected);
    // A keystroke in a file that spells the word before and after: its text is read, no other file is.
    host.files.set(at('src/main.ts'), "import { startServer } from './server'; startServer({ port: 1 });");
    index.refresh(at('src/main.ts'));
    let before = host.reads;
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer').sort(), expected);
    assert.ok(host.reads - before <= 3, `${host.reads - before} reads`);
    // An edit that makes another file spell it: the package is searched again, in the texts the search
    // kept, so only the edited file is read again.
    host.files.set(at('src/other3.ts'), 'startServer({});');
    index.refresh(at('src/other3.ts'));
    before = host.reads;
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer').sort(), [...expected, at('src/other3.ts')].sort());
    assert.ok(host.reads - before <= 3, `${host.reads - before} reads`);
    // A new file may change the listing itself: searched again too.
    host.files.set(at('src/added.ts'), 'startServer();');
    index.refresh(at('src/added.ts'));
    assert.equal(index.filesMentioning(ROOT, 'startServer').length, 4);
  });

  it('counts a file as spelling a word only where the word stands whole, and reads each file once for many words', () => {
    const files: Record<string, string> = {
      'src/a.ts': 'export const createProjectSchema = 1;',
      'src/b.ts': 'client.createProject({ name });',
      'src/c.ts': "const route = 'create-order';",
      'src/d.ts': "const route = 'create-orders'; x.$send(1);",
    };
    const host = memoryHost(files);
    const index = new HierarchyIndex(host);
    assert.deepEqual(index.filesMentioning(ROOT, 'createProject'), [at('src/b.ts')]);
    const reads = host.reads;
    // A word that is not one run of word characters is confirmed on the texts that spell all of its runs.
    assert.deepEqual(index.filesMentioning(ROOT, 'create-order'), [at('src/c.ts')]);
    assert.deepEqual(index.filesMentioning(ROOT, '$send'), [at('src/d.ts')]);
    assert.deepEqual(index.filesMentioning(ROOT, 'create'), [at('src/c.ts'), at('src/d.ts')]);
    assert.deepEqual(index.filesMentioning(ROOT, 'Project'), []);
    // Only the texts of the two-run word's candidates were read again; one-run words read nothing.
    assert.ok(host.reads - reads <= 2, `${host.reads - reads} reads`);
  });

  it('reads each file of a package once for its heritage, method and word indexes together', () => {
    const files: Record<string, string> = {
      'src/base.ts': 'export abstract class Store { abstract put(k: string): void; }',
      'src/disk.ts': 'export class DiskStore extends Store {\n  put(k: string) {\n    write(k);\n  }\n}',
      'src/use.ts': 'export function save(store: Store) { store.put("a"); }',
    };
    const host = memoryHost(files);
    const index = new HierarchyIndex(host);
    assert.deepEqual(index.filesNaming(ROOT, 'Store'), [at('src/disk.ts')]);
    assert.deepEqual(index.filesDeclaringMethod(ROOT, 'put'), [at('src/disk.ts')]);
    assert.deepEqual(index.filesMentioning(ROOT, 'save'), [at('src/use.ts')]);
    assert.equal(host.reads, 3);
  });

  it('keeps an edited file that the listing leaves out from costing the package a new table at each edit', () => {
    const files: Record<string, string> = { 'src/a.ts': 'startServer();' };
    files['node_modules/x/index.ts'] = 'startServer();';
    const host = memoryHost(files);
    const index = new HierarchyIndex(host);
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer'), [at('src/a.ts')]);
    index.refresh(at('node_modules/x/index.ts'));
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer'), [at('src/a.ts')]);
    const reads = host.reads;
    index.refresh(at('node_modules/x/index.ts'));
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer'), [at('src/a.ts')]);
    // The refresh reads the edited text once; the package is not read again.
    assert.ok(host.reads - reads <= 1, `${host.reads - reads} reads`);
    // A deleted file changes the listing: the package is read again and the file is gone.
    host.files.delete(at('src/a.ts'));
    index.refresh(at('src/a.ts'));
    assert.deepEqual(index.filesMentioning(ROOT, 'startServer'), []);
  });

  it('splits specifiers and parses loose JSON', () => {
    assert.deepEqual(splitSpecifier('@a/b/c/d'), { name: '@a/b', subpath: 'c/d' });
    assert.deepEqual(splitSpecifier('node:fs'), { name: undefined, subpath: '' });
    assert.equal(parseJsonLoose('[1]'), null);
    assert.equal(parseJsonLoose('{ nope'), null);
    assert.deepEqual(parseJsonLoose('{ "url": "http://x" /* c */ }'), { url: 'http://x' });
  });
});

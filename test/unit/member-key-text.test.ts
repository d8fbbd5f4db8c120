// The text test that spares a parse: a file is read as a tree only when it may key an object member by the name.
import * as assert from 'node:assert/strict';
import { keysMember } from '../../src/engine/analysis/object-method-set';

describe('member key text test', () => {
  it('passes every way an object literal keys a function member', () => {
    const declared = [
      'const api = { createProject(o) { return o; } };',
      'const api = {\n  /** Creates one. */\n  async createProject(o) {}\n};',
      'const api = { list: () => [], createProject: async (o) => post(o) };',
      "const api = { 'createProject': function (o) {} };",
      "const api = { ['createProject']: (o) => o };",
      'const api = { *createProject() {} };',
      'const api = { createProject<T>(o: T) { return o; } };',
      'const api = { get createProject() { return f; } };',
      'var a={list(){},createProject(b){return c.POST(b)}}',
    ];
    for (const text of declared) assert.ok(keysMember(text, 'createProject'), text);
  });

  it('refuses calls, declarations, construction and longer words', () => {
    const refused = [
      'await account.createProject({ name });',
      'await account?.createProject(input);',
      'await account\n  .createProject(input);',
      'export function createProject(o) {}',
      'const p = new createProject(o);',
      'const x = { createProjects(o) {}, recreateProject(o) {} };',
      'const label = createProject;',
    ];
    for (const text of refused) assert.ok(!keysMember(text, 'createProject'), text);
  });
});

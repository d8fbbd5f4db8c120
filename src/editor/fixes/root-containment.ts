// The quick fix for unscoped-filesystem: resolve the path under a fixed root, refuse anything outside it, and use the resolved path.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../../engine/types';
import { declareModuleConstant, freshName, insertBeforeStatement } from './guard-insertion';
import {
  ancestors,
  declaredNames,
  isCall,
  isFunction,
  nodeCovering,
  type Node,
  type OffsetEdit,
  type Source,
} from './source';

export const ALLOWED_ROOT = 'ALLOWED_ROOT';
const PATH_MODULES = new Set(['path', 'node:path']);

export function rootContainmentFix(source: Source, finding: Finding): OffsetEdit[] | undefined {
  const call = nodeCovering(source, finding.range.start.offset, finding.range.end.offset, isCall);
  if (call === undefined) return undefined;
  // File APIs take the path first; a call whose first argument is not an expression gets no fix.
  const target = call.arguments[0];
  if (target === undefined || target.type === 'SpreadElement' || target.type === 'ObjectExpression') return undefined;

  const handler = ancestors(source, call).find(isFunction) ?? source.program;
  const inScope = declaredNames(handler);
  const pathModule = pathModuleBinding(source, inScope);
  const safe = freshName('safePath', inScope);
  const expression = source.text.slice(target.range[0], target.range[1]);
  const p = pathModule.name;
  const guard = [
    `const ${safe} = ${p}.resolve(${ALLOWED_ROOT}, ${expression});`,
    `if (${safe} !== ${ALLOWED_ROOT} && !${safe}.startsWith(${ALLOWED_ROOT} + ${p}.sep)) {`,
    `\tthrow new Error(\`This tool may not use \${${safe}}: it is outside \${${ALLOWED_ROOT}}.\`);`,
    '}',
  ];
  const inserted = insertBeforeStatement(source, call, guard);
  if (inserted === undefined) return undefined;
  const edits: OffsetEdit[] = [{ start: target.range[0], end: target.range[1], text: safe }, ...inserted];
  const constant = declareModuleConstant(
    source,
    ALLOWED_ROOT,
    [
      "// The folder the agent's tools may use; point it at the one they need.",
      `const ${ALLOWED_ROOT} = ${p}.resolve('data');`,
    ],
    pathModule.declaration,
  );
  if (constant !== undefined) edits.push(constant);
  return edits;
}

interface PathModule {
  name: string;
  /** Lines that import it, empty when the file already does under a usable name. */
  declaration: string[];
}

/** The local name of the `path` module, importing it when the file does not or when the handler shadows it. */
function pathModuleBinding(source: Source, inHandler: ReadonlySet<string>): PathModule {
  const existing = importedPathModule(source.program);
  if (existing !== undefined && !inHandler.has(existing)) return { name: existing, declaration: [] };
  const taken = new Set([...declaredNames(source.program), ...inHandler]);
  const name = taken.has('path') ? freshName('nodePath', taken) : 'path';
  const usesRequire =
    !source.program.body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export')) &&
    /\brequire\(/.test(source.text);
  const line = usesRequire ? `const ${name} = require('node:path');` : `import * as ${name} from 'node:path';`;
  return { name, declaration: [line] };
}

/** A default or namespace import (or `require`) of the path module at the top of the file. */
function importedPathModule(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && PATH_MODULES.has(String(statement.source.value))) {
      const whole = statement.specifiers.find(
        (s) => s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier',
      );
      if (whole !== undefined) return whole.local.name;
    }
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init: Node | null = declarator.init;
        if (
          declarator.id.type === 'Identifier' &&
          init?.type === 'CallExpression' &&
          init.callee.type === 'Identifier' &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === 'Literal' &&
          PATH_MODULES.has(String(init.arguments[0].value))
        ) {
          return declarator.id.name;
        }
      }
    }
  }
  return undefined;
}

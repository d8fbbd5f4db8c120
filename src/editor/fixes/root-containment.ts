// The quick fix for unscoped-filesystem: resolve the path under a fixed root, refuse anything outside it, and use the resolved path.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../../engine/types';
import { declareModuleConstant, freshName, guardedArguments, insertBeforeStatement } from './guard-insertion';
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
/** Names a module-level folder constant goes by (`NOTES_ROOT`, `baseDir`, `DATA_FOLDER`, `workspacePath`). */
const ROOT_NAME = /(root|dir|directory|folder|base|workspace|sandbox|home|path)$/i;

/**
 * One proposal per argument the path may be (the sink's first argument, or for a call into a helper each
 * of its first arguments); the re-lint keeps the one that bounds the finding.
 */
export function rootContainmentFixes(source: Source, finding: Finding, viaHelper: boolean): OffsetEdit[][] {
  const call = nodeCovering(source, finding.range.start.offset, finding.range.end.offset, isCall);
  if (call === undefined) return [];
  return guardedArguments(call, viaHelper).flatMap((target) => {
    // An options object is not a path; the guard needs the path itself.
    if (target.type === 'ObjectExpression') return [];
    const edits = containmentFor(source, call, target);
    return edits === undefined ? [] : [edits];
  });
}

function containmentFor(source: Source, call: Node, target: Node): OffsetEdit[] | undefined {
  const handler = ancestors(source, call).find(isFunction) ?? source.program;
  const inScope = declaredNames(handler);
  const pathModule = pathModuleBinding(source, inScope);
  const existingRoot = rootConstant(source, pathModule.name, inScope);
  const root = existingRoot ?? ALLOWED_ROOT;
  const safe = freshName('safePath', inScope);
  const expression = source.text.slice(target.range[0], target.range[1]);
  const p = pathModule.name;
  const guard = [
    `const ${safe} = ${p}.resolve(${root}, ${expression});`,
    `if (${safe} !== ${root} && !${safe}.startsWith(${root} + ${p}.sep)) {`,
    `\tthrow new Error(\`This tool may not use \${${safe}}: it is outside \${${root}}.\`);`,
    '}',
  ];
  const inserted = insertBeforeStatement(source, call, guard);
  if (inserted === undefined) return undefined;
  const edits: OffsetEdit[] = [{ start: target.range[0], end: target.range[1], text: safe }, ...inserted];
  const constant = declareModuleConstant(
    source,
    root,
    existingRoot !== undefined
      ? []
      : [
          "// The folder the agent's tools may use; point it at the one they need.",
          `const ${ALLOWED_ROOT} = ${p}.resolve('data');`,
        ],
    pathModule.declaration,
  );
  if (constant !== undefined) edits.push(constant);
  return edits;
}

/**
 * The folder the file already confines its tools to: a module-level constant named like a root whose
 * value is resolved by the path module (`const NOTES_ROOT = path.resolve(...)`) or written as a string,
 * and that the handler does not shadow. The last such declaration wins (nearest to the tools, usually).
 */
function rootConstant(source: Source, pathName: string, inHandler: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  for (const statement of source.program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' ? statement.declaration : (statement as Node | null);
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier' || !ROOT_NAME.test(declarator.id.name)) continue;
      if (inHandler.has(declarator.id.name) || !isFolderValue(declarator.init, pathName)) continue;
      found = declarator.id.name;
    }
  }
  return found;
}

function isFolderValue(init: Node | null, pathName: string): boolean {
  if (init === null) return false;
  if (init.type === 'Literal') return typeof init.value === 'string';
  return (
    init.type === 'CallExpression' &&
    init.callee.type === 'MemberExpression' &&
    init.callee.object.type === 'Identifier' &&
    init.callee.object.name === pathName &&
    init.callee.property.type === 'Identifier' &&
    (init.callee.property.name === 'resolve' || init.callee.property.name === 'join')
  );
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

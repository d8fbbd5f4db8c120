// A framework function reached through the project's own module (`import { tool } from '../types/core.js'`, where
// core.js re-exports `tool` from 'ai'): the callee is the framework's, so its tool forms apply.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import { isRelative, LOCAL, requiredModule, type ApiRef } from '../api';
import type { Catalogs } from '../catalog/load';
import { commonJsExportName } from '../exported-node';
import type { FileContext } from '../analysis/context';

/** Project modules followed from the importing file: a barrel of barrels is still a re-export. */
const MAX_HOPS = 3;

const calleeNamesByCatalog = new WeakMap<Catalogs, ReadonlySet<string>>();

/**
 * The framework ref of a call form's callee that the file imports from a project module which re-exports it;
 * undefined when the callee is not spelled like a call form's function (only those names load another file).
 */
export function reexportedCallee(callee: Node, ref: ApiRef | undefined, ctx: FileContext): ApiRef | undefined {
  if (ref && ref.module !== LOCAL) return undefined;
  const imported = importedName(unwrapExpression(callee), ctx);
  if (!imported || !callNames(ctx.catalogs).has(imported.name)) return undefined;
  const target = ctx.modules.resolveImport(ctx, imported.source);
  return target ? exportedApi(target, imported.name, 0) : undefined;
}

/** `tool` imported by name, or `core.tool` on a namespace import or a `require` of a relative module. */
function importedName(callee: Node, ctx: FileContext): { source: string; name: string } | undefined {
  if (callee.type === 'Identifier') {
    const binding = ctx.scopes.resolve(callee);
    const source = binding?.kind === 'import' ? binding.importSource : undefined;
    if (!source || !isRelative(source)) return undefined;
    const name = binding?.importName;
    return name && name !== '*' && name !== 'default' ? { source, name } : undefined;
  }
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return undefined;
  const name = propertyName(callee);
  const binding = ctx.scopes.resolve(callee.object);
  if (!name || !binding) return undefined;
  if (
    binding.kind === 'import' &&
    binding.importName === '*' &&
    binding.importSource &&
    isRelative(binding.importSource)
  )
    return { source: binding.importSource, name };
  const init = binding.kind === 'var' && binding.patternPath.length === 0 ? binding.init : undefined;
  const required = init?.type === 'CallExpression' ? requiredModule(init, ctx.scopes) : undefined;
  return required && isRelative(required) ? { source: required, name } : undefined;
}

/** What `ctx` exports under `name` when that is a package's export passed on unchanged. */
function exportedApi(ctx: FileContext, name: string, hops: number): ApiRef | undefined {
  if (hops >= MAX_HOPS) return undefined;
  for (const statement of ctx.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      for (const specifier of statement.specifiers) {
        if (specifierName(specifier.exported) !== name) continue;
        const local = specifierName(specifier.local);
        const source = statement.source?.value;
        if (source === undefined) return packageRef(ctx.api.resolve(specifier.local));
        if (!isRelative(source)) return { module: source, tokens: [{ kind: 'Member', name: local }] };
        const next = ctx.modules.resolveImport(ctx, source);
        return next ? exportedApi(next, local, hops + 1) : undefined;
      }
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init)
            return packageRef(ctx.api.resolve(declarator.init));
        }
      }
    }
    // `export * from './core'` passes that module's names on (one from a package is not read: which of several
    // packages holds the name is unknown without the package).
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const source = statement.source.value;
      if (!isRelative(source)) continue;
      const next = ctx.modules.resolveImport(ctx, source);
      const found = next ? exportedApi(next, name, hops + 1) : undefined;
      if (found) return found;
    }
    if (statement.type === 'ExpressionStatement') {
      const found = commonJsExport(statement.expression, name, ctx);
      if (found) return found;
    }
  }
  return undefined;
}

/** `exports.tool = ai_1.tool` (tsc) or `Object.defineProperty(exports, 'tool', { get: … ai_1.tool })`. */
function commonJsExport(expression: TSESTree.Expression, name: string, ctx: FileContext): ApiRef | undefined {
  if (expression.type !== 'AssignmentExpression' || commonJsExportName(expression.left) !== name) return undefined;
  return packageRef(ctx.api.resolve(expression.right));
}

function packageRef(ref: ApiRef | undefined): ApiRef | undefined {
  return ref && ref.module !== LOCAL && !isRelative(ref.module) ? ref : undefined;
}

function specifierName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** The last member name of each call form's callee (`tool`, `createTool`, `defineTool`). */
function callNames(catalogs: Catalogs): ReadonlySet<string> {
  let names = calleeNamesByCatalog.get(catalogs);
  if (!names) {
    const found = new Set<string>();
    for (const form of catalogs.forms) {
      if (form.kind !== 'call' && form.kind !== 'provider') continue;
      const last = form.callee[form.callee.length - 1];
      if (last?.kind === 'Member') for (const each of last.names) found.add(each);
    }
    names = found;
    calleeNamesByCatalog.set(catalogs, names);
  }
  return names;
}

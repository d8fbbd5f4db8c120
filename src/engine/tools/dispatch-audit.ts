// A tool object the project's own agent loop runs in another module (`for (const call of calls) {
// state.audit('skill_call', …); await skill.execute(call.params, ctx) }`): the audit call the loop makes
// before every run records this tool's calls too. Found through a bounded reverse-import search: the
// files that name the tool's variable (a registry list), then the files that name what a registry exports.
import { describe, isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { isAuditName } from '../analysis/approval-audit-calls';
import type { RecognisedTool } from './types';

/** Registries read, names each exports, files searched for the loop, nodes per file, statements looked back. */
const MAX_REGISTRIES = 4;
const MAX_EXPORTED_NAMES = 12;
const MAX_LOOP_FILES = 16;
const MAX_NODES_PER_FILE = 200_000;
const MAX_STATEMENTS_BACK = 8;
/** Calls of the handler method checked per file: each looks back through its enclosing blocks. */
const MAX_CANDIDATE_CALLS = 64;

/** Per file and handler method: the audited loop that runs objects of that method, or null when there is none. */
const loopsByFile = new WeakMap<FileContext, Map<string, string | null>>();

/** The audit call of a loop in another module that runs this tool object's handler method, or undefined. */
export function dispatcherAudit(tool: RecognisedTool, ctx: FileContext): string | undefined {
  const declared = exportedToolObject(tool);
  if (!declared) return undefined;
  const files = new Set<FileContext>();
  const registries = ctx.modules.filesMentioning(ctx, declared.variable).slice(0, MAX_REGISTRIES);
  for (const registry of registries) {
    files.add(registry);
    for (const name of exportedDeclarations(registry)) {
      for (const file of ctx.modules.filesMentioning(registry, name)) files.add(file);
      if (files.size >= MAX_LOOP_FILES) break;
    }
  }
  for (const file of [...files].slice(0, MAX_LOOP_FILES)) {
    if (file.file === ctx.file) continue;
    const found = auditedLoop(file, declared.method);
    if (found) return found;
  }
  return undefined;
}

/** `export const shellSkill = { name, execute: async (params) => … }`: the variable and the handler's key. */
function exportedToolObject(tool: RecognisedTool): { variable: string; method: string } | undefined {
  const definition = unwrapExpression(tool.definition);
  const handler = tool.handlers[0]?.fn;
  if (definition.type !== 'ObjectExpression' || !handler) return undefined;
  const declarator = definition.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  if (declarator.parent?.parent?.type !== 'ExportNamedDeclaration') return undefined;
  for (const property of definition.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    if (key !== undefined && property.value === handler) return { variable: declarator.id.name, method: key };
  }
  return undefined;
}

/** Names a registry declares and exports (`export const ALL_SKILLS = [...]`, `export function getSkillsForTier`). */
function exportedDeclarations(registry: FileContext): string[] {
  const names: string[] = [];
  for (const statement of registry.ast.body) {
    if (names.length >= MAX_EXPORTED_NAMES) break;
    if (statement.type !== 'ExportNamedDeclaration' || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) names.push(declaration.id.name);
    if (declaration.type === 'VariableDeclaration')
      for (const declarator of declaration.declarations)
        if (declarator.id.type === 'Identifier' && declarator.init && declarator.init.type !== 'Identifier')
          names.push(declarator.id.name);
  }
  return names;
}

/** `x.execute(…)` inside a loop, after an audit call in the same or an enclosing block of that function. */
function auditedLoop(file: FileContext, method: string): string | undefined {
  let byMethod = loopsByFile.get(file);
  if (!byMethod) {
    byMethod = new Map();
    loopsByFile.set(file, byMethod);
  }
  const cached = byMethod.get(method);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  let visited = 0;
  let candidates = 0;
  walk(file.ast, (node) => {
    if (found || ++visited > MAX_NODES_PER_FILE || candidates >= MAX_CANDIDATE_CALLS) return false;
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== method) return undefined;
    if (unwrapExpression(callee.object).type !== 'Identifier' || !insideLoop(node)) return undefined;
    candidates++;
    const audit = precedingAudit(node, file);
    if (audit) found = `${audit}() before each ${describe(callee, file.text)}() (${shortName(file.file)})`;
    return undefined;
  });
  byMethod.set(method, found ?? null);
  return found;
}

function insideLoop(node: Node): boolean {
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (
      ['ForOfStatement', 'ForStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement'].includes(current.type)
    )
      return true;
  }
  return false;
}

/** An audit-named call made as a statement before the one holding `node`, on every path to it (same function). */
function precedingAudit(node: Node, file: FileContext): string | undefined {
  let child: Node = node;
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === 'BlockStatement' || current.type === 'Program') {
      const body = current.body as Node[];
      const index = body.indexOf(child);
      for (let back = index - 1; back >= 0 && back >= index - MAX_STATEMENTS_BACK; back--) {
        const audit = auditStatement(body[back] as Node, file);
        if (audit) return audit;
      }
    }
    child = current;
  }
  return undefined;
}

function auditStatement(statement: Node, file: FileContext): string | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  let call = unwrapExpression(statement.expression);
  if (call.type === 'AwaitExpression') call = unwrapExpression(call.argument);
  if (call.type !== 'CallExpression') return undefined;
  const text = describe(unwrapExpression(call.callee), file.text);
  return isAuditName(text, file.config.auditFunctions, file.catalogs.common) ? text : undefined;
}

function shortName(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

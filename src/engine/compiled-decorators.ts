// Method decorators as compilers emit them (`helper([Dec(...), meta(...)], C.prototype, 'method', null)`), read by shape whatever the helper is called.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, walk, type FunctionNode, type Node } from './ast';
import type { ScopeIndex } from './scope';

export interface CompiledDecoration {
  /** The decorator expressions, in source order (`Tool({...})`, `__metadata(...)`). */
  decorators: Node[];
  /** The decorated member's name. */
  key: string;
  /** The decorated class, when its declaration is in the file. */
  classBody?: TSESTree.ClassBody;
  /** The decorated method, when found in that class. */
  method?: TSESTree.MethodDefinition;
}

/** A bundle holds a decorator call per decorated method; more is hostile input. */
const MAX_INDEXED_METHODS = 2000;

/**
 * tsc, tslib and esbuild's `__decorateClass` all emit `helper(decorators, target, key[, descriptor])`,
 * and bundlers minify the helper's name (`d([c({...}), o("design:type", Function)], i.prototype,
 * "transfer", null)`), so the call is known by its arguments: an array of calls or references, the
 * class or its prototype, and a constant key.
 */
export function readCompiledDecoration(
  node: TSESTree.CallExpression,
  scopes: ScopeIndex,
): CompiledDecoration | undefined {
  const [list, target, keyNode] = node.arguments;
  if (!list || !target || !keyNode || node.arguments.length > 4) return undefined;
  const key = stringValue(keyNode);
  const array = unwrapExpression(list);
  if (key === undefined || array.type !== 'ArrayExpression' || array.elements.length === 0) return undefined;
  const decorators: Node[] = [];
  for (const element of array.elements) {
    if (!element || element.type === 'SpreadElement') return undefined;
    const inner = unwrapExpression(element);
    if (inner.type !== 'CallExpression' && inner.type !== 'Identifier' && inner.type !== 'MemberExpression')
      return undefined;
    decorators.push(element);
  }
  const classBody = decoratedClass(target, scopes);
  if (!classBody) return undefined;
  const method = methodNamed(classBody, key);
  return method ? { decorators, key, classBody, method } : { decorators, key, classBody };
}

/** `C.prototype` (instance members) or `C` (static members), where `C` is a class in the file. */
export function decoratedClass(target: Node, scopes: ScopeIndex): TSESTree.ClassBody | undefined {
  const inner = unwrapExpression(target);
  const reference = inner.type === 'MemberExpression' && propertyName(inner) === 'prototype' ? inner.object : inner;
  if (reference.type === 'ClassExpression') return reference.body;
  if (reference.type !== 'Identifier') return undefined;
  const binding = scopes.resolve(reference);
  if (binding?.kind === 'class' && binding.declaration?.type === 'ClassDeclaration') return binding.declaration.body;
  // `var i = class { … }`, as bundlers write classes.
  const init = binding?.kind === 'var' && !binding.isLoopElement && binding.init && unwrapExpression(binding.init);
  return init && init.type === 'ClassExpression' ? init.body : undefined;
}

export function methodNamed(classBody: TSESTree.ClassBody, name: string): TSESTree.MethodDefinition | undefined {
  return classBody.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && propertyName(member) === name,
  );
}

/**
 * The parameter types TypeScript records for a decorated method (`meta("design:paramtypes",
 * [typeof a > "u" ? Object : a, …])`): one expression per parameter, the class or import it names.
 */
export function designParamTypes(decorators: Node[]): Array<Node | undefined> | undefined {
  for (const decorator of decorators) {
    const call = unwrapExpression(decorator);
    if (call.type !== 'CallExpression' || stringValue(call.arguments[0]) !== 'design:paramtypes') continue;
    const list = call.arguments[1] && unwrapExpression(call.arguments[1]);
    if (list?.type !== 'ArrayExpression') return undefined;
    return list.elements.map((element) => {
      if (!element || element.type === 'SpreadElement') return undefined;
      const inner = unwrapExpression(element);
      // `typeof a > "u" ? Object : a` guards a type that may be erased at run time.
      const named = inner.type === 'ConditionalExpression' ? unwrapExpression(inner.alternate) : inner;
      return named.type === 'Identifier' || named.type === 'MemberExpression' ? named : undefined;
    });
  }
  return undefined;
}

/** Method function → its recorded parameter types, for the compiled decorators of a file. */
export function indexDesignParamTypes(
  ast: TSESTree.Program,
  scopes: ScopeIndex,
): Map<FunctionNode, Array<Node | undefined>> {
  const index = new Map<FunctionNode, Array<Node | undefined>>();
  walk(ast, (node) => {
    if (index.size >= MAX_INDEXED_METHODS) return false;
    if (node.type !== 'CallExpression') return true;
    const decoration = readCompiledDecoration(node, scopes);
    const fn = decoration?.method?.value;
    const types = decoration && designParamTypes(decoration.decorators);
    if (fn?.type === 'FunctionExpression' && types) index.set(fn, types);
    return true;
  });
  return index;
}

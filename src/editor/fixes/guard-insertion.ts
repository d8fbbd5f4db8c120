// Places guard statements so they run before a sink on every path, inside the sink's own function, and declares module constants once.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  ancestors,
  declaredNames,
  eolOf,
  indentationAt,
  indentUnitOf,
  isFunction,
  lineStartOf,
  type Node,
  type OffsetEdit,
  type Source,
} from './source';

const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock']);

/**
 * Edits that put `lines` (a guard, one statement per entry, nested lines pre-indented by one unit
 * with a leading tab character) right before the statement holding `node`. An arrow function with
 * an expression body gets a block body so the guard can run first. Undefined when the node sits in
 * a place where a statement before it would not dominate it (an `if` without braces, a loop header).
 */
export function insertBeforeStatement(source: Source, node: Node, lines: readonly string[]): OffsetEdit[] | undefined {
  const { text } = source;
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  let child: Node = node;
  for (const parent of ancestors(source, node)) {
    if (isFunction(parent)) {
      if (parent.type === 'ArrowFunctionExpression' && parent.body === child && parent.body.type !== 'BlockStatement') {
        return arrowBodyToBlock(source, parent, lines, unit, eol);
      }
      return undefined;
    }
    if (STATEMENT_LISTS.has(parent.type)) {
      return [insertAtStatement(text, child, lines, unit, eol)];
    }
    // A statement nested without braces (`if (x) fetch(u);`): a guard before the `if` would run when the sink does not.
    if (isStatement(child)) return undefined;
    // A loop's test or update runs many times with changing values; only its initialiser runs once, before the loop.
    if (
      isLoop(parent) &&
      !('init' in parent && parent.init === child) &&
      !('right' in parent && parent.right === child)
    )
      return undefined;
    child = parent;
  }
  return undefined;
}

function isLoop(node: Node): boolean {
  return /^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(node.type);
}

function isStatement(node: Node): boolean {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration');
}

function insertAtStatement(
  text: string,
  statement: Node,
  lines: readonly string[],
  unit: string,
  eol: string,
): OffsetEdit {
  const start = statement.range[0];
  const lineStart = lineStartOf(text, start);
  const indent = indentationAt(text, start);
  if (text.slice(lineStart, start).trim() === '') {
    const block = lines.map((line) => indent + line.replace(/^\t/, unit) + eol).join('');
    return { start: lineStart, end: lineStart, text: block };
  }
  // The statement shares its line with other code: keep the guard on that line too.
  return { start, end: start, text: `${lines.map((line) => line.replace(/^\t/, '').trim()).join(' ')} ` };
}

/** Two insertions around the body rather than one replacement, so other edits inside the body still apply. */
function arrowBodyToBlock(
  source: Source,
  arrow: TSESTree.ArrowFunctionExpression,
  lines: readonly string[],
  unit: string,
  eol: string,
): OffsetEdit[] {
  const { text } = source;
  const arrowToken = text.lastIndexOf('=>', arrow.body.range[0]);
  let bodyStart = arrowToken + 2;
  while (bodyStart < arrow.range[1] && /\s/.test(text.charAt(bodyStart))) bodyStart++;
  const indent = indentationAt(text, arrow.range[0]);
  const inner = indent + unit;
  const opening = [' {', ...lines.map((line) => inner + line.replace(/^\t/, unit)), `${inner}return `].join(eol);
  return [
    { start: arrowToken + 2, end: bodyStart, text: opening },
    { start: arrow.range[1], end: arrow.range[1], text: `;${eol}${indent}}` },
  ];
}

/**
 * Declares a module-level constant after the imports unless the module already declares that name
 * (a second fix in the same file reuses the first one's constant). `imports` go right after the
 * existing imports, whether or not the constant is new.
 */
export function declareModuleConstant(
  source: Source,
  name: string,
  lines: readonly string[],
  imports: readonly string[] = [],
): OffsetEdit | undefined {
  const exists = source.program.body.some(
    (statement) =>
      (statement.type === 'VariableDeclaration' && declaredNames(statement).has(name)) ||
      (statement.type === 'ExportNamedDeclaration' &&
        statement.declaration?.type === 'VariableDeclaration' &&
        declaredNames(statement.declaration).has(name)),
  );
  if (exists && imports.length === 0) return undefined;
  const eol = eolOf(source.text);
  const offset = afterPreamble(source);
  const importText = imports.map((line) => line + eol).join('');
  const constantText = exists ? '' : lines.join(eol) + eol;
  if (offset === 0)
    return {
      start: 0,
      end: 0,
      text: importText + (importText && constantText ? eol : '') + constantText + (constantText ? eol : ''),
    };
  // Keep a blank line between the imports and the new declaration, as most files do.
  return { start: offset, end: offset, text: importText + (constantText ? eol + constantText : '') };
}

/** The offset just after the last import (or `require` of a module) at the top of the file. */
function afterPreamble(source: Source): number {
  const { program, text } = source;
  let end = 0;
  for (const statement of program.body) {
    const isImport =
      statement.type === 'ImportDeclaration' ||
      (statement.type === 'ExpressionStatement' && statement.directive !== undefined) ||
      (statement.type === 'VariableDeclaration' &&
        statement.declarations.every(
          (d) =>
            d.init?.type === 'CallExpression' &&
            d.init.callee.type === 'Identifier' &&
            d.init.callee.name === 'require',
        ));
    if (!isImport) break;
    end = statement.range[1];
  }
  if (end === 0) return text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  const lineEnd = text.indexOf('\n', end);
  return lineEnd === -1 ? text.length : lineEnd + 1;
}

/** `base`, or `base2`, `base3`… whichever `taken` does not hold. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** `url`, `args.url`, `input.target.href`: names a guard can repeat without evaluating anything twice. */
export function isPlainReference(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  return node.type === 'MemberExpression' && !node.computed && isPlainReference(node.object);
}

/** What a guard checks: an expression it may repeat, and the edits that make it so. */
export interface CheckedValue {
  expression: string;
  /** Statements to run before the guard (a computed value evaluated once into a name). */
  prelude: string[];
  edits: OffsetEdit[];
}

/**
 * The value of `node` (an argument of the sink call) as a guard should check it: a plain reference as
 * written; anything computed is evaluated once into a fresh `base` name, which the call then uses, so the
 * guard checks exactly the value the effect receives.
 */
export function checkedValue(source: Source, node: Node, base: string): CheckedValue {
  const expression = source.text.slice(node.range[0], node.range[1]);
  if (isPlainReference(node)) return { expression, prelude: [], edits: [] };
  const scope = ancestors(source, node).find(isFunction) ?? source.program;
  const name = freshName(base, declaredNames(scope));
  return {
    expression: name,
    prelude: [`const ${name} = ${expression};`],
    edits: [{ start: node.range[0], end: node.range[1], text: name }],
  };
}

/** Argument positions tried for a call into a project helper, whose parameters say nothing about their use. */
const HELPER_ARGUMENTS = 3;

/**
 * The arguments a guard may bound: the effect's own first argument, or (for a call into a helper that
 * reaches the effect) each of the first few expression arguments, left to the re-lint to choose between.
 */
export function guardedArguments(call: TSESTree.CallExpression | TSESTree.NewExpression, viaHelper: boolean): Node[] {
  const expressions = call.arguments.filter((argument) => argument.type !== 'SpreadElement');
  return viaHelper ? expressions.slice(0, HELPER_ARGUMENTS) : expressions.slice(0, 1);
}

/** A module-level Set the guard checks against, declared once per file. */
export interface AllowedSet {
  name: string;
  /** The declaration (a comment, then the `const`), written after the imports when the file has none. */
  declaration: string[];
  /** What the tool may not do with a value outside the set: `reach`, `run`. */
  verb: string;
}

/**
 * Edits that throw before `call` unless `checked` (an expression over `value`) is in `set`: the value's own
 * edits, the guard, and the set's declaration when the file does not have it yet.
 */
export function membershipGuard(
  source: Source,
  call: Node,
  value: CheckedValue,
  checked: string,
  set: AllowedSet,
): OffsetEdit[] | undefined {
  const guard = [
    ...value.prelude,
    `if (!${set.name}.has(${checked})) {`,
    `\tthrow new Error(\`This tool may not ${set.verb} \${${checked}}.\`);`,
    '}',
  ];
  const inserted = insertBeforeStatement(source, call, guard);
  if (inserted === undefined) return undefined;
  const constant = declareModuleConstant(source, set.name, set.declaration);
  return [...value.edits, ...inserted, ...(constant === undefined ? [] : [constant])];
}

// A stat whose answer is read only for the file's type (`lstatSync(p).isSymbolicLink()`, `const s = await stat(p);
// if (s.isDirectory())`): a yes-or-no probe, like the existence checks the catalog leaves out, disclosing none of the
// size, owner or times the catalog keeps stat for. A realpath helper's lstat before it follows a link is one.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { SinkRow } from '../catalog/load';
import type { FileContext } from './context';
import { referencesOf } from './local-callers';

const STAT_METHODS = new Set(['stat', 'statSync', 'lstat', 'lstatSync']);
const TYPE_TESTS = new Set([
  'isFile',
  'isDirectory',
  'isSymbolicLink',
  'isFIFO',
  'isSocket',
  'isBlockDevice',
  'isCharacterDevice',
]);
/** Wrappers between the call and its use that keep the value as it is. */
const TRANSPARENT = new Set(['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ChainExpression']);

/** Whether this read row's call is a stat read only through type tests (cheap name test first). */
export function isTypeProbe(row: SinkRow, node: Node, ctx: FileContext): boolean {
  if (row.check !== 'path' || row.isWrite || node.type !== 'CallExpression') return false;
  if (!STAT_METHODS.has(calleeName(node.callee, ctx) ?? '')) return false;
  const use = outermost(node);
  if (isTypeTest(use)) return true;
  const declarator = use.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== use || declarator.id.type !== 'Identifier')
    return false;
  const binding = ctx.scopes.resolve(declarator.id);
  if (binding?.declarationKind !== 'const') return false;
  const reads = referencesOf(binding, ctx).filter((ref) => ref !== declarator.id);
  return reads.length > 0 && reads.every((ref) => isTypeTest(outermost(ref)));
}

/** `fs.lstatSync`, `stat` imported from `fs/promises` (by its exported name, `import { stat as s }`). */
function calleeName(node: Node, ctx: FileContext): string | undefined {
  const callee = unwrapExpression(node);
  if (callee.type === 'MemberExpression') return propertyName(callee);
  if (callee.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(callee);
  return binding?.kind === 'import' ? binding.importName : undefined;
}

function outermost(node: Node): Node {
  let current = node;
  while (current.parent && TRANSPARENT.has(current.parent.type)) current = current.parent;
  return current;
}

/** `<value>.isDirectory()`: the member is a type test and it is called. */
function isTypeTest(value: Node): boolean {
  const member = value.parent;
  if (member?.type !== 'MemberExpression' || member.object !== value) return false;
  if (!TYPE_TESTS.has(propertyName(member as TSESTree.MemberExpression) ?? '')) return false;
  const call = member.parent;
  return call?.type === 'CallExpression' && call.callee === member;
}

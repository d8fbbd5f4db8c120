// A package client's call that names its write in its argument rather than in its method: an operation typed by a
// constant (`client.action({ actionType: 'sanity.action.release.archive', releaseId })`) or a bare append or clear
// handed a request object (`sheets.spreadsheets.values.clear({ spreadsheetId, range })`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../ast';
import type { RemoteWriteNames } from '../catalog/load';
import { wordsOf } from '../analysis/words';

/** Object literals looked into below the argument (`{ targetDocument: { operation: 'create' } }` spread from a constant: two). */
const MAX_NESTING = 2;
/** Properties read per object: a request literal is small, a generated one may not be. */
const MAX_PROPERTIES = 32;

/**
 * A generic operation method of a package's client (`action`, `execute`, `generate`; not a read such as
 * `query` or `checkPermission`) whose object argument types the operation with a constant that names a write:
 * `{ actionType: 'sanity.action.document.publish' }`, `{ operation: 'create' }`, also each branch of a
 * conditional (`op === 'create' ? { operation: 'create' } : { operation: 'edit' }`). Every such constant must
 * name a write and none a read (`{ action: 'list' }` reads, as on an app's own RPC route).
 */
export function isOperationNamedWrite(
  method: string,
  node: TSESTree.CallExpression,
  names: RemoteWriteNames,
  declared: DeclaredObject,
): boolean {
  if (names.operationKeys.length === 0) return false;
  const first = wordsOf(method)[0];
  if (first === undefined || isReadWord(first, names)) return false;
  const argument = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  if (argument?.type !== 'ObjectExpression') return false;
  const operations: Array<string | undefined> = [];
  collectOperations(argument, names.operationKeys, 0, operations, declared);
  return (
    operations.length > 0 && operations.every((operation) => operation !== undefined && namesWrite(operation, names))
  );
}

/**
 * `append` or `clear` on a resource of a package's client handed a request object: a service's rows appended or a
 * range cleared. A collection's `clear()` takes no argument, and a form's `append(name, value)` takes no object
 * literal, so the object argument tells the request apart.
 */
export function isRequestObjectWrite(method: string, node: TSESTree.CallExpression, names: RemoteWriteNames): boolean {
  if (!names.requestObjectVerbs.includes(method) || node.arguments.length !== 1) return false;
  const argument = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  return argument?.type === 'ObjectExpression';
}

function isReadWord(word: string, names: RemoteWriteNames): boolean {
  return (
    names.readEndpointWords.includes(word) ||
    names.readCommandPrefixes.some((prefix) => prefix.toLowerCase() === word) ||
    names.operationReadWords.includes(word)
  );
}

/** The object literal a constant holds (`const options = { targetDocument: … }`), spread into the argument. */
export type DeclaredObject = (identifier: TSESTree.Identifier) => Node | undefined;

/** The constants the object's operation keys hold, here and one object literal down; undefined for one not constant. */
function collectOperations(
  object: TSESTree.ObjectExpression,
  keys: readonly string[],
  depth: number,
  out: Array<string | undefined>,
  declared: DeclaredObject,
): void {
  for (const property of object.properties.slice(0, MAX_PROPERTIES)) {
    if (property.type === 'SpreadElement') {
      // `generate({ ...generateOptions, async })`: the options were written out in a constant first.
      const spread = unwrapExpression(property.argument);
      const held = spread.type === 'Identifier' && depth < MAX_NESTING ? declared(spread) : undefined;
      const inner = held ? unwrapExpression(held) : undefined;
      if (inner?.type === 'ObjectExpression') collectOperations(inner, keys, depth + 1, out, declared);
      continue;
    }
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    const value = unwrapExpression(property.value as Node);
    if (key !== undefined && keys.includes(key)) out.push(...constantsOf(value));
    else if (value.type === 'ObjectExpression' && depth < MAX_NESTING)
      collectOperations(value, keys, depth + 1, out, declared);
    else if (value.type === 'ConditionalExpression' && depth < MAX_NESTING)
      for (const branch of [value.consequent, value.alternate]) {
        const inner = unwrapExpression(branch);
        if (inner.type === 'ObjectExpression') collectOperations(inner, keys, depth + 1, out, declared);
      }
  }
}

function constantsOf(value: Node): Array<string | undefined> {
  if (value.type === 'ConditionalExpression') return [stringValue(value.consequent), stringValue(value.alternate)];
  return [stringValue(value)];
}

/** `sanity.action.release.archive`, `createRecord`, `edit`: a write verb first or last, and no read word at all. */
function namesWrite(operation: string, names: RemoteWriteNames): boolean {
  const words = wordsOf(operation);
  if (words.length === 0 || words.some((word) => isReadWord(word, names))) return false;
  const ends = [words[0], words[words.length - 1]];
  return ends.some(
    (word) =>
      word !== undefined &&
      (names.verbs.includes(word) ||
        names.compoundVerbs.includes(word) ||
        names.prefixOnlyVerbs.includes(word) ||
        names.operationVerbs.includes(word)),
  );
}

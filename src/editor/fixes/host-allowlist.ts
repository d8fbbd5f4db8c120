// The quick fix for unscoped-network: check the request's host against a constant allowlist before the request runs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../../engine/types';
import { declareModuleConstant, freshName, insertBeforeStatement } from './guard-insertion';
import {
  ancestors,
  declaredNames,
  isCall,
  isFunction,
  nodeCovering,
  propertyNamed,
  type Node,
  type OffsetEdit,
  type Source,
} from './source';

export const ALLOWED_HOSTS = 'ALLOWED_HOSTS';

type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** The expression that names where the request goes, and whether it is a whole URL or a bare host. */
interface Destination {
  node: Node;
  isHost: boolean;
}

export function hostAllowlistFix(source: Source, finding: Finding): OffsetEdit[] | undefined {
  const call = nodeCovering(source, finding.range.start.offset, finding.range.end.offset, isCall);
  if (call === undefined) return undefined;
  const destination = destinationOf(call);
  if (destination === undefined) return undefined;

  const edits: OffsetEdit[] = [];
  let expression = source.text.slice(destination.node.range[0], destination.node.range[1]);
  const prelude: string[] = [];
  if (!isPlainReference(destination.node) && !isNewUrl(destination.node)) {
    // Evaluate a computed destination once, into a name: the guard checks exactly the value the request then uses.
    const name = freshName('destination', declaredNames(enclosingFunction(source, call) ?? source.program));
    prelude.push(`const ${name} = ${expression};`);
    edits.push({ start: destination.node.range[0], end: destination.node.range[1], text: name });
    expression = name;
  }
  const host = destination.isHost
    ? expression
    : isNewUrl(destination.node) && prelude.length === 0
      ? `${expression}.hostname`
      : `new URL(${expression}).hostname`;
  const guard = [
    ...prelude,
    `if (!${ALLOWED_HOSTS}.has(${host})) {`,
    `\tthrow new Error(\`This tool may not reach \${${host}}.\`);`,
    '}',
  ];
  const inserted = insertBeforeStatement(source, call, guard);
  if (inserted === undefined) return undefined;
  edits.push(...inserted);
  const constant = declareModuleConstant(source, ALLOWED_HOSTS, [
    "// The hosts the agent's tools may reach; list every one they need.",
    `const ${ALLOWED_HOSTS} = new Set(['api.example.com']);`,
  ]);
  if (constant !== undefined) edits.push(constant);
  return edits;
}

function destinationOf(call: Call): Destination | undefined {
  const first = call.arguments[0];
  if (first === undefined || first.type === 'SpreadElement') return undefined;
  if (first.type !== 'ObjectExpression') return { node: first, isHost: false };
  // Option objects (`http.request({ hostname })`, `axios({ url })`) name the destination in a property.
  for (const key of ['url', 'baseURL', 'href', 'origin', 'hostname', 'host']) {
    const property = propertyNamed(first, key);
    if (property !== undefined && !isPattern(property.value)) {
      return { node: property.value, isHost: key === 'hostname' || key === 'host' };
    }
  }
  return undefined;
}

/** `url`, `args.url`, `input.target.href`: names the guard can repeat without evaluating anything twice. */
function isPlainReference(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  return node.type === 'MemberExpression' && !node.computed && isPlainReference(node.object);
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern';
}

function isNewUrl(node: Node): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'URL';
}

function enclosingFunction(source: Source, node: Node): Node | undefined {
  return ancestors(source, node).find(isFunction);
}

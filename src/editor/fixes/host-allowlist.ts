// The quick fix for unscoped-network: check the request's host against a constant allowlist before the request runs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding } from '../../engine/types';
import { checkedValue, guardedArguments, membershipGuard } from './guard-insertion';
import { isCall, nodeCovering, propertyNamed, type Node, type OffsetEdit, type Source } from './source';

export const ALLOWED_HOSTS = 'ALLOWED_HOSTS';

type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** The expression that names where the request goes, and whether it is a whole URL or a bare host. */
interface Destination {
  node: Node;
  isHost: boolean;
}

/** One proposal per place the destination may be (see rootContainmentFixes); the re-lint keeps the one that works. */
export function hostAllowlistFixes(source: Source, finding: Finding, viaHelper: boolean): OffsetEdit[][] {
  const call = nodeCovering(source, finding.range.start.offset, finding.range.end.offset, isCall);
  if (call === undefined) return [];
  const destinations = viaHelper
    ? guardedArguments(call, true).map((node) => ({ node, isHost: false }))
    : [destinationOf(call)].filter((destination) => destination !== undefined);
  return destinations.flatMap((destination) => {
    const edits = allowlistFor(source, call, destination);
    return edits === undefined ? [] : [edits];
  });
}

function allowlistFor(source: Source, call: Call, destination: Destination): OffsetEdit[] | undefined {
  // A `new URL(...)` is evaluated twice harmlessly; anything else computed is evaluated once, into a name.
  const value = isNewUrl(destination.node)
    ? { expression: source.text.slice(destination.node.range[0], destination.node.range[1]), prelude: [], edits: [] }
    : checkedValue(source, destination.node, 'destination');
  const host = destination.isHost
    ? value.expression
    : isNewUrl(destination.node)
      ? `${value.expression}.hostname`
      : `new URL(${value.expression}).hostname`;
  return membershipGuard(source, call, value, host, {
    name: ALLOWED_HOSTS,
    verb: 'reach',
    declaration: [
      "// The hosts the agent's tools may reach; list every one they need.",
      `const ${ALLOWED_HOSTS} = new Set(['api.example.com']);`,
    ],
  });
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

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern';
}

function isNewUrl(node: Node): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'URL';
}

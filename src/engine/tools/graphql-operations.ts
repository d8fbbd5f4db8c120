// GraphQL operations told apart by their document, whatever HTTP method carries them: a `mutation`
// changes state at the server (a remote write), a `query` reads even when it is sent by POST.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';

export type GraphqlOperation = 'mutation' | 'query';

/** Variables followed back to their initialiser (`const query = gql\`mutation …\``), and arguments read. */
const MAX_STEPS = 2;
const MAX_ARGUMENTS = 3;
/** Keys of a request body or options object that hold the document. */
const DOCUMENT_KEYS = ['query', 'mutation', 'document'];
/** Keys of a request's options that hold its body, possibly serialised (`body: JSON.stringify({ query })`). */
const BODY_KEYS = ['body', 'data', 'json'];

/** The operation a call sends: a document argument, or one under a body key (`{ query: MUTATION, variables }`). */
export function callOperation(call: TSESTree.CallExpression, ctx: FileContext): GraphqlOperation | undefined {
  for (const argument of call.arguments.slice(0, MAX_ARGUMENTS)) {
    const direct = documentOperation(argument, ctx, 0);
    if (direct) return direct;
    const operation = bodyOperation(argument, ctx, 0);
    if (operation) return operation;
  }
  return undefined;
}

/** The document under a body key, in the object itself or in its serialised body (one level down). */
function bodyOperation(node: Node, ctx: FileContext, depth: number): GraphqlOperation | undefined {
  let object = followed(node, ctx, 0);
  // `JSON.stringify({ query, variables })`: the object it serialises.
  if (object?.type === 'CallExpression' && object.arguments[0]) object = followed(object.arguments[0], ctx, 0);
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const key of DOCUMENT_KEYS) {
    const property = findProperty(object, key);
    const operation = property ? documentOperation(property.value as Node, ctx, 0) : undefined;
    if (operation) return operation;
  }
  if (depth > 0) return undefined;
  for (const key of BODY_KEYS) {
    const property = findProperty(object, key);
    const operation = property ? bodyOperation(property.value as Node, ctx, depth + 1) : undefined;
    if (operation) return operation;
  }
  return undefined;
}

function documentOperation(node: Node, ctx: FileContext, steps: number): GraphqlOperation | undefined {
  const inner = followed(node, ctx, steps);
  if (!inner) return undefined;
  const picked = pickedDocuments(inner, ctx, steps);
  if (picked) return picked;
  let text: string | undefined;
  if (inner.type === 'Literal' && typeof inner.value === 'string') text = inner.value;
  else if (inner.type === 'TemplateLiteral') text = inner.quasis[0]?.value.cooked ?? undefined;
  else if (inner.type === 'TaggedTemplateExpression') text = inner.quasi.quasis[0]?.value.cooked ?? undefined;
  // Comments (`# …`) may open a document; only its first keyword is read.
  const start = text?.replace(/^(\s*#[^\n]*\n)*\s*/, '').slice(0, 12);
  if (start === undefined) return undefined;
  if (/^mutation\b/.test(start)) return 'mutation';
  return /^(query\b|\{)/.test(start) && text?.includes('}') ? 'query' : undefined;
}

/** Documents of a table read per call: a few dozen at most. */
const MAX_TABLE_DOCUMENTS = 32;

/**
 * `gql\`${MUTATIONS[input.action]}\`` or `MUTATIONS[action]`: a document picked from a constant table by a
 * key the code does not fix sends one of the table's documents, a mutation when any of them is one.
 */
function pickedDocuments(node: Node, ctx: FileContext, steps: number): GraphqlOperation | undefined {
  const template = node.type === 'TaggedTemplateExpression' ? node.quasi : node;
  const only =
    template.type === 'TemplateLiteral' &&
    template.expressions.length === 1 &&
    template.quasis.every((quasi) => (quasi.value.cooked ?? '').trim() === '')
      ? unwrapExpression(template.expressions[0] as Node)
      : node;
  if (only.type !== 'MemberExpression' || !only.computed) return undefined;
  const table = followed(only.object, ctx, steps);
  if (table?.type !== 'ObjectExpression') return undefined;
  let found: GraphqlOperation | undefined;
  for (const property of table.properties.slice(0, MAX_TABLE_DOCUMENTS)) {
    if (property.type !== 'Property') return undefined;
    const operation = documentOperation(property.value as Node, ctx, MAX_STEPS);
    if (operation === 'mutation') return 'mutation';
    found ??= operation;
  }
  return found;
}

/** A node, or the initialiser of the `const` it names (at most `MAX_STEPS` deep). */
function followed(node: Node, ctx: FileContext, steps: number): Node | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== 'Identifier') return inner;
  if (steps >= MAX_STEPS) return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0)
    return undefined;
  return followed(binding.init, ctx, steps + 1);
}

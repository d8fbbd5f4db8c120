// The sinks a call reaches: the catalog's rows, else a value transfer inferred for an SDK nobody listed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Value } from '../value';
import type { State } from '../evaluator';
import { evaluateSink, matchSinks } from '../sinks';
import { withoutYielded } from '../yielded-hits';
import { stdinVerdict, withStdinVerdict } from '../child-stdin';
import { creditSqlLiterals } from '../sql-literals';
import { signedAuthorization } from '../signed-authorization';
import { inferTransfer } from '../value-transfer-inference';
import { inferSdkRequestPayment, isGenericRequest } from '../sdk-request';
import { calleeOnReceiver } from './typed-arguments';
import type { Interpreter } from './types';

export function recordSinks(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  args: Value[],
  state: State,
  receiver?: Value,
): void {
  const rows = matchSinks(
    node,
    interpreter,
    node.type === 'TaggedTemplateExpression' ? undefined : calleeOnReceiver(node.callee, receiver),
  );
  const hits = rows.flatMap((row) => {
    const hit = evaluateSink(row, node, args, state, interpreter);
    // Text for a child's stdin: only a shell or an interpreter runs it (checked once the row matched).
    if (!hit) return [];
    if (!row.childStdin) return hit;
    // A database shell's stdin whose model text is all escaped literals is its data.
    return creditSqlLiterals(withStdinVerdict(hit, stdinVerdict(row, node, state, interpreter)), args[0]);
  });
  interpreter.hits.push(...withoutYielded(hits));
  // A call no catalog models may still move value through an SDK nobody listed.
  if (rows.length === 0 && node.type === 'CallExpression') {
    // A generic request (`client.POST('/recipients', …)`) is named by its endpoint, not by its client's
    // name (`payClient`): only the endpoint's words, or a money-named tool, make it a payment.
    const generic = isGenericRequest(node, interpreter.ctx);
    const receiverApi = calleeOnReceiver(node.callee, receiver);
    const inferred =
      signedAuthorization(interpreter, node, args, state) ??
      inferSdkRequestPayment(interpreter, node, args, state, receiverApi) ??
      inferTransfer(interpreter, node, args, state, receiverApi, generic, receiver);
    if (inferred) interpreter.hits.push(inferred);
  }
}

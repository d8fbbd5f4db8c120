// The quick fix for unscoped-process: run only commands from a constant allowlist, checked before the process starts.
import type { Finding } from '../../engine/types';
import { checkedValue, guardedArguments, membershipGuard } from './guard-insertion';
import { isCall, nodeCovering, type Node, type OffsetEdit, type Source } from './source';

export const ALLOWED_COMMANDS = 'ALLOWED_COMMANDS';

/**
 * Process APIs take the command (a binary, or a whole shell line) first; an options object there (a
 * `spawn({ ... })` form) gets no fix. Through a helper, each of its first arguments is proposed and the
 * re-lint keeps the one that bounds the finding.
 */
export function commandAllowlistFixes(
  source: Source,
  finding: Finding,
  viaHelper: boolean,
  typescript: boolean,
): OffsetEdit[][] {
  const call = nodeCovering(source, finding.range.start.offset, finding.range.end.offset, isCall);
  if (call === undefined) return [];
  return guardedArguments(call, viaHelper).flatMap((target) => {
    if (target.type === 'ObjectExpression' || target.type === 'ArrayExpression') return [];
    const edits = allowlistFor(source, call, target, typescript);
    return edits === undefined ? [] : [edits];
  });
}

function allowlistFor(source: Source, call: Node, target: Node, typescript: boolean): OffsetEdit[] | undefined {
  const value = checkedValue(source, target, 'command');
  return membershipGuard(source, call, value, value.expression, {
    name: ALLOWED_COMMANDS,
    verb: 'run',
    declaration: [
      "// The commands the agent's tools may run, exactly as they are passed; list every one they need.",
      // Empty until someone lists a command: nothing runs that nobody chose.
      `const ${ALLOWED_COMMANDS} = new Set${typescript ? '<string>' : ''}([]);`,
    ],
  });
}

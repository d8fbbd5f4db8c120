// Calls that log: a logger's level method appends a record of what happened (to the console, a log file or a
// log service), which is no effect of the tool that calls it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, propertyName, unwrapExpression } from '../ast';

/** Level and plain logging methods, as loggers from console to pino and winston name them. */
const LOG_METHOD = /^(log|trace|debug|info|notice|warn|warning|error|fatal|verbose|silly)$/;
/** The receiver is spelled like a logger: `logger`, `this.logger`, `log`, `requestLogger`, `console`. */
const LOGGER = /(^|\.)(_?logger|_?log|[a-z]\w*Logger|console)$/i;

/** Whether `call` is a level method called on a logger (`logger.info(…)`, `this.log.warn(…)`). */
export function isLoggingCall(call: TSESTree.CallExpression, text: string): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  return (
    method !== undefined && LOG_METHOD.test(method) && LOGGER.test(describe(unwrapExpression(callee.object), text))
  );
}

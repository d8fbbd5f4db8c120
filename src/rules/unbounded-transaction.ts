import { defineRule } from './define-rule';

export default defineRule({
  id: 'unbounded-transaction',
  description: 'A tool moves money or value with neither a human-approval gate nor an amount limit on the path to it.',
  defaultSeverity: 'error',
  cwe: ['CWE-862'],
  owasp: ['ASI02', 'ASI03'],
  precision: 'high',
  catalog: true,
  messages: {
    unboundedTransfer:
      'This {{operation}} moves value with no approval gate and no amount limit on the path to it{{inputNote}}.',
    unboundedTransferViaHelper:
      'This call reaches a {{operation}} in `{{callee}}` that moves value with no approval gate and no amount limit on the path to it{{inputNote}}.',
  },
});

import { defineRule } from './define-rule';

export default defineRule({
  id: 'unbounded-transaction',
  description: 'A tool moves money or value with neither a human-approval gate nor an amount limit on the path to it.',
  defaultSeverity: 'error',
  cwe: ['CWE-862'],
  owasp: ['ASI02', 'ASI03'],
  precision: 'high',
  messages: {
    unboundedTransfer:
      'This {{operation}} moves value with no approval gate and no amount limit on the path to it{{inputNote}}.',
    unboundedTransferViaHelper:
      'This call reaches a {{operation}} in `{{callee}}` that moves value with no approval gate and no amount limit on the path to it{{inputNote}}.',
  },
  reports: {
    role: 'sink',
    judgedBy: 'authorization',
    effect: { read: 'value transfers', write: 'value transfers' },
    defaultCheck: 'transfer',
    checks: {
      transfer: {
        part: 'amount',
        partWords: ['amount', 'value', 'payment', 'transfer'],
        messageId: 'unboundedTransfer',
        viaHelperMessageId: 'unboundedTransferViaHelper',
      },
    },
    capability: {
      kind: 'value-transfer',
      order: 4,
      label: 'Value transfer',
      shortLabel: 'payments',
      controlledPart: 'amount',
      icon: 'credit-card',
    },
  },
});

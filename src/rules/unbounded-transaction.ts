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
    inferredTransfer:
      'This call to `{{callee}}` appears to move value ({{reason}}) with no approval gate and no amount limit on the path to it{{inputNote}}. If it does, confirm it as a sink under `sinks` in `.agent-risk.json`; if it does not, suppress this finding with the reason.',
    inferredTransferViaHelper:
      'This call reaches `{{callee}}`, which appears to move value ({{reason}}) with no approval gate and no amount limit on the path to it{{inputNote}}. If it does, confirm it as a sink under `sinks` in `.agent-risk.json`; if it does not, suppress this finding with the reason.',
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
        inferred: { messageId: 'inferredTransfer', viaHelperMessageId: 'inferredTransferViaHelper' },
      },
    },
    capability: {
      kind: 'value-transfer',
      order: 4,
      label: 'Value transfer',
      shortLabel: 'payments',
      controlledPart: 'amount',
      boundWording: 'capped',
      icon: 'credit-card',
    },
  },
});

import { defineRule } from './define-rule';

export default defineRule({
  id: 'unscoped-process',
  description:
    'A tool runs a process or evaluates code whose command, arguments or code the model controls, with no allowlist.',
  defaultSeverity: 'error',
  cwe: ['CWE-78', 'CWE-94'],
  owasp: ['ASI05', 'ASI02'],
  precision: 'high',
  messages: {
    taintedCommand:
      'The {{part}} of this process or code execution comes from the tool input `{{source}}` and no allowlist bounds it.',
    taintedCommandViaHelper:
      'This call passes the tool input `{{source}}` to `{{callee}}`, which uses it as the {{part}} of a process or code execution that no allowlist bounds.',
  },
  reports: {
    role: 'sink',
    judgedBy: 'scope',
    scopedWritesNeedAudit: false,
    effect: { read: 'process execution', write: 'process execution' },
    defaultCheck: 'command',
    checks: {
      command: {
        part: 'command',
        partWords: ['command'],
        messageId: 'taintedCommand',
        viaHelperMessageId: 'taintedCommandViaHelper',
      },
      args: {
        part: 'arguments',
        partWords: ['args', 'arguments'],
        messageId: 'taintedCommand',
        viaHelperMessageId: 'taintedCommandViaHelper',
      },
      code: {
        part: 'code',
        partWords: ['code'],
        messageId: 'taintedCommand',
        viaHelperMessageId: 'taintedCommandViaHelper',
      },
    },
    capability: {
      kind: 'process',
      order: 3,
      label: 'Processes and code',
      shortLabel: 'process',
      controlledPart: 'command',
      boundWording: 'on an allowlist',
      icon: 'terminal',
    },
  },
});

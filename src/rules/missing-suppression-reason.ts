import { defineRule } from './define-rule';

export default defineRule({
  id: 'missing-suppression-reason',
  description: 'A suppression directive gives no reason after `--`.',
  defaultSeverity: 'warning',
  cwe: [],
  owasp: [],
  precision: 'high',
  messages: {
    noReason: 'Say why this finding is acceptable: add `-- <reason>` after the rule id.',
  },
  reports: { role: 'directive-reason', messageId: 'noReason' },
});

import { defineRule } from './define-rule';

export default defineRule({
  id: 'missing-audit-hook',
  description:
    'A tool that reaches a network, file, process or value-moving effect has no audit hook recording its calls.',
  defaultSeverity: 'warning',
  cwe: ['CWE-778'],
  owasp: ['ASI10'],
  precision: 'medium',
  messages: {
    noAuditHook:
      'The tool `{{tool}}` reaches {{effects}} but no audit hook records its calls: no audit call in the handler, no audit wrapper and no framework-level tool-call hook.',
  },
  reports: { role: 'audit', messageId: 'noAuditHook' },
});

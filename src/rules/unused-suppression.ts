import { defineRule } from './define-rule';

export default defineRule({
  id: 'unused-suppression',
  description: 'A suppression directive suppresses nothing, or names a rule that does not exist.',
  defaultSeverity: 'warning',
  cwe: [],
  owasp: [],
  precision: 'high',
  messages: {
    unusedDirective: 'This directive suppresses no `{{rule}}` finding; remove it.',
    unknownRule: 'This directive names `{{rule}}`, which is not a rule{{suggestion}}.',
  },
  reports: { role: 'unused-directive', unusedMessageId: 'unusedDirective', unknownRuleMessageId: 'unknownRule' },
});

import { defineRule } from './define-rule';

export default defineRule({
  id: 'unscoped-network',
  description: 'A tool makes a network request whose destination the model controls, with no host allowlist.',
  defaultSeverity: 'error',
  cwe: ['CWE-918'],
  owasp: ['ASI02', 'ASI03'],
  precision: 'high',
  catalog: true,
  messages: {
    taintedDestination:
      'The {{part}} of this request comes from the tool input `{{source}}` and no host allowlist bounds it.',
    taintedDestinationViaHelper:
      'This call passes the tool input `{{source}}` to `{{callee}}`, which uses it as the {{part}} of a request that no host allowlist bounds.',
  },
});

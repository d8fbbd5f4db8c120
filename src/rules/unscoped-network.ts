import { defineRule } from './define-rule';

export default defineRule({
  id: 'unscoped-network',
  description: 'A tool makes a network request whose destination the model controls, with no host allowlist.',
  defaultSeverity: 'error',
  cwe: ['CWE-918'],
  owasp: ['ASI02', 'ASI03'],
  precision: 'high',
  messages: {
    taintedDestination:
      'The {{part}} of this request comes from the tool input `{{source}}` and no host allowlist bounds it.',
    taintedDestinationViaHelper:
      'This call passes the tool input `{{source}}` to `{{callee}}`, which uses it as the {{part}} of a request that no host allowlist bounds.',
  },
  reports: {
    role: 'sink',
    judgedBy: 'scope',
    effect: { read: 'network requests', write: 'network requests' },
    defaultCheck: 'url',
    checks: {
      url: {
        part: 'destination',
        partWords: ['url', 'destination'],
        messageId: 'taintedDestination',
        viaHelperMessageId: 'taintedDestinationViaHelper',
      },
      host: {
        part: 'host',
        partWords: ['host'],
        messageId: 'taintedDestination',
        viaHelperMessageId: 'taintedDestinationViaHelper',
      },
    },
    capability: {
      kind: 'network',
      order: 1,
      label: 'Network',
      shortLabel: 'network',
      controlledPart: 'host',
      boundWording: 'on an allowlist',
      icon: 'globe',
    },
  },
});

import { defineRule } from './define-rule';

export default defineRule({
  id: 'unscoped-filesystem',
  description:
    'A tool reads, writes, lists, moves or deletes a path the model controls, with no containment to an allowed root.',
  defaultSeverity: 'error',
  cwe: ['CWE-22'],
  owasp: ['ASI02', 'ASI03'],
  precision: 'high',
  messages: {
    taintedPath:
      'The path of this file operation comes from the tool input `{{source}}` and no containment check bounds it to an allowed root.',
    taintedPathViaHelper:
      'This call passes the tool input `{{source}}` to `{{callee}}`, which uses it as a file path that no containment check bounds.',
  },
  reports: {
    role: 'sink',
    judgedBy: 'scope',
    effect: { read: 'file reads', write: 'file writes' },
    defaultCheck: 'path',
    checks: {
      path: {
        part: 'path',
        partWords: ['path', 'file'],
        messageId: 'taintedPath',
        viaHelperMessageId: 'taintedPathViaHelper',
      },
      'argv-path': {
        part: 'path',
        partWords: ['operand'],
        messageId: 'taintedPath',
        viaHelperMessageId: 'taintedPathViaHelper',
      },
    },
    capability: {
      kind: 'filesystem',
      order: 2,
      label: 'File system',
      shortLabel: 'fs',
      controlledPart: 'path',
      boundWording: 'contained to a root',
      icon: 'file',
    },
  },
});

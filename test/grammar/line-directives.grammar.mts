// SYNTAX TEST "source.ts" "next-line and file directives in line comments"

// agent-risk-disable-next-line unscoped-network -- fetches a fixed mirror
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.directive.suppression.agent-risk keyword.other.directive.agent-risk
//                              ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                               ^^ punctuation.separator.reason.agent-risk
//                                                  ^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk
// <-- comment.line.double-slash.ts punctuation.definition.comment.ts - meta.directive.suppression.agent-risk
await fetch(url);

    // agent-risk-disable-next-line unscoped-network, missing-audit-hook -- reviewed in #12
//     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                                  ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                  ^ punctuation.separator.comma.agent-risk
//                                                    ^^^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                                       ^^ punctuation.separator.reason.agent-risk
//                                                                          ^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk

// agent-risk-disable-next-line unscoped-process
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                              ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk - string.unquoted.reason.agent-risk

//agent-risk-disable-next-line unscoped-process--no spaces around the separator
// <~~---------------------------- keyword.other.directive.agent-risk
//                             ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                             ^^ punctuation.separator.reason.agent-risk
//                                               ^^^^^^^^^ string.unquoted.reason.agent-risk

// agent-risk-disable missing-audit-hook -- audited by the gateway
// ^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                    ^^^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                          ^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk

// A comment that mentions agent-risk-disable-next-line in passing is not a directive.
//                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.ts - keyword.other.directive.agent-risk

// agent-risk-disable-next-lines unscoped-network -- a longer word is not the keyword
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.ts - keyword.other.directive.agent-risk

const note = '// agent-risk-disable-next-line unscoped-network -- inside a string';
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.ts - keyword.other.directive.agent-risk

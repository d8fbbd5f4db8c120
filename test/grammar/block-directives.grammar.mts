// SYNTAX TEST "source.ts" "directives in block comments"

/* agent-risk-disable unscoped-filesystem -- this tool only reads its own fixtures */
// <-- comment.block.ts punctuation.definition.comment.ts
// ^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                    ^^^^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                        ^^ punctuation.separator.reason.agent-risk
//                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk
//                                                                                 ^^ punctuation.definition.comment.ts - string.unquoted.reason.agent-risk
//                                                                                 ^^ punctuation.definition.comment.ts - meta.directive.suppression.agent-risk

/* agent-risk-disable-next-line unscoped-network -- block form of the next-line directive */
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                              ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                  ^^^^^^^^^^ string.unquoted.reason.agent-risk

/*
 * agent-risk-disable unscoped-process -- the command comes from a constant table
 */

/* agent-risk-disable unscoped-network, unscoped-process -- the reason
//                                      ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                          ^^^^^^^^^^ string.unquoted.reason.agent-risk
   continues on the next line */
// ^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk
//                            ^^ punctuation.definition.comment.ts - string.unquoted.reason.agent-risk

/** agent-risk-disable unscoped-network -- documentation comments are not directives */
//  ^^^^^^^^^^^^^^^^^^ comment.block.documentation.ts - keyword.other.directive.agent-risk

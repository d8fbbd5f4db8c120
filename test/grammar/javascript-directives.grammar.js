// SYNTAX TEST "source.js" "directives in JavaScript"

// agent-risk-disable-next-line unscoped-process -- the command is a constant
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                              ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk
execSync(command);

/* agent-risk-disable missing-audit-hook -- audited by the caller */
// ^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                    ^^^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                          ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk

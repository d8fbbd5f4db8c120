// SYNTAX TEST "source.tsx" "directives in TSX"

// agent-risk-disable-next-line unscoped-network -- the page is fixed
// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                              ^^^^^^^^^^^^^^^^ entity.name.type.rule-id.agent-risk
//                                                  ^^^^^^^^^^^^^^^^^ string.unquoted.reason.agent-risk
const view = <a href={url}>link</a>;

const other = <div>{/* agent-risk-disable unscoped-network -- inside JSX */}</div>;
//                     ^^^^^^^^^^^^^^^^^^ keyword.other.directive.agent-risk
//                                                            ^^^^^^^^^^ string.unquoted.reason.agent-risk

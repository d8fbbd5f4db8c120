// In a dispatcher whose cases are tools, which branches belong to another tool than the one being judged.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { constantString } from './constant-name';
import { spelledName } from './tool-name';

const SELECTOR_NAME = /^(name|tool|toolName|tool_name|method|action|command|operation)$/i;

/** In a dispatcher, the branches of other tools: cases whose name is another, `if (name === 'other')`. */
export function otherTool(node: Node, caseName: string, skipped: Set<Node>, ctx: FileContext): boolean {
  if (skipped.has(node)) return true;
  if (node.type === 'SwitchCase') {
    const label = node.test ? caseLabel(node.test, ctx) : undefined;
    const parent = node.parent;
    const ours = parent?.type === 'SwitchStatement' && hasLabel(parent, caseName, ctx);
    return ours && label !== caseName && !fallsInto(node, caseName, ctx);
  }
  if (
    node.type === 'IfStatement' &&
    node.test.type === 'BinaryExpression' &&
    ['===', '=='].includes(node.test.operator)
  ) {
    const { left, right } = node.test;
    // `if (name === ToolName.WRITE_FILE)` compares with a constant as `if (name === 'writeFile')` does.
    const rightLabel = caseLabel(right, ctx);
    const literal = rightLabel ?? caseLabel(left, ctx);
    const subject = unwrapExpression(rightLabel !== undefined ? left : right);
    const subjectName = spelledName(subject);
    // Only the consequent is another tool's; the alternate may hold this one.
    if (literal !== undefined && literal !== caseName && subjectName !== undefined && SELECTOR_NAME.test(subjectName))
      skipped.add(node.consequent);
  }
  return false;
}

/**
 * `case 'send_email': case 'draft_email': { … }`: labels with no statements of their own share the next body,
 * so that body is also the tool of each empty label just above it.
 */
function fallsInto(node: TSESTree.SwitchCase, caseName: string, ctx: FileContext): boolean {
  return emptyCasesAbove(node).some((previous) => previous.test && caseLabel(previous.test, ctx) === caseName);
}

/**
 * The run of statement-less cases directly above each case, found once per switch: every case of a
 * dispatcher asks at every other case, so a search per question is quadratic in the cases.
 */
const emptyRuns = new WeakMap<TSESTree.SwitchCase, readonly TSESTree.SwitchCase[]>();
const NONE: readonly TSESTree.SwitchCase[] = [];

function emptyCasesAbove(node: TSESTree.SwitchCase): readonly TSESTree.SwitchCase[] {
  const known = emptyRuns.get(node);
  if (known) return known;
  let run: TSESTree.SwitchCase[] = [];
  for (const switchCase of node.parent.cases) {
    emptyRuns.set(switchCase, run.length > 0 ? run : NONE);
    run = switchCase.consequent.length > 0 ? [] : [...run, switchCase];
  }
  return emptyRuns.get(node) ?? NONE;
}

/** `case ToolName.Navigate:` labels a case as its literal would. */
function caseLabel(test: Node, ctx: FileContext): string | undefined {
  return stringValue(test) ?? constantString(test, ctx);
}

/**
 * Whether a switch has a case labelled `name`. Every case of a dispatcher is a tool that asks this at each
 * of the switch's cases, so the written labels are read once per switch (from the tree alone, which an
 * edit replaces); labels that name a constant (`case ToolName.Navigate:`) may live in another file and are
 * read each time.
 */
const literalLabels = new WeakMap<TSESTree.SwitchStatement, { written: Set<string>; named: Node[] }>();

function hasLabel(statement: TSESTree.SwitchStatement, name: string, ctx: FileContext): boolean {
  let labels = literalLabels.get(statement);
  if (!labels) {
    labels = { written: new Set(), named: [] };
    for (const { test } of statement.cases) {
      const literal = test ? stringValue(test) : undefined;
      if (literal !== undefined) labels.written.add(literal);
      else if (test) labels.named.push(test);
    }
    literalLabels.set(statement, labels);
  }
  return labels.written.has(name) || labels.named.some((test) => constantString(test, ctx) === name);
}

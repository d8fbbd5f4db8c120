// Decides which recorded divergences (`known`, `knownUnrecognised`) a tool's outcome makes stale or new, and edits the JSON text in place.
import type { CheckedRule, KnownDivergence, ToolExpectation } from './expectations';
import { CHECKED_RULES } from './expectations';
import type { ToolOutcome } from './verdicts';

/** One net change to a tool's records; `key` is `known.<rule>` or `knownUnrecognised`. */
export interface RecordChange {
  tool: string;
  key: string;
  action: 'removed' | 'added';
  /** The record's kind and reason (the old one for a removal, the new one for an addition). */
  text: string;
}

/** Says what the engine reported for a rule on the tool: `<engine message or 'no finding'> at <file:line>`. */
export type Evidence = (rule: CheckedRule) => string;

/** The records after one round: stale ones dropped, new divergences recorded. Judgement fields are copied, never changed. */
export function reconcileOnce(
  tool: ToolExpectation,
  outcome: ToolOutcome,
  date: string,
  evidence: Evidence,
): ToolExpectation {
  const stamp = `Recorded by accuracy:update-known on ${date}:`;
  const known: Partial<Record<CheckedRule, KnownDivergence>> = { ...tool.known };
  let knownUnrecognised = tool.knownUnrecognised;
  if (outcome.recognition === 'fixed-unrecognised') knownUnrecognised = undefined;
  if (outcome.recognition === 'unrecognised') knownUnrecognised = `${stamp} not recognised`;
  for (const verdict of outcome.verdicts) {
    if (verdict.status === 'fixed') delete known[verdict.rule];
    else if (verdict.status === 'mismatch' || verdict.status === 'misplaced') {
      const kind = verdict.status === 'misplaced' ? 'misplaced' : verdict.expected ? 'missing' : 'spurious';
      known[verdict.rule] = { kind, why: `${stamp} ${evidence(verdict.rule)}` };
    }
  }
  return { ...tool, known, knownUnrecognised };
}

/**
 * Reconciles until the outcome has nothing left to record: removing a stale `missing` record can
 * reveal a misplaced finding, so one round is not always enough. Bounded to a few rounds.
 */
export function reconcile(
  tool: ToolExpectation,
  judge: (tool: ToolExpectation) => ToolOutcome,
  date: string,
  evidence: Evidence,
): ToolExpectation {
  let current = tool;
  for (let round = 0; round < 4; round++) {
    const next = reconcileOnce(current, judge(current), date, evidence);
    if (sameRecords(next, current)) return current;
    current = next;
  }
  return current;
}

/** The net changes from `before` to `after`; a record whose kind or reason changed is one removal plus one addition. */
export function changesOf(before: ToolExpectation, after: ToolExpectation): RecordChange[] {
  const changes: RecordChange[] = [];
  const add = (key: string, action: RecordChange['action'], text: string): void => {
    changes.push({ tool: before.name, key, action, text });
  };
  for (const rule of CHECKED_RULES) {
    const old = before.known[rule];
    const now = after.known[rule];
    if (sameKnown(old, now)) continue;
    if (old !== undefined) add(`known.${rule}`, 'removed', `${old.kind}: ${old.why}`);
    if (now !== undefined) add(`known.${rule}`, 'added', `${now.kind}: ${now.why}`);
  }
  if (before.knownUnrecognised !== after.knownUnrecognised) {
    if (before.knownUnrecognised !== undefined) add('knownUnrecognised', 'removed', before.knownUnrecognised);
    if (after.knownUnrecognised !== undefined) add('knownUnrecognised', 'added', after.knownUnrecognised);
  }
  return changes;
}

function sameRecords(a: ToolExpectation, b: ToolExpectation): boolean {
  return (
    a.knownUnrecognised === b.knownUnrecognised &&
    CHECKED_RULES.every((rule) => sameKnown(a.known[rule], b.known[rule]))
  );
}

function sameKnown(a: KnownDivergence | undefined, b: KnownDivergence | undefined): boolean {
  return a?.kind === b?.kind && a?.why === b?.why;
}

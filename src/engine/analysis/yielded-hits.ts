// A sink row that yields to another rule's finding on the same call (a shell's `cwd` beside its command).
import type { SinkHit } from './sinks';

/**
 * One call's hits, those a finding of another rule on the same call already carries made uncontrolled: a model-chosen
 * `cwd` adds nothing to a command the model chooses, while beside a fixed program it is where files are read.
 * A yielded hit keeps what it was (`unyielded`): inside a helper the command may be a parameter that one caller
 * fixes, so the choice is made again for each call of the helper (`yieldedAtCall`).
 */
export function withoutYielded(hits: SinkHit[]): SinkHit[] {
  // Only a command the model chooses, or one a program that may be a shell runs, carries it: a model
  // argument to a fixed program (`git -C <dir>`) is not one.
  const reported = new Set(
    hits.filter((hit) => hit.modelControlled && !hit.bounded && hit.unfixedProgram).map((hit) => hit.row.rule),
  );
  return hits.map((hit) =>
    hit.row.yieldsTo !== undefined && hit.modelControlled && reported.has(hit.row.yieldsTo)
      ? { ...hit, modelControlled: false, origins: [], paramIndexes: [], unyielded: hit }
      : hit,
  );
}

/** The hit a helper's summary holds, as it was before it yielded inside the helper. */
export function beforeYielding(hit: SinkHit): SinkHit {
  return hit.unyielded ?? hit;
}

/**
 * A helper's hits instantiated for one caller, yielded again per sink call with the caller's values: a helper
 * `run(cmd, dir)` that spawns `cmd` in `dir` yields its `cwd` for `run(input.cmd, dir)`, not for `run('make', input.dir)`.
 */
export function yieldedAtCall(hits: SinkHit[]): SinkHit[] {
  if (!hits.some((hit) => hit.row.yieldsTo !== undefined)) return hits;
  const byCall = new Map<SinkHit['node'], SinkHit[]>();
  for (const hit of hits) {
    const group = byCall.get(hit.node);
    if (group) group.push(hit);
    else byCall.set(hit.node, [hit]);
  }
  const out: SinkHit[] = [];
  for (const group of byCall.values())
    out.push(...(group.some((hit) => hit.row.yieldsTo !== undefined) ? withoutYielded(group) : group));
  return out;
}

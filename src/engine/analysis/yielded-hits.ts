// A sink row that yields to another rule's finding on the same call (a shell's `cwd` beside its command).
import type { SinkHit } from './sinks';

/**
 * One call's hits, those a finding of another rule on the same call already carries made uncontrolled: a model-chosen
 * `cwd` adds nothing to a command the model chooses, while beside a fixed program it is where files are read.
 */
export function withoutYielded(hits: SinkHit[]): SinkHit[] {
  // Only a command the model chooses, or one a program that may be a shell runs, carries it: a model
  // argument to a fixed program (`git -C <dir>`) is not one.
  const reported = new Set(
    hits.filter((hit) => hit.modelControlled && !hit.bounded && hit.unfixedProgram).map((hit) => hit.row.rule),
  );
  return hits.map((hit) =>
    hit.row.yieldsTo !== undefined && hit.modelControlled && reported.has(hit.row.yieldsTo)
      ? { ...hit, modelControlled: false, origins: [], paramIndexes: [] }
      : hit,
  );
}

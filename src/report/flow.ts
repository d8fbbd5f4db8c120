// A finding's path from the model-controlled input to the effect, from the steps the engine records, for path views.
import type { Finding, Range } from '../engine/types';

export interface FlowStep {
  file: string;
  range: Range;
  message: string;
}

/**
 * Input → (calls the input passes through) → the reported place → the effect in a helper, when the effect
 * is elsewhere. Empty for a finding with no input step (an audit or directive finding): no path to show.
 */
export function flowSteps(finding: Finding): FlowStep[] {
  const sources = finding.related.filter((entry) => entry.kind === 'source');
  if (sources.length === 0) return [];
  const calls = finding.related.filter((entry) => entry.kind === 'call');
  const sinks = finding.related.filter((entry) => entry.kind === 'sink');
  const here: FlowStep = {
    file: finding.file,
    range: finding.range,
    message: sinks.length > 0 ? 'The input is passed on here.' : 'The effect happens here.',
  };
  const step = ({ file, range, message }: FlowStep): FlowStep => ({ file, range, message });
  return [...sources.map(step), ...calls.map(step), here, ...sinks.map(step)];
}

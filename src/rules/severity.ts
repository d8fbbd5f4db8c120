// Diagnostic levels, the lowest layer's vocabulary: rules declare a default, configuration overrides it.

/** A diagnostic level; `off` disables a rule. */
export type Severity = 'off' | 'hint' | 'info' | 'warning' | 'error';
export type ReportedSeverity = Exclude<Severity, 'off'>;

/** Every level, lowest first. */
export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'info', 'warning', 'error'];

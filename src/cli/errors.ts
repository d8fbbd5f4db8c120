// The one error type that ends the CLI with exit code 2 and a one-line reason instead of a stack trace.

/** A usage, configuration or environment error the user can fix; `message` is the whole line shown. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Extra lines shown after the reason, e.g. every configuration error with its position. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

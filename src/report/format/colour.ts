// ANSI styling that collapses to plain text when colour is off, so formatters never branch on it.

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

function style(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

export function palette(enabled: boolean): Palette {
  if (!enabled)
    return { red: identity, yellow: identity, blue: identity, dim: identity, bold: identity, underline: identity };
  return {
    red: style(31, 39),
    yellow: style(33, 39),
    blue: style(34, 39),
    dim: style(2, 22),
    bold: style(1, 22),
    underline: style(4, 24),
  };
}

/** True when `name` is set to anything but the empty string (the NO_COLOR convention's reading). */
function isSet(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== '';
}

/**
 * Terminal decorations (colour, a redrawn progress line) only for a person at a terminal: not in a pipe or
 * a file, not in CI (whose logs keep every escape and carriage return), not after the NO_COLOR opt-out, not
 * on a terminal that declares it understands none (`TERM=dumb`).
 */
export function shouldColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !isSet(env, 'NO_COLOR') && !isSet(env, 'CI') && env.TERM !== 'dumb';
}

// A one-line progress display on stderr, drawn only for a person at a terminal so task terminals and CI logs stay clean.
import { shouldColour } from '../report/format/colour';

export interface Progress {
  update(done: number, total: number, file: string): void;
  done(): void;
}

/** The progress of a scan whose stderr is no terminal: draws nothing. */
export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

/** The progress line redraws itself with `\r`: drawn under the same conditions as colour (colour.ts). */
export function progressFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Progress {
  if (!shouldColour(stream, env)) return silentProgress;
  let drawn = false;
  let lastDraw = 0;
  return {
    update(done, total, file) {
      // Redrawing for every file would cost more than linting small files; ten times a second is enough.
      const now = Date.now();
      if (now - lastDraw < 100 && done !== 0) return;
      lastDraw = now;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const line = `[${done}/${total}] ${file}`;
      stream.write(`\r${(line.length > width ? `…${line.slice(line.length - width + 1)}` : line).padEnd(width)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write(`\r${' '.repeat(Math.max(20, (stream.columns ?? 80) - 1))}\r`);
    },
  };
}

// `node out/bench/parse-counts.js <scan arguments…>`: runs one serial `agent-risk scan` in this process and
// prints how much source it parsed, and how much of that was a file it had already parsed.
import * as parse from '../src/engine/parse';
import { main } from '../src/cli/main';

/*
 * Why: the floor a scan is measured against parses each file once. A scan parses more: the files the linted ones
 * import, and again a file whose tree the import cache dropped. These counts say which of the two a change saves
 * (at round eleven's engine, the bench's agent part parsed 48 M characters for 26 M of corpus, 21 M of them
 * parses of a file parsed before). Counting wraps the module's export, which the compiled engine reads at each
 * call, so the engine itself carries no counter.
 */

interface Count {
  parses: number;
  chars: number;
  dropped: number;
}

const counts = new Map<string, Count>();
const original = parse.parseText;
let parseMs = 0;
// A counting wrapper in place of the export: see the comment above.
(parse as { parseText: typeof parse.parseText }).parseText = (text, file, keep) => {
  const started = process.hrtime.bigint();
  const outcome = original(text, file, keep);
  parseMs += Number(process.hrtime.bigint() - started) / 1e6;
  const count = counts.get(file) ?? { parses: 0, chars: text.length, dropped: 0 };
  count.parses++;
  if (outcome.dropped) count.dropped++;
  counts.set(file, count);
  return outcome;
};

const args = process.argv.slice(2);
const code = main(args.includes('--jobs') ? args : [...args, '--jobs', '1'], {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});

let parses = 0;
let chars = 0;
let repeatedParses = 0;
let repeatedChars = 0;
for (const count of counts.values()) {
  parses += count.parses;
  chars += count.parses * count.chars;
  repeatedParses += count.parses - 1;
  repeatedChars += (count.parses - 1) * count.chars;
}
const mostRepeated = [...counts]
  .filter(([, count]) => count.parses > 1)
  .sort(([, a], [, b]) => (b.parses - 1) * b.chars - (a.parses - 1) * a.chars)
  .slice(0, 20)
  .map(([file, count]) => ({ file, ...count }));
process.stderr.write(
  `${JSON.stringify(
    {
      filesParsed: counts.size,
      parses,
      charsParsed: chars,
      repeatedParses,
      repeatedChars,
      repeatedCharsPercent: chars === 0 ? 0 : Math.round((1000 * repeatedChars) / chars) / 10,
      parseMs: Math.round(parseMs),
      mostRepeated,
    },
    null,
    2,
  )}\n`,
);
process.exitCode = code;

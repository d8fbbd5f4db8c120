// Escapes text that comes from scanned source (tool names, file names, identifiers, guard text) for each output format.

/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides, which
 * a source name can carry into a terminal, a CI log (`::notice::` on its own line) or a review.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows control characters as escapes (`\n`, `\x1b`, `\u202e`) so a name stays on one line and inert. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const named = NAMED[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Markdown inline text on one line: every character that makes a span, link, image, HTML or table
 * cell is escaped, and a leading `-`, `+`, `=` or `1.` cannot start a list or heading.
 */
export function markdownText(text: string): string {
  return escapeControl(text)
    .replace(/[\\`*_{}[\]()#!|<>~&]/g, (char) => `\\${char}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A Markdown code span around `text` that `text` cannot close: the fence is one backtick longer than
 * the longest run inside, `|` is escaped for tables, and control characters are shown as escapes.
 */
export function markdownCode(text: string): string {
  const body = escapeControl(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = body.startsWith('`') || body.endsWith('`') || body.trim() === '' ? ` ${body} ` : body;
  return `${fence}${padded}${fence}`;
}

/**
 * A message whose backtick pairs mark code (`The tool \`x\` …`): each code part becomes a safe code
 * span and each text part escaped text. A backtick from the source can only shift the pairing, and
 * every part is escaped either way; with an odd count the whole message is text.
 */
export function markdownMessage(text: string): string {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return markdownText(text);
  return parts.map((part, index) => (index % 2 === 1 ? markdownCode(part) : markdownText(part))).join('');
}

/** SARIF `message.text` is plain text where `[label](n)` makes a link: brackets are escaped, controls shown. */
export function sarifText(text: string): string {
  return escapeControl(text).replace(/[[\]]/g, (char) => `\\${char}`);
}

/** A copy of `value` with `escape` applied to every string in it (report data: plain objects, arrays, depth < 10). */
export function mapStrings<T>(value: T, escapeText: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return escapeText(value) as T;
  if (depth > 16 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, escapeText, depth + 1)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = mapStrings(item, escapeText, depth + 1);
  return copy as T;
}

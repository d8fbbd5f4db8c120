// Removes and adds object members in JSON text without reformatting the rest, so hand-laid-out expectation files keep their layout.
import type { ToolExpectation } from './expectations';
import { CHECKED_RULES } from './expectations';

interface JsonNode {
  start: number;
  end: number;
  members: JsonMember[] | undefined;
  items: JsonNode[] | undefined;
}

interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  start: number;
  value: JsonNode;
}

/** Rewrites the `known` and `knownUnrecognised` members of `tools[index]` from `before` to `after`. */
export function applyRecords(text: string, index: number, before: ToolExpectation, after: ToolExpectation): string {
  let out = text;
  for (const rule of CHECKED_RULES) {
    const old = before.known[rule];
    const now = after.known[rule];
    if (old?.kind === now?.kind && old?.why === now?.why) continue;
    if (old !== undefined) out = removeMember(out, ['tools', index, 'known'], rule);
    if (now === undefined) continue;
    if (objectAt(out, ['tools', index, 'known']) === undefined)
      out = addMember(out, ['tools', index], 'known', { [rule]: now });
    else out = addMember(out, ['tools', index, 'known'], rule, now);
  }
  const known = objectAt(out, ['tools', index, 'known']);
  if (known !== undefined && known.members?.length === 0) out = removeMember(out, ['tools', index], 'known');
  if (before.knownUnrecognised !== after.knownUnrecognised) {
    if (before.knownUnrecognised !== undefined) out = removeMember(out, ['tools', index], 'knownUnrecognised');
    if (after.knownUnrecognised !== undefined)
      out = addMember(out, ['tools', index], 'knownUnrecognised', after.knownUnrecognised);
  }
  return out;
}

/** Deletes `key` from the object at `path`, with the comma and line break that separated it. */
export function removeMember(text: string, path: (string | number)[], key: string): string {
  const target = objectAt(text, path);
  const members = target?.members ?? [];
  const at = members.findIndex((member) => member.key === key);
  if (target === undefined || at < 0) return text;
  const member = members[at] as JsonMember;
  const previous = members[at - 1];
  const next = members[at + 1];
  if (previous !== undefined) return text.slice(0, previous.value.end) + text.slice(member.value.end);
  if (next !== undefined) return text.slice(0, member.start) + text.slice(next.start);
  return `${text.slice(0, target.start + 1)}${text.slice(target.end - 1)}`;
}

/** Appends `key: value` to the object at `path`, indented like its last member (JSON.stringify layout for the value). */
export function addMember(text: string, path: (string | number)[], key: string, value: unknown): string {
  const target = objectAt(text, path);
  if (target === undefined) throw new Error(`No object at ${path.join('.')}`);
  const last = target.members?.at(-1);
  const indent = last === undefined ? `${lineIndent(text, target.start)}  ` : lineIndent(text, last.start);
  const body = `"${key}": ${JSON.stringify(value, null, 2).split('\n').join(`\n${indent}`)}`;
  if (last !== undefined) return `${text.slice(0, last.value.end)},\n${indent}${body}${text.slice(last.value.end)}`;
  const close = lineIndent(text, target.start);
  return `${text.slice(0, target.start)}{\n${indent}${body}\n${close}}${text.slice(target.end)}`;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

function objectAt(text: string, path: (string | number)[]): JsonNode | undefined {
  let node: JsonNode | undefined = parse(text);
  for (const step of path) {
    if (node === undefined) return undefined;
    node = typeof step === 'number' ? node.items?.[step] : node.members?.find((member) => member.key === step)?.value;
  }
  return node?.members === undefined ? undefined : node;
}

/** A span-keeping JSON reader; the text was already validated by JSON.parse, so it trusts the syntax. */
function parse(text: string): JsonNode {
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const readValue = (depth: number): JsonNode => {
    if (depth > 64) throw new Error('JSON nested too deeply');
    skip();
    const start = pos;
    const open = text[pos];
    if (open === '{' || open === '[') {
      pos++;
      const members: JsonMember[] = [];
      const items: JsonNode[] = [];
      skip();
      while (text[pos] !== '}' && text[pos] !== ']') {
        if (open === '{') {
          const keyStart = pos;
          const key = readString();
          skip();
          pos++; // the colon
          members.push({ key, start: keyStart, value: readValue(depth + 1) });
        } else items.push(readValue(depth + 1));
        skip();
        if (text[pos] === ',') pos++;
        skip();
      }
      pos++;
      return open === '{'
        ? { start, end: pos, members, items: undefined }
        : { start, end: pos, members: undefined, items };
    }
    if (open === '"') readString();
    else while (pos < text.length && !/[\s,}\]]/.test(text[pos] as string)) pos++;
    return { start, end: pos, members: undefined, items: undefined };
  };
  JSON.parse(text);
  return readValue(0);
}

// CodeQL-style access paths (`Member[get,post].Argument[0]`) parsed into tokens the matcher compares.

export type PathToken =
  // `prefixes`: names written with a trailing `*` (`bash_*`), for members a provider versions by date (`bash_20250124`).
  | { kind: 'Member'; names: string[]; prefixes?: string[] }
  | { kind: 'Argument'; indexes: IndexSpec[] }
  | { kind: 'Parameter'; indexes: IndexSpec[] }
  | { kind: 'Method'; names: string[] }
  | { kind: 'Property'; names: string[] }
  | { kind: 'ReturnValue' }
  | { kind: 'Instance' }
  | { kind: 'Awaited' }
  | { kind: 'ArrayElement' }
  // In a tool form's name and approval paths: the call a method is called on (`toolDefinition({ name }).server(fn)`).
  | { kind: 'Receiver' };

/** An index: a number, `N-k` (k-th from the end) or `a..` (a and every later one). */
export type IndexSpec = { at: number } | { fromEnd: number } | { from: number };

const TOKEN =
  /^(Member|Argument|Parameter|Method|Property|ReturnValue|Instance|Awaited|ArrayElement|Receiver)(?:\[([^\]]*)\])?$/;

export class AccessPathError extends Error {}

export function parseAccessPath(text: string): PathToken[] {
  if (text.trim() === '') return [];
  return splitTokens(text).map((raw) => {
    const match = TOKEN.exec(raw.trim());
    if (!match) throw new AccessPathError(`Unknown access-path token \`${raw}\` in \`${text}\`.`);
    const kind = match[1] as PathToken['kind'];
    const args =
      match[2]
        ?.split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0) ?? [];
    switch (kind) {
      case 'Member': {
        if (args.length === 0) throw new AccessPathError(`\`${raw}\` needs at least one name in \`${text}\`.`);
        const prefixes = args.filter((arg) => arg.length > 1 && arg.endsWith('*')).map((arg) => arg.slice(0, -1));
        const names = args.filter((arg) => arg.length === 1 || !arg.endsWith('*'));
        return prefixes.length > 0 ? { kind, names, prefixes } : { kind, names };
      }
      case 'Method':
      case 'Property':
        if (args.length === 0) throw new AccessPathError(`\`${raw}\` needs at least one name in \`${text}\`.`);
        return { kind, names: args };
      case 'Argument':
      case 'Parameter':
        if (args.length === 0) throw new AccessPathError(`\`${raw}\` needs an index in \`${text}\`.`);
        return { kind, indexes: args.map((arg) => parseIndex(arg, text)) };
      default:
        return { kind } as PathToken;
    }
  });
}

/** Splits on dots outside brackets (names inside brackets may not contain dots anyway, but `N-1` etc. must survive). */
function splitTokens(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  out.push(current);
  return out;
}

function parseIndex(arg: string, text: string): IndexSpec {
  if (/^\d+$/.test(arg)) return { at: Number(arg) };
  const fromEnd = /^N-(\d+)$/.exec(arg);
  if (fromEnd) return { fromEnd: Number(fromEnd[1]) };
  const from = /^(\d+)\.\.$/.exec(arg);
  if (from) return { from: Number(from[1]) };
  throw new AccessPathError(`Bad index \`${arg}\` in \`${text}\`.`);
}

/** The concrete positions an index list selects among `count` items. */
export function selectIndexes(indexes: IndexSpec[], count: number): number[] {
  const out = new Set<number>();
  for (const spec of indexes) {
    if ('at' in spec) {
      if (spec.at < count) out.add(spec.at);
    } else if ('fromEnd' in spec) {
      const index = count - spec.fromEnd;
      if (index >= 0 && index < count) out.add(index);
    } else {
      for (let i = spec.from; i < count; i++) out.add(i);
    }
  }
  return [...out].sort((a, b) => a - b);
}

// Which sink rows a call could match, by the module its callee resolves to, so that matching does not test every row of the catalogs at every call.
import { packageRoot, UNTYPED, type ApiRef } from '../api';
import type { SinkRow } from '../catalog/load';

interface SinkIndex {
  /** Positions in the row list of the rows naming each module. */
  byModule: Map<string, number[]>;
  /** Positions of the rows naming an entry point of each package (`viem/actions` under `viem`), for bundled code. */
  byRoot: Map<string, number[]>;
  /** Positions of the rows that match untyped receivers: candidates at every call. */
  untyped: number[];
}

/** One index per row list: the catalogs' list is shared; a configuration with its own sinks has its own list. */
const indexes = new WeakMap<readonly SinkRow[], SinkIndex>();

function indexOf(rows: readonly SinkRow[]): SinkIndex {
  let index = indexes.get(rows);
  if (index !== undefined) return index;
  index = { byModule: new Map(), byRoot: new Map(), untyped: [] };
  rows.forEach((row, position) => {
    if (row.modules.includes(UNTYPED)) {
      (index as SinkIndex).untyped.push(position);
      return;
    }
    for (const module of new Set(row.modules)) add((index as SinkIndex).byModule, module, position);
    for (const root of new Set(row.modules.map(packageRoot))) add((index as SinkIndex).byRoot, root, position);
  });
  indexes.set(rows, index);
  return index;
}

/**
 * The rows a call resolving to `ref` could match, in catalog order: the untyped rows, and the rows naming
 * `ref`'s module or package (a typed row matches no other; see `moduleIn`).
 */
export function candidateRows(rows: readonly SinkRow[], ref: ApiRef | undefined): SinkRow[] {
  const index = indexOf(rows);
  const lists = [index.untyped];
  if (ref !== undefined) {
    const byModule = index.byModule.get(ref.module);
    if (byModule) lists.push(byModule);
    const byPackage = ref.pkg === undefined || ref.pkg === ref.module ? undefined : index.byModule.get(ref.pkg);
    if (byPackage) lists.push(byPackage);
    const byRoot = ref.bundled ? index.byRoot.get(ref.module) : undefined;
    if (byRoot) lists.push(byRoot);
  }
  const positions = lists.length === 1 ? (lists[0] as number[]) : [...new Set(lists.flat())].sort((a, b) => a - b);
  return positions.map((position) => rows[position] as SinkRow);
}

function add(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else list.push(position);
}

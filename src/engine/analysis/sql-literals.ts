// Text for a database shell's stdin whose model parts all sit inside escaped SQL string literals: `mysql`, `psql`
// and `sqlite3` read their own commands (`\! cmd`, `.shell cmd`) only outside a literal, so that text is the
// statement's data. Which programs qualify is the stdin verdict's (`child-stdin.ts`, `sqlLiterals`).
import { isNumericValue } from './argv-operands';
import { isQuotedAt, type Quotes } from './sanitisers';
import type { SinkHit } from './sinks';
import type { Value } from './value';

/** Quotes doubled and backslashes doubled: the text cannot close a `'…'` literal in MySQL, PostgreSQL or SQLite. */
const SQL_QUOTES: Quotes = [['sql-quote-escaped', "'"]];

/**
 * `CREATE USER ${sqlText(login)}@'localhost'`: every model part is an escaped SQL literal, a number, or checked
 * against an allowlist. Escaped text outside quotes (`DROP VIEW ${escaped}`) is the statement itself.
 */
export function holdsOnlySqlLiterals(value: Value): boolean {
  const parts = value.parts;
  if (!parts?.some((part) => part.kind === 'tainted')) return false;
  return parts.every(
    (part, index) =>
      part.kind !== 'tainted' ||
      part.value.bounds.has('allowlist') ||
      isNumericValue(part.value) ||
      isQuotedAt(parts, index, SQL_QUOTES),
  );
}

/** A stdin write to such a shell, its text all literals: a bounded process effect, as a fixed program's data is. */
export function creditSqlLiterals(hit: SinkHit, written: Value | undefined): SinkHit {
  if (!hit.sqlLiterals || !hit.modelControlled || hit.bounded || !written || !holdsOnlySqlLiterals(written)) return hit;
  const out: SinkHit = { ...hit, bounded: true, origins: [], paramIndexes: [] };
  delete out.unfixedProgram;
  return out;
}

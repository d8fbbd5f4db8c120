// Reads caret annotations and header lines out of a fixture and checks a file's findings against them.

/**
 * `expected`: the finding must be reported exactly there. `ok`: a sink of the rule starts there, the
 * engine must see it and must not report it. `missing`: a known false negative (fails once found).
 * `spurious`: a known false positive (fails once gone).
 */
export type AnnotationKind = 'expected' | 'ok' | 'missing' | 'spurious';

export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** 1-based line of the code the annotation points at. */
  line: number;
  /** 0-based column of the first caret; for `<-`, the span may start at column 0 or 1. */
  column: number;
  /** Caret count; undefined for `<-`, which does not constrain the length. */
  length: number | undefined;
  isArrow: boolean;
  note: string | undefined;
  /** 1-based line of the annotation comment itself, for error messages. */
  annotationLine: number;
}

export interface AnnotationError {
  line: number;
  message: string;
}

export interface ParsedFixture {
  annotations: Annotation[];
  /** Extra rules named by a `// rules: a, b` header. */
  headerRules: string[];
  /** The count given by a `// tools: N` header. */
  toolCount: number | undefined;
  errors: AnnotationError[];
  /** The source split into lines (without line terminators), for span lengths and rendering. */
  lines: string[];
}

/** The part of a finding the comparison needs; positions are ESTree (1-based line, 0-based column). */
export interface FindingSpan {
  ruleId: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
  message: string;
}

export interface Mismatch {
  line: number;
  message: string;
}

const PREFIXES: Record<string, AnnotationKind> = { 'ok:': 'ok', 'MISSING:': 'missing', 'SPURIOUS:': 'spurious' };

// An annotation is a whole-line comment whose text starts with carets or `<-`; everything else is code
// or an ordinary comment.
const ANNOTATION_LINE = /^(\s*)\/\/(\s*)(\^|<-)/;
const RULES_HEADER = /^\s*\/\/\s*rules:(.*)$/;
const TOOLS_HEADER = /^\s*\/\/\s*tools:(.*)$/;
const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isAnnotationLine(line: string): boolean {
  return ANNOTATION_LINE.test(line);
}

/**
 * Parses every annotation and header of one fixture file. `knownRules` lists the rule ids that exist;
 * anything else named in an annotation or header is an error, so a typo cannot silently pass.
 */
export function parseFixture(text: string, knownRules: readonly string[]): ParsedFixture {
  const lines = splitLines(text);
  const result: ParsedFixture = { annotations: [], headerRules: [], toolCount: undefined, errors: [], lines };
  const known = new Set(knownRules);
  let sawRulesHeader = false;
  let lastCodeLine = 0;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const fail = (message: string): void => {
      result.errors.push({ line: lineNo, message });
    };

    const rulesHeader = RULES_HEADER.exec(raw);
    if (rulesHeader) {
      if (sawRulesHeader) fail('Duplicate `// rules:` header.');
      sawRulesHeader = true;
      const ids = (rulesHeader[1] ?? '').split(',').map((id) => id.trim());
      if (ids.some((id) => id === '')) fail('`// rules:` header must list rule ids separated by commas.');
      for (const id of ids.filter((id) => id !== '')) {
        if (!known.has(id)) fail(`\`// rules:\` header names unknown rule \`${id}\`.`);
        else result.headerRules.push(id);
      }
      return;
    }

    const toolsHeader = TOOLS_HEADER.exec(raw);
    if (toolsHeader) {
      const value = (toolsHeader[1] ?? '').trim();
      if (result.toolCount !== undefined) fail('Duplicate `// tools:` header.');
      else if (!/^\d+$/.test(value)) fail(`\`// tools:\` header needs a whole number, got \`${value}\`.`);
      else result.toolCount = Number(value);
      return;
    }

    if (!isAnnotationLine(raw)) {
      // Blank lines are neither code nor annotation; an annotation below one has nothing to point at.
      lastCodeLine = raw.trim() === '' ? -lineNo : lineNo;
      return;
    }

    if (lastCodeLine === 0) {
      fail('Annotation has no code line above it.');
      return;
    }
    if (lastCodeLine < 0) {
      fail(`Annotation points at blank line ${-lastCodeLine}; put it directly under the code.`);
      return;
    }
    const target = lines[lastCodeLine - 1] ?? '';
    const annotation = parseAnnotationText(raw, lineNo, lastCodeLine, target, known, fail);
    if (annotation) result.annotations.push(annotation);
  });
  return result;
}

function parseAnnotationText(
  raw: string,
  lineNo: number,
  targetLine: number,
  target: string,
  known: ReadonlySet<string>,
  fail: (message: string) => void,
): Annotation | undefined {
  const slashes = raw.indexOf('//');
  let cursor = slashes + 2;
  while (raw[cursor] === ' ' || raw[cursor] === '\t') cursor++;

  let column: number;
  let length: number | undefined;
  let isArrow = false;
  if (raw.startsWith('<-', cursor)) {
    isArrow = true;
    column = 0;
    length = undefined;
    cursor += 2;
    if (raw[cursor] === '^' || raw[cursor] === '-') {
      fail('`<-` takes no carets; use carets alone when the span starts past column 1.');
      return undefined;
    }
  } else {
    if (raw.slice(0, cursor).includes('\t')) {
      fail('Annotation indented with tabs; caret columns are counted in characters, so indent with spaces.');
      return undefined;
    }
    column = cursor;
    while (raw[cursor] === '^') cursor++;
    length = cursor - column;
  }

  const rest = raw.slice(cursor);
  if (rest !== '' && !/^\s/.test(rest)) {
    fail('Carets must be followed by a space and a rule id.');
    return undefined;
  }
  const body = rest.trim();
  if (body.startsWith('^')) {
    fail('Carets must be contiguous; use one annotation line per span.');
    return undefined;
  }
  if (body === '') {
    fail('Annotation names no rule.');
    return undefined;
  }

  const [head = '', ...tail] = splitNote(body);
  const words = head.split(/\s+/).filter((word) => word !== '');
  let kind: AnnotationKind = 'expected';
  const first = words[0] ?? '';
  if (first.endsWith(':')) {
    const prefixed = PREFIXES[first];
    if (prefixed === undefined) {
      fail(`Unknown prefix \`${first}\`; use \`ok:\`, \`MISSING:\` or \`SPURIOUS:\`.`);
      return undefined;
    }
    kind = prefixed;
    words.shift();
  }
  if (words.length !== 1) {
    fail(
      words.length === 0
        ? 'Annotation names no rule.'
        : `Expected one rule id, got \`${words.join(' ')}\`; put notes after \` -- \`.`,
    );
    return undefined;
  }
  const ruleId = words[0] ?? '';
  if (!RULE_ID.test(ruleId) || !known.has(ruleId)) {
    fail(`Unknown rule \`${ruleId}\`.`);
    return undefined;
  }
  const note = tail.length > 0 ? tail.join(' -- ').trim() : undefined;
  if (tail.length > 0 && note === '') {
    fail('Empty note after `--`.');
    return undefined;
  }

  if (!isArrow) {
    if (column >= target.length) {
      fail(`Carets start at column ${column}, past the end of line ${targetLine}.`);
      return undefined;
    }
    if (column + (length ?? 0) > target.length) {
      fail(`Carets run past the end of line ${targetLine}.`);
      return undefined;
    }
  }
  return { kind, ruleId, line: targetLine, column, length, isArrow, note, annotationLine: lineNo };
}

function splitNote(body: string): string[] {
  return body.split(/\s+--(?:\s+|$)/);
}

/** The length of a finding's span on its first line: a span that runs on counts to the line's end. */
export function firstLineLength(finding: FindingSpan, lines: readonly string[]): number {
  if (finding.end.line === finding.start.line) return finding.end.column - finding.start.column;
  const line = lines[finding.start.line - 1] ?? '';
  return line.length - finding.start.column;
}

function spanMatches(annotation: Annotation, finding: FindingSpan, lines: readonly string[]): boolean {
  if (annotation.ruleId !== finding.ruleId || annotation.line !== finding.start.line) return false;
  if (annotation.isArrow) return finding.start.column <= 1;
  return annotation.column === finding.start.column && annotation.length === firstLineLength(finding, lines);
}

function startsAt(annotation: Annotation, finding: FindingSpan): boolean {
  if (annotation.ruleId !== finding.ruleId || annotation.line !== finding.start.line) return false;
  return annotation.isArrow ? finding.start.column <= 1 : annotation.column === finding.start.column;
}

export function describeFinding(finding: FindingSpan, lines: readonly string[]): string {
  const length = firstLineLength(finding, lines);
  return `${finding.ruleId} at ${finding.start.line}:${finding.start.column} (${length} chars): ${finding.message}`;
}

export function describeAnnotation(annotation: Annotation): string {
  const where = annotation.isArrow
    ? `${annotation.line}:0-1`
    : `${annotation.line}:${annotation.column} (${annotation.length ?? 0} chars)`;
  const prefix =
    annotation.kind === 'expected' ? '' : `${annotation.kind === 'ok' ? 'ok' : annotation.kind.toUpperCase()}: `;
  return `${prefix}${annotation.ruleId} at ${where}`;
}

/**
 * Compares one file's findings with its annotations, CodeQL-style: every finding of a compared rule must
 * match an annotation and every annotation a finding. `isConsidered` says whether the engine saw the
 * sink (or tool) an `ok:` annotation points at, so a valid case cannot pass just because nothing ran.
 */
export function compareFindings(
  parsed: ParsedFixture,
  findings: readonly FindingSpan[],
  comparedRules: ReadonlySet<string>,
  isConsidered: (annotation: Annotation) => boolean,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const compared = findings.filter((finding) => comparedRules.has(finding.ruleId));
  const spanAnnotations = parsed.annotations.filter((annotation) => annotation.kind !== 'ok');
  const okAnnotations = parsed.annotations.filter((annotation) => annotation.kind === 'ok');
  const used = new Set<Annotation>();

  for (const annotation of parsed.annotations) {
    if (!comparedRules.has(annotation.ruleId)) {
      mismatches.push({
        line: annotation.annotationLine,
        message: `Annotation names \`${annotation.ruleId}\`, which this fixture does not compare; add it to a \`// rules:\` header.`,
      });
    }
  }

  for (const finding of compared) {
    const match = spanAnnotations.find(
      (annotation) => !used.has(annotation) && spanMatches(annotation, finding, parsed.lines),
    );
    if (match) {
      used.add(match);
      if (match.kind === 'missing') {
        mismatches.push({
          line: match.annotationLine,
          message: `Fixed false negative: ${describeFinding(finding, parsed.lines)} is now reported; drop the \`MISSING:\` prefix.`,
        });
      }
      continue;
    }
    const ok = okAnnotations.find((annotation) => startsAt(annotation, finding));
    if (ok) {
      mismatches.push({
        line: ok.annotationLine,
        message: `Reported although annotated \`ok:\`: ${describeFinding(finding, parsed.lines)}.`,
      });
      continue;
    }
    const near = spanAnnotations.find((annotation) => !used.has(annotation) && startsAt(annotation, finding));
    mismatches.push({
      line: finding.start.line,
      message: near
        ? `Span differs: annotation ${describeAnnotation(near)} but got ${describeFinding(finding, parsed.lines)}.`
        : `Unexpected finding: ${describeFinding(finding, parsed.lines)}.`,
    });
    if (near) used.add(near);
  }

  for (const annotation of spanAnnotations) {
    if (used.has(annotation) || annotation.kind === 'missing' || !comparedRules.has(annotation.ruleId)) continue;
    mismatches.push({
      line: annotation.annotationLine,
      message:
        annotation.kind === 'spurious'
          ? `Fixed false positive: ${describeAnnotation(annotation)} is no longer reported; remove the annotation.`
          : `Expected finding not reported: ${describeAnnotation(annotation)}.`,
    });
  }

  for (const annotation of okAnnotations) {
    if (!comparedRules.has(annotation.ruleId) || isConsidered(annotation)) continue;
    mismatches.push({
      line: annotation.annotationLine,
      message: `The engine did not see the sink or tool that ${describeAnnotation(annotation)} points at (nothing in its inventory starts there).`,
    });
  }

  return mismatches.sort((a, b) => a.line - b.line);
}

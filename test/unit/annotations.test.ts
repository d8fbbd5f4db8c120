// Checks the fixture annotation parser and the comparison of findings with annotations.
import * as assert from 'node:assert/strict';
import { compareFindings, parseFixture, type Annotation, type FindingSpan } from '../support/annotations';

const RULES = ['unscoped-network', 'unscoped-filesystem', 'missing-audit-hook'];
const NETWORK = new Set(['unscoped-network']);
const seen = (): boolean => true;
const unseen = (): boolean => false;

function finding(
  line: number,
  column: number,
  endColumn: number,
  ruleId = 'unscoped-network',
  endLine = line,
): FindingSpan {
  return { ruleId, start: { line, column }, end: { line: endLine, column: endColumn }, message: 'Some message.' };
}

function errorsOf(text: string): string[] {
  return parseFixture(text, RULES).errors.map((error) => `${error.line}: ${error.message}`);
}

describe('annotation parser', () => {
  it('reads a caret annotation as start column and length of the line above', () => {
    const parsed = parseFixture(
      ['    const res = await fetch(url);', '    //                ^^^^^^^^^^ unscoped-network'].join('\n'),
      RULES,
    );
    assert.deepEqual(parsed.errors, []);
    const [annotation] = parsed.annotations;
    assert.equal(annotation?.kind, 'expected');
    assert.equal(annotation?.ruleId, 'unscoped-network');
    assert.equal(annotation?.line, 1);
    assert.equal(annotation?.column, 22);
    assert.equal(annotation?.length, 10);
  });

  it('stacks annotations: each points at the nearest code line above, skipping annotation lines', () => {
    const text = [
      'x; fetch(a) + fetch(b);',
      '// ^^^^^^^^ unscoped-network',
      '//            ^^^^^^^^ MISSING: unscoped-network -- second call',
    ].join('\n');
    const parsed = parseFixture(text, RULES);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.annotations.map((a) => [a.kind, a.line, a.column, a.length, a.note]),
      [
        ['expected', 1, 3, 8, undefined],
        ['missing', 1, 14, 8, 'second call'],
      ],
    );
  });

  it('reads ok:, MISSING: and SPURIOUS: prefixes and the note after --', () => {
    const text = [
      '  fetch(u);',
      '//^^^^^ ok: unscoped-network -- constant origin',
      '//^ SPURIOUS: unscoped-network',
      '//^ MISSING: unscoped-network',
    ].join('\n');
    const parsed = parseFixture(text, RULES);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.annotations.map((a) => [a.kind, a.column, a.note]),
      [
        ['ok', 2, 'constant origin'],
        ['spurious', 2, undefined],
        ['missing', 2, undefined],
      ],
    );
  });

  it('reads `<-` as a span starting at column 0 or 1 with any length', () => {
    const parsed = parseFixture(['fetch(u);', '// <- unscoped-network'].join('\n'), RULES);
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.annotations[0]?.isArrow, true);
    assert.equal(parsed.annotations[0]?.length, undefined);
  });

  it('reads the rules and tools headers', () => {
    const parsed = parseFixture(
      ['// rules: missing-audit-hook, unscoped-filesystem', '// tools: 2', 'x;'].join('\n'),
      RULES,
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.headerRules, ['missing-audit-hook', 'unscoped-filesystem']);
    assert.equal(parsed.toolCount, 2);
  });

  it('leaves ordinary comments alone', () => {
    const parsed = parseFixture(
      ['// Fetch the page; see ^ above.', 'x; // ^^ not an annotation: code precedes it'].join('\n'),
      RULES,
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.annotations, []);
  });

  describe('rejects malformed annotations', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['an unknown rule id', 'fetch(u);\n//^^^ unscoped-netwrk', /Unknown rule `unscoped-netwrk`/],
      ['carets without a rule', 'fetch(u);\n//^^^', /names no rule/],
      ['a prefix without a rule', 'fetch(u);\n//^^^ ok:', /names no rule/],
      ['an unknown prefix', 'fetch(u);\n//^^^ OK: unscoped-network', /Unknown prefix `OK:`/],
      ['a lower-case MISSING prefix', 'fetch(u);\n//^^^ missing: unscoped-network', /Unknown prefix `missing:`/],
      ['text after the rule without --', 'fetch(u);\n//^^^ unscoped-network because', /Expected one rule id/],
      ['split carets', 'fetch(u);\n//^^^ ^^ unscoped-network', /contiguous/],
      ['carets glued to the rule id', 'fetch(u);\n//^^^unscoped-network', /followed by a space/],
      ['carets past the end of the line', 'fetch(u);\n//       ^^^^^ unscoped-network', /past the end of line 1/],
      [
        'carets starting past the end of the line',
        'f();\n//          ^ unscoped-network',
        /start at column 12, past the end/,
      ],
      ['an annotation on the first line', '//^^^ unscoped-network', /no code line above/],
      ['an annotation under a blank line', 'fetch(u);\n\n//^^^ unscoped-network', /blank line 2/],
      ['an empty note', 'fetch(u);\n//^^^ unscoped-network --', /Empty note/],
      ['`<-` with carets', 'fetch(u);\n// <-^^ unscoped-network', /takes no carets/],
      ['tab indentation', '\tfetch(u);\n//\t^^^ unscoped-network', /tabs/],
      ['an unknown rule in the rules header', '// rules: unscoped-netwrk\nx;', /unknown rule `unscoped-netwrk`/],
      ['an empty entry in the rules header', '// rules: unscoped-network,\nx;', /separated by commas/],
      [
        'a duplicate rules header',
        '// rules: unscoped-network\n// rules: missing-audit-hook\nx;',
        /Duplicate `\/\/ rules:`/,
      ],
      ['a tools header that is not a number', '// tools: two\nx;', /whole number/],
      ['a duplicate tools header', '// tools: 1\n// tools: 1\nx;', /Duplicate `\/\/ tools:`/],
    ];
    for (const [what, text, expected] of cases) {
      it(what, () => {
        const errors = errorsOf(text);
        assert.equal(errors.length, 1, `expected one error, got: ${JSON.stringify(errors)}`);
        assert.match(errors[0] ?? '', expected);
      });
    }
  });
});

describe('comparing findings with annotations', () => {
  const source = ['const r = await fetch(url);', '//              ^^^^^^^^^^ unscoped-network'].join('\n');

  it('passes when the finding has the annotated line, column and length', () => {
    assert.deepEqual(compareFindings(parseFixture(source, RULES), [finding(1, 16, 26)], NETWORK, seen), []);
  });

  it('fails when an expected finding is not reported', () => {
    const mismatches = compareFindings(parseFixture(source, RULES), [], NETWORK, seen);
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0]?.message ?? '', /Expected finding not reported/);
  });

  it('fails when the span length differs', () => {
    const mismatches = compareFindings(parseFixture(source, RULES), [finding(1, 16, 21)], NETWORK, seen);
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0]?.message ?? '', /Span differs/);
  });

  it('fails on a finding no annotation accounts for', () => {
    const mismatches = compareFindings(
      parseFixture('const r = await fetch(url);', RULES),
      [finding(1, 16, 26)],
      NETWORK,
      seen,
    );
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0]?.message ?? '', /Unexpected finding/);
  });

  it('ignores findings of rules the fixture does not compare', () => {
    const other = finding(1, 16, 26, 'missing-audit-hook');
    assert.deepEqual(compareFindings(parseFixture(source, RULES), [finding(1, 16, 26), other], NETWORK, seen), []);
  });

  it('fails when an annotation names a rule the fixture does not compare', () => {
    const text = ['const r = await fetch(url);', '//              ^^^^^^^^^^ missing-audit-hook'].join('\n');
    const mismatches = compareFindings(
      parseFixture(text, RULES),
      [finding(1, 16, 26, 'missing-audit-hook')],
      NETWORK,
      seen,
    );
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0]?.message ?? '', /rules:/);
  });

  it('counts a multi-line span to the end of its first line', () => {
    const text = ['const r = await fetch(', '//              ^^^^^^ unscoped-network', '  url);'].join('\n');
    assert.deepEqual(
      compareFindings(parseFixture(text, RULES), [finding(1, 16, 6, 'unscoped-network', 3)], NETWORK, seen),
      [],
    );
  });

  it('matches `<-` against a span starting at column 0 or 1, and not 2', () => {
    const parsed = parseFixture(['fetch(url);', '// <- unscoped-network'].join('\n'), RULES);
    assert.deepEqual(compareFindings(parsed, [finding(1, 0, 10)], NETWORK, seen), []);
    assert.deepEqual(compareFindings(parsed, [finding(1, 1, 10)], NETWORK, seen), []);
    assert.equal(compareFindings(parsed, [finding(1, 2, 10)], NETWORK, seen).length, 2);
  });

  it('needs one annotation per finding when two findings share a span', () => {
    const mismatches = compareFindings(
      parseFixture(source, RULES),
      [finding(1, 16, 26), finding(1, 16, 26)],
      NETWORK,
      seen,
    );
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0]?.message ?? '', /Unexpected finding/);
  });

  describe('ok:', () => {
    const okSource = [
      'const r = await fetch(url);',
      '//              ^^^^^ ok: unscoped-network -- constant origin',
    ].join('\n');

    it('passes when the engine saw the sink and did not report it', () => {
      assert.deepEqual(compareFindings(parseFixture(okSource, RULES), [], NETWORK, seen), []);
    });

    it('fails when the engine did not see the sink', () => {
      const mismatches = compareFindings(parseFixture(okSource, RULES), [], NETWORK, unseen);
      assert.equal(mismatches.length, 1);
      assert.match(mismatches[0]?.message ?? '', /did not see/);
    });

    it('fails when a finding starts at the caret, whatever its length', () => {
      const mismatches = compareFindings(parseFixture(okSource, RULES), [finding(1, 16, 26)], NETWORK, seen);
      assert.equal(mismatches.length, 1);
      assert.match(mismatches[0]?.message ?? '', /annotated `ok:`/);
    });

    it('passes the annotation to the inventory check', () => {
      const asked: Annotation[] = [];
      compareFindings(parseFixture(okSource, RULES), [], NETWORK, (annotation) => asked.push(annotation) > 0);
      assert.deepEqual(
        asked.map((a) => [a.ruleId, a.line, a.column]),
        [['unscoped-network', 1, 16]],
      );
    });
  });

  describe('MISSING: and SPURIOUS:', () => {
    const missing = ['const r = await fetch(url);', '//              ^^^^^^^^^^ MISSING: unscoped-network'].join('\n');
    const spurious = ['const r = await fetch(url);', '//              ^^^^^^^^^^ SPURIOUS: unscoped-network'].join(
      '\n',
    );

    it('MISSING passes while the finding is absent', () => {
      assert.deepEqual(compareFindings(parseFixture(missing, RULES), [], NETWORK, seen), []);
    });

    it('MISSING fails once the finding appears', () => {
      const mismatches = compareFindings(parseFixture(missing, RULES), [finding(1, 16, 26)], NETWORK, seen);
      assert.equal(mismatches.length, 1);
      assert.match(mismatches[0]?.message ?? '', /Fixed false negative/);
    });

    it('SPURIOUS passes while the finding is present', () => {
      assert.deepEqual(compareFindings(parseFixture(spurious, RULES), [finding(1, 16, 26)], NETWORK, seen), []);
    });

    it('SPURIOUS fails once the finding disappears', () => {
      const mismatches = compareFindings(parseFixture(spurious, RULES), [], NETWORK, seen);
      assert.equal(mismatches.length, 1);
      assert.match(mismatches[0]?.message ?? '', /Fixed false positive/);
    });
  });
});

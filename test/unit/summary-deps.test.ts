// The edit log that decides whether a cached helper summary may be reused after edits: what a summary read
// changed, a lookup answered by an index, an edit forgotten past the log's bound.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  collecting,
  dependencyChangedBy,
  dependOn,
  logEdit,
  lookupDependency,
  remember,
  stillValid,
} from '../../src/engine/analysis/summary-deps';

const A = path.resolve('/p/a.ts');
const B = path.resolve('/p/b.ts');
const ROOT = path.resolve('/p');

/** A summary (any object) computed now for `owner`, having read `read`. */
function summaryReading(owner: object, ...read: string[]): object {
  const summary = {};
  const built = collecting(() => {
    for (const dependency of read) dependOn(dependency);
  });
  remember(owner, summary, built);
  return summary;
}

/** An edit of `file` whose text is `text` now; methods it declares, by name. */
function edit(owner: object, file: string, text: string, declares: string[] = []): void {
  const indexed = (kind: string, _root: string, word: string): boolean | undefined =>
    kind === 'method' ? declares.includes(word) : undefined;
  logEdit(
    owner,
    file,
    dependencyChangedBy(file, () => text, indexed),
  );
}

describe('summary dependencies: which cached summaries an edit changes', () => {
  it('keeps a summary that read other files, and drops one that read the edited file', () => {
    const owner = {};
    const other = summaryReading(owner, B);
    const reader = summaryReading(owner, A, B);
    edit(owner, A, 'export const a = 1;');
    assert.equal(stillValid(owner, other), true);
    assert.equal(stillValid(owner, reader), false);
  });

  it('judges a method lookup by its index, a word search by the spelling', () => {
    const owner = {};
    const method = summaryReading(owner, lookupDependency('method', ROOT, 'includes'));
    const mention = summaryReading(owner, lookupDependency('mention', ROOT, 'includes'));
    edit(owner, A, 'if (list.includes(x)) go();');
    assert.equal(stillValid(owner, method), true, 'the file calls includes, it declares no such method');
    assert.equal(stillValid(owner, mention), false, 'the file now spells the word');
    edit(owner, B, 'class List { includes() {} }', ['includes']);
    assert.equal(stillValid(owner, method), false);
  });

  it('checks a summary against every edit since it was last checked, and none before', () => {
    const owner = {};
    const reader = summaryReading(owner, B);
    edit(owner, A, '');
    assert.equal(stillValid(owner, reader), true);
    edit(owner, B, '');
    edit(owner, A, '');
    assert.equal(stillValid(owner, reader), false, 'the edit of b.ts came before the last one');
    const fresh = summaryReading(owner, B);
    assert.equal(stillValid(owner, fresh), true, 'computed after both edits');
  });

  it('distrusts a summary last checked before edits the log no longer holds', () => {
    const owner = {};
    const reader = summaryReading(owner, B);
    for (let index = 0; index < 40; index++) edit(owner, path.resolve(`/p/f${index}.ts`), '');
    assert.equal(stillValid(owner, reader), false);
    const fresh = summaryReading(owner, B);
    edit(owner, path.resolve('/p/g.ts'), '');
    assert.equal(stillValid(owner, fresh), true);
  });
});

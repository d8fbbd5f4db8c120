// A delegated tool in the editor: the dispatcher's lint puts the finding in the handler's file, in the Problems
// panel while that file is closed and in its own diagnostics once open, once either way.
import * as assert from 'node:assert/strict';
import { closeAll, open, ruleOf, waitForDiagnostics, withRule, workspaceUri } from './helpers';

describe('delegated tools', () => {
  afterEach(closeAll);

  it("shows the dispatcher's finding in the handler file, with the dispatch as related information, once", async () => {
    const handlers = workspaceUri('src/dispatch/handlers.ts');
    const server = await open('src/dispatch/server.ts');
    const [pushed] = (
      await waitForDiagnostics(
        handlers,
        (d) => d.some((x) => ruleOf(x) === 'unscoped-process'),
        'unscoped-process in handlers.ts',
      )
    ).filter((x) => ruleOf(x) === 'unscoped-process');
    assert.equal(pushed?.range.start.line, 4);
    assert.ok(
      (pushed?.relatedInformation ?? []).some(
        (info) => info.location.uri.toString() === server.document.uri.toString(),
      ),
      'the dispatch in server.ts is related information',
    );
    assert.deepEqual(withRule(server.document.uri, 'unscoped-process'), []);

    await open('src/dispatch/handlers.ts');
    // Opened, the file's own (pulled) diagnostics show it and the pushed copy is withdrawn.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const shown = await waitForDiagnostics(
      handlers,
      (d) => d.filter((x) => ruleOf(x) === 'unscoped-process').length === 1,
      'one unscoped-process in the open handlers.ts',
    );
    assert.deepEqual(
      shown.filter((x) => ruleOf(x) === 'unscoped-process').map((x) => x.range.start.line),
      [4],
    );
  });
});

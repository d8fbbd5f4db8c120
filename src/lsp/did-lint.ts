// The `agentRisk/didLint` notification's content: what the client's status item and tool view need of one lint, without
// the related locations the diagnostics already carry.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidLintParams, FileState } from '../editor/protocol';
import type { SharedSettings } from '../editor/settings';
import type { DocumentLint } from './documents';

/** What the client's status item and tool view need of one lint. */
export function didLint(document: TextDocument, lint: DocumentLint, settings: SharedSettings): DidLintParams {
  let state: FileState | undefined;
  if (!settings.enable) state = { kind: 'off' };
  else if (lint.skipped !== undefined) state = { kind: 'skipped', reason: lint.skipped };
  else if (lint.configErrors.length > 0) state = { kind: 'config-error' };
  return {
    uri: document.uri,
    version: document.version,
    millis: lint.millis,
    // The diagnostics carry the related locations; the tool view does not need them, and a large file has hundreds
    // of findings to send on every lint. Suppressed findings go along so that the view shows them as suppressed.
    ...(lint.result === undefined
      ? {}
      : {
          result: {
            ...lint.result,
            findings: lint.result.findings.map((finding) => ({ ...finding, related: [] })),
            suppressed: lint.result.suppressed.map((finding) => ({ ...finding, related: [] })),
          },
        }),
    ...(state === undefined ? {} : { state }),
  };
}

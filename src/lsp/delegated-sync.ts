// Keeps the editor's handler files in step with what declaring files' lints report in them (delegated tools,
// lsp/delegated.ts): re-lints the known declaring files of a changed handler file (at most MAX_RELINTED_SOURCES),
// and shows a file whose delegated findings changed again: open ones re-pushed or refreshed, closed ones pushed.
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SharedSettings } from '../editor/settings';
import type { Finding, LintResult } from '../engine/types';
import { fileUri } from './convert';
import { DelegatedFindings, MAX_RELINTED_SOURCES } from './delegated';
import type { DocumentLint } from './documents';

export interface DelegatedHost {
  /** The open document of a file, under whatever spelling of its URI the client used. */
  openDocument(file: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<SharedSettings>;
  lint(uri: string, languageId: string, text: string, settings: SharedSettings): DocumentLint;
  /** Keeps a fresh lint of an open document as its current one. */
  remember(document: TextDocument, lint: DocumentLint): void;
  textOnDisk(file: string, settings: SharedSettings): string | undefined;
  /** True when the client pulls diagnostics. */
  pulls(): boolean;
  /** Asks a pulling client to pull again, where it accepts that. */
  refresh(): void;
  schedulePush(document: TextDocument): void;
  send(uri: string, diagnostics: Diagnostic[]): void;
  diagnosticsOf(result: LintResult): Diagnostic[];
  isScanned(uri: string): boolean;
  /** Pushes a closed scanned file's findings again. */
  republishScanned(uri: string): void;
}

const NOTHING = { findings: [] as Finding[], suppressed: [] as Finding[] };

export class DelegatedSync {
  readonly findings = new DelegatedFindings();
  private refreshPending = false;
  /** Closed files shown only what other files' lints report in them: withdrawn when opened, as the scan's are. */
  private readonly pushedClosed = new Set<string>();

  constructor(private readonly host: DelegatedHost) {}

  /** A document was linted afresh: its declaring files are linted again, so their findings in it move with it. */
  async linted(document: TextDocument, lint: DocumentLint): Promise<void> {
    if (!document.uri.startsWith('file:')) return;
    const file = fileURLToPath(document.uri);
    for (const source of this.findings.sourcesOf(file, MAX_RELINTED_SOURCES))
      if (source !== file) await this.relint(source);
    this.announce(this.findings.set(file, lint.moved ?? NOTHING), document.uri);
  }

  /** A declaring file's lint from disk (it closed, and the scan keeps it). */
  lintedFromDisk(file: string, uri: string, lint: DocumentLint): void {
    this.announce(this.findings.set(file, lint.moved ?? NOTHING), uri);
  }

  /** What a workspace scan's lints report in other files, for declaring files not open (their own lints are fresher). */
  scanned(results: readonly LintResult[]): void {
    const bySource = new Map<string, { findings: Finding[]; suppressed: Finding[] }>();
    for (const result of results)
      for (const list of ['findings', 'suppressed'] as const)
        for (const finding of result[list]) {
          const source = finding.tool?.file;
          if (source === undefined || source === finding.file || this.host.openDocument(source)) continue;
          const entry = bySource.get(source) ?? { findings: [], suppressed: [] };
          entry[list].push(finding);
          bySource.set(source, entry);
        }
    const changed = [...bySource].flatMap(([source, moved]) => this.findings.set(source, moved));
    this.announce(
      changed.filter((file) => this.host.openDocument(file) !== undefined),
      undefined,
    );
  }

  /** A document nobody lints any more closed: what it reported elsewhere goes; returns what others report in it. */
  closed(uri: string): Diagnostic[] {
    if (!uri.startsWith('file:')) return [];
    const file = fileURLToPath(uri);
    this.announce(this.findings.delete(file), uri);
    return this.host.diagnosticsOf(emptyResult(file));
  }

  /** A pulling client keeps pushed diagnostics beside pulled ones: an opened file's own lint reports them now. */
  opened(uri: string): void {
    if (this.pushedClosed.delete(uri) && this.host.pulls()) this.host.send(uri, []);
  }

  clear(): void {
    this.findings.clear();
  }

  /** A declaring file linted again (its open text, else the disk). */
  private async relint(file: string): Promise<void> {
    const open = this.host.openDocument(file);
    const uri = open?.uri ?? fileUri(file);
    const settings = await this.host.settingsFor(uri);
    const text = open?.getText() ?? this.host.textOnDisk(file, settings);
    if (text === undefined) {
      this.announce(this.findings.delete(file), undefined);
      return;
    }
    const lint = this.host.lint(uri, open?.languageId ?? 'typescript', text, settings);
    if (open !== undefined) this.host.remember(open, lint);
    this.announce(this.findings.set(file, lint.moved ?? NOTHING), undefined);
  }

  private announce(files: readonly string[], except: string | undefined): void {
    for (const file of files) {
      const uri = fileUri(file);
      if (uri === except) continue;
      const open = this.host.openDocument(file);
      if (open !== undefined) {
        if (!this.host.pulls()) this.host.schedulePush(open);
        else if (!this.refreshPending) {
          // One refresh for a burst of changes; the client pulls every open document, which are cached by version.
          this.refreshPending = true;
          setTimeout(() => {
            this.refreshPending = false;
            this.host.refresh();
          }, 0);
        }
      } else if (this.host.isScanned(uri)) this.host.republishScanned(uri);
      else {
        this.pushedClosed.add(uri);
        this.host.send(uri, this.host.diagnosticsOf(emptyResult(file)));
      }
    }
  }
}

/** A file nobody lints, which other files' lints may report in. */
function emptyResult(file: string): LintResult {
  return { file, findings: [], suppressed: [], tools: [], problems: [] };
}

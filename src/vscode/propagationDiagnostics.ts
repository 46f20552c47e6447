import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LintSettings } from '../core/lint/lintPackage';
import { PROPAGATION_DOCS_URL, type LintFinding, type LintFix, type LintSeverity } from '../core/lint/lintTypes';
import { configuredHeaders } from '../core/lint/traceHeaders';
import { languageOfPath } from '../core/sourceLanguage';
import { createGrammarLoader, type GrammarLoader } from '../treeSitter/grammarLoader';
import { createLintSession, type LintSession } from '../treeSitter/lintSession';
import { registerCommand } from './commands';
import { readConfig } from './config';
import { Command, Setting } from './contributions';
import { registerPropagationQuickFix } from './propagationQuickFix';

/**
 * The propagation lint in the Problems panel: each open (and edited) source file's package is linted
 * with the settings' headers, and its findings become diagnostics linking to Istio's explanation,
 * with the handler being served as related information. The quick fixes are kept beside them for
 * `propagationQuickFix.ts`.
 */

const SEVERITY: Readonly<Record<LintSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};
/** Re-lint this long after the last keystroke, in milliseconds. */
const EDIT_DELAY_MS = 200;

/** Fixes of a diagnostic, valid for the document version they were computed on. */
export interface StoredFixes {
  readonly version: number;
  readonly fixes: readonly LintFix[];
}

/** Finds the fixes stored for a diagnostic (by document, range start and rule). */
export type FixLookup = (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => StoredFixes | undefined;

export function registerPropagationDiagnostics(context: vscode.ExtensionContext, services: { readonly extensionUri: vscode.Uri; readonly log: vscode.LogOutputChannel }): void {
  const collection = vscode.languages.createDiagnosticCollection('traceLens.propagation');
  const loader = createGrammarLoader(vscode.Uri.joinPath(services.extensionUri, 'dist').fsPath);
  const lint = new PropagationLint(collection, loader, services.log);
  context.subscriptions.push(collection, lint);
  registerPropagationQuickFix(context, (uri, diagnostic) => lint.fixesFor(uri, diagnostic));
  registerCommand(context, Command.CheckPropagation, () => lint.checkWorkspace());
}

class PropagationLint implements vscode.Disposable {
  private readonly sessions = new Map<string, LintSession>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly fixes = new Map<string, StoredFixes>();
  private readonly versions = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private wholeWorkspace = false;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly loader: GrammarLoader,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, EDIT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument(() => this.publish()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('traceLens.lint')) this.restart();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** "Check Trace Propagation in Workspace": every package of every folder, all findings shown. */
  async checkWorkspace(): Promise<void> {
    if (!readConfig(Setting.LintEnabled)) {
      void vscode.window.showInformationMessage('Trace propagation checks are off (traceLens.lint.enabled).');
      return;
    }
    this.wholeWorkspace = true;
    let count = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) count += (await this.sessionOf(folder).lintAll(['.'])).length;
    this.publish();
    void vscode.window.showInformationMessage(count === 0 ? 'Trace propagation: no problems found.' : `Trace propagation: ${count} ${count === 1 ? 'problem' : 'problems'} found; see the Problems panel.`);
  }

  fixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): StoredFixes | undefined {
    return this.fixes.get(fixKey(uri, diagnostic.range.start, String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)));
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.uri.scheme !== 'file' || languageOfPath(document.uri.fsPath) === undefined || !readConfig(Setting.LintEnabled)) return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintDocument(folder, document).catch((error: unknown) => this.log.warn(`propagation lint: ${document.uri.fsPath}: ${String(error)}`));
      }, delayMs),
    );
  }

  private async lintDocument(folder: vscode.WorkspaceFolder, document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    await this.sessionOf(folder).update(document.uri.fsPath, document.getText());
    this.versions.set(document.uri.toString(), version);
    this.publish();
  }

  private sessionOf(folder: vscode.WorkspaceFolder): LintSession {
    let session = this.sessions.get(folder.uri.toString());
    if (!session) {
      session = createLintSession({ baseDir: folder.uri.fsPath, settings: lintSettings(), loader: this.loader });
      this.sessions.set(folder.uri.toString(), session);
    }
    return session;
  }

  /** Rebuilds every diagnostic from the sessions' current findings. */
  private publish(): void {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const showAll = this.wholeWorkspace || readConfig(Setting.LintScope) === 'workspace';
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    this.fixes.clear();
    for (const [folderUri, session] of this.sessions) {
      const folder = vscode.Uri.parse(folderUri);
      for (const finding of session.findings()) {
        const uri = vscode.Uri.joinPath(folder, finding.path);
        if (!showAll && !open.has(uri.toString())) continue;
        const diagnostic = toDiagnostic(finding, folder);
        let entry = byFile.get(uri.toString());
        if (!entry) byFile.set(uri.toString(), (entry = { uri, diagnostics: [] }));
        entry.diagnostics.push(diagnostic);
        const version = this.versions.get(uri.toString());
        if (finding.fixes.length > 0 && version !== undefined) this.fixes.set(fixKey(uri, diagnostic.range.start, finding.rule), { version, fixes: finding.fixes });
      }
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  private restart(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    this.collection.clear();
    this.wholeWorkspace = false;
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const session of this.sessions.values()) session.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function lintSettings(): LintSettings {
  const severity = readConfig(Setting.LintSeverity);
  return { headers: configuredHeaders(readConfig(Setting.LintHeaders), readConfig(Setting.LintVendorHeaders)), missingSeverity: severity, partialSeverity: severity };
}

function toDiagnostic(finding: LintFinding, folder: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(finding.range.start.row, finding.range.start.column, finding.range.end.row, finding.range.end.column);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'Trace Lens';
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(PROPAGATION_DOCS_URL) };
  const handler = finding.handler;
  const handlerUri = vscode.Uri.joinPath(folder, ...handler.path.split('/'));
  const handlerRange = new vscode.Range(handler.range.start.row, handler.range.start.column, handler.range.start.row, handler.range.start.column);
  diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(handlerUri, handlerRange), `The request being served: ${handler.name} (${path.posix.basename(handler.path)}:${handler.range.start.row + 1})`)];
  return diagnostic;
}

function fixKey(uri: vscode.Uri, start: vscode.Position, rule: string): string {
  return `${uri.toString()}|${start.line}:${start.character}|${rule}`;
}

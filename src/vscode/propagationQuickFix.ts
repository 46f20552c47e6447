import * as vscode from 'vscode';
import type { FixLookup } from './propagationDiagnostics';

/**
 * The propagation lint's quick fixes: for a diagnostic from `propagationDiagnostics.ts`, each fix the
 * rules built (forward the headers from the request in scope, or inject the current context) as a
 * code action. Fix offsets refer to the text that was linted, so only a document still at that version
 * is offered them; an edit re-lints and brings fresh ones.
 */
export function registerPropagationQuickFix(context: vscode.ExtensionContext, lookup: FixLookup): void {
  const selector: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'].map((language) => ({ language, scheme: 'file' }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, { provideCodeActions: (document, _range, actionContext) => codeActions(document, actionContext, lookup) }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

function codeActions(document: vscode.TextDocument, context: vscode.CodeActionContext, lookup: FixLookup): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== 'Trace Lens') continue;
    const stored = lookup(document.uri, diagnostic);
    if (!stored || stored.version !== document.version) continue;
    stored.fixes.forEach((fix, index) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const change of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(change.startIndex), document.positionAt(change.endIndex)), change.newText);
      action.edit = edit;
      action.diagnostics = [diagnostic];
      action.isPreferred = index === 0;
      actions.push(action);
    });
  }
  return actions;
}

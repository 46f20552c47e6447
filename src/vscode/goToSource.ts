import * as vscode from 'vscode';
import type { Span, Trace } from '../core/model';
import type { MatchCandidate, SpanMatch } from '../core/spanMatching/matchSpans';
import { registerCommand } from './commands';
import { Command } from './contributions';
import type { SourceIndexService } from './sourceIndexService';

export interface GoToSourceServices {
  readonly sourceIndex: SourceIndexService;
}

/** How long the evidence stays in the status bar after a jump, in milliseconds. */
const EVIDENCE_MESSAGE_MS = 10_000;

/**
 * Opens the code a span comes from at its line. When several places fit equally well it offers them as a
 * pick list instead of guessing; when none fits it says so. The evidence is shown in the status bar.
 * `trace` (the span's trace) only names it in messages. Resolves to whether a file was opened.
 */
export async function revealSpanSource(services: GoToSourceServices, span: Span, trace?: Trace): Promise<boolean> {
  const [match] = await services.sourceIndex.match([span]);
  if (!match) {
    const where = trace ? ` of trace ${trace.traceId}` : '';
    void vscode.window.showInformationMessage(`Trace Lens: no code in this workspace matches span "${span.operation}" (${span.service})${where}. Spans carrying code.file.path, http.route, a gRPC method or a literal span name can be matched.`);
    return false;
  }
  const chosen = match.ambiguous ? await pickCandidate(match) : match;
  if (!chosen) return false;
  const uri = services.sourceIndex.uriOf(chosen.location);
  if (!uri) return false;
  const position = new vscode.Position(chosen.location.line1 - 1, chosen.location.column1 - 1);
  await vscode.window.showTextDocument(uri, {
    selection: new vscode.Range(position, position),
    // From the waterfall (a webview is active) the code opens beside it, so the trace stays in view.
    viewColumn: vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Beside,
    preview: true,
  });
  vscode.window.setStatusBarMessage(`$(link) Trace Lens: ${match.evidence.join('; ')}`, EVIDENCE_MESSAGE_MS);
  return true;
}

async function pickCandidate(match: SpanMatch): Promise<MatchCandidate | undefined> {
  const items = match.candidates.map((candidate) => ({
    label: `${candidate.location.file}:${candidate.location.line1}`,
    description: candidate.handler ? `${candidate.handler.name} (${candidate.handler.framework})` : undefined,
    candidate,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Go to Span Source', placeHolder: `${match.candidates.length} places fit equally well: ${match.evidence[0] ?? ''}` });
  return picked?.candidate;
}

/**
 * "Trace Lens: Go to Span Source…". With a span (the waterfall's handler, tests, other extensions) it
 * goes there; from the palette it asks for a span name (`GET /api/users/:id`, `Greeter/SayHello`, a
 * manual span's name) and matches that.
 */
export function registerGoToSource(context: vscode.ExtensionContext, services: GoToSourceServices): void {
  registerCommand(context, Command.GoToSpanSource, async (span, trace) => {
    if (span && typeof span === 'object' && typeof span.operation === 'string') return revealSpanSource(services, span, trace);
    const name = await vscode.window.showInputBox({ title: 'Go to Span Source', prompt: 'A span name: GET /route, Service/Method, or a manual span name', placeHolder: 'GET /api/users/:id' });
    if (!name) return false;
    return revealSpanSource(services, spanNamed(name.trim()));
  });
}

/** A span with only a name, for matching what a person typed. */
function spanNamed(operation: string): Span {
  return {
    traceId: '' as Span['traceId'],
    spanId: '' as Span['spanId'],
    references: [],
    service: '',
    operation,
    kind: 'server',
    startUs: 0,
    durationUs: 0,
    status: { code: 'unset' },
    attributes: [],
    resource: [],
    events: [],
    warnings: [],
  };
}

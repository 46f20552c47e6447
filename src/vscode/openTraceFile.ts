import * as vscode from 'vscode';
import { buildTraceTree } from '../core/buildTree';
import { describeParseFailure } from '../core/describeParseFailure';
import type { ParseFailure, TraceTree } from '../core/model';
import { parseTraceText } from '../core/parseTrace';
import { summarizeTrace } from '../core/traceSummary';
import { formatDurationUs } from '../core/waterfallLayout';
import { registerCommand } from './commands';
import { readConfig } from './config';
import { Command, Setting } from './contributions';
import { TracePanelServices, showTracePanel } from './tracePanel';

const BYTES_PER_MB = 1024 * 1024;

/** "Trace Lens: Open Trace File…": from the palette (asks for a file) or the Explorer menu (gets its Uri). */
export function registerOpenTraceFile(context: vscode.ExtensionContext, services: TracePanelServices): void {
  registerCommand(context, Command.OpenTraceFile, async (uri) => {
    const target = uri instanceof vscode.Uri ? uri : await askForTraceFile();
    if (target) await openTraceFile(services, target);
  });
}

async function askForTraceFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Open Trace File',
    openLabel: 'Open Trace',
    canSelectMany: false,
    filters: { 'Trace files (Jaeger, OTLP, Zipkin)': ['json', 'ndjson', 'jsonl'], 'All files': ['*'] },
  });
  return picked?.[0];
}

type LoadOutcome =
  | { readonly kind: 'loaded'; readonly trees: readonly TraceTree[] }
  | { readonly kind: 'failed'; readonly failure: ParseFailure }
  | { readonly kind: 'cancelled' };

async function openTraceFile(services: TracePanelServices, uri: vscode.Uri): Promise<void> {
  const name = displayName(uri);
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch (error) {
    void vscode.window.showErrorMessage(`Trace Lens could not read ${name}: ${errorText(error)}`);
    return;
  }
  const limitMb = readConfig(Setting.MaxTraceFileSizeMb);
  if (size > limitMb * BYTES_PER_MB) {
    const action = await vscode.window.showErrorMessage(
      `Trace Lens did not open ${name}: it is ${(size / BYTES_PER_MB).toFixed(0)} MB, over the ${limitMb} MB limit ` +
        `(setting "${Setting.MaxTraceFileSizeMb}"). Fetch a smaller trace, or raise the limit if the extension host has the memory.`,
      'Open Settings',
    );
    if (action) void vscode.commands.executeCommand('workbench.action.openSettings', Setting.MaxTraceFileSizeMb);
    return;
  }

  let outcome: LoadOutcome;
  try {
    outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Opening ${name}`, cancellable: true },
      (_progress, token) => loadTraces(uri, token),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Trace Lens could not read ${name}: ${errorText(error)}`);
    return;
  }
  if (outcome.kind === 'cancelled') return;
  if (outcome.kind === 'failed') {
    await reportParseFailure(uri, name, outcome.failure);
    return;
  }
  const tree = outcome.trees.length === 1 ? outcome.trees[0] : await pickTrace(name, outcome.trees);
  if (tree) showTracePanel(services, tree, uri.toString(true));
}

async function loadTraces(uri: vscode.Uri, token: vscode.CancellationToken): Promise<LoadOutcome> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (token.isCancellationRequested) return { kind: 'cancelled' };
  const result = parseTraceText(new TextDecoder('utf-8').decode(bytes));
  if (token.isCancellationRequested) return { kind: 'cancelled' };
  if (!result.ok) return { kind: 'failed', failure: result };
  return { kind: 'loaded', trees: result.traces.map(buildTraceTree) };
}

async function reportParseFailure(uri: vscode.Uri, name: string, failure: ParseFailure): Promise<void> {
  const openAsText = 'Open File at Error';
  const action = await vscode.window.showErrorMessage(
    `Trace Lens could not open ${describeParseFailure(name, failure)}`,
    openAsText,
  );
  if (action !== openAsText) return;
  const line = Math.max(0, (failure.location?.line ?? 1) - 1);
  const character = Math.max(0, (failure.location?.column ?? 1) - 1);
  const position = new vscode.Position(line, character);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

interface TracePickItem extends vscode.QuickPickItem {
  readonly tree: TraceTree;
}

async function pickTrace(name: string, trees: readonly TraceTree[]): Promise<TraceTree | undefined> {
  const items: TracePickItem[] = trees.map((tree) => {
    const summary = summarizeTrace(tree);
    const errors = summary.errorCount > 0 ? ` · ${summary.errorCount} errors` : '';
    return {
      tree,
      label: `${summary.rootService}: ${summary.rootOperation}`,
      description: summary.traceId,
      detail: `${summary.spanCount} spans · ${formatDurationUs(summary.durationUs)} · ${new Date(summary.startUs / 1000).toISOString()}${errors}`,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Pick a trace in ${name}`,
    placeHolder: `${trees.length} traces: type to filter by service, operation or trace id`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.tree;
}

function displayName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

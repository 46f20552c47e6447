import * as vscode from 'vscode';
import type { Span, Trace } from '../core/model';
import { Command } from './contributions';

/** The arguments each command accepts (from the palette: none; from the Explorer menu: the file's Uri). */
export interface CommandArgs {
  [Command.OpenTraceFile]: [uri?: vscode.Uri, selectedUris?: vscode.Uri[]];
  /** With text (ids or a link, e.g. from a test or another extension): open without asking. */
  [Command.OpenTraceById]: [text?: string];
  [Command.SearchTraces]: [];
  [Command.SetBackendToken]: [];
  [Command.ClearBackendToken]: [];
  [Command.SetBackendBasicAuth]: [];
  /** With a context name (tests, other extensions): connect to it without asking which. */
  [Command.ConnectToCluster]: [context?: string];
  [Command.DisconnectFromCluster]: [];
  [Command.ClusterConnectionMenu]: [];
  /** With a span (the waterfall, tests, other extensions): go to its code; without: ask for a span name. */
  [Command.GoToSpanSource]: [span?: Span, trace?: Trace];
  /** With a handler's place (a code lens): that handler; without: the one at the cursor. */
  [Command.FindTracesForHandler]: [target?: HandlerTarget];
  [Command.CheckPropagation]: [];
}

/** A handler by document and 0-based line, as a code lens passes it. */
export interface HandlerTarget {
  readonly uri: string;
  readonly line0: number;
}

/** Registers a command with typed arguments and adds it to the extension's subscriptions. */
export function registerCommand<K extends Command>(
  context: vscode.ExtensionContext,
  command: K,
  handler: (...args: CommandArgs[K]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(command, (...args: unknown[]) => handler(...(args as CommandArgs[K]))),
  );
}

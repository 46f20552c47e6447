import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { forwardableToGrpc, rootOf } from './fixText';
import { INJECTED_CARRIER, importInject } from './pythonFix';

/**
 * Quick fixes for RPCs on grpcio stubs (`stub.SayHello(req)`, `.future`, `.with_call`): a stub takes no
 * `headers=`, its headers travel as `metadata=`, a list of `(key, value)` pairs, merged with the
 * metadata the call passes already. Keys are copied from the servicer's incoming metadata, from the
 * incoming HTTP request, or the current context is injected.
 *
 * No fix when the metadata may be passed some other way (the third positional argument, `*args`,
 * `**kwargs`): adding `metadata=` would raise "got multiple values for argument".
 */

/** Stub calls take `(request, timeout, metadata, …)`: from the third positional argument on, metadata is passed. */
const POSITIONAL_METADATA = 2;

/**
 * `servicerContext`: when the call is made in a method of a grpc servicer class, that method's second
 * parameter, its context if the method serves an RPC (then it is one of the request names); else
 * undefined. In a servicer `request` is the request message, never an HTTP request to copy from.
 */
export function pythonGrpcFixes(request: FixRequest, servicerContext: string | undefined): LintFix[] {
  const args = request.call.args;
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  if (positional.length > POSITIONAL_METADATA || positional.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return [];
  const fixes: LintFix[] = [];
  const forward = servicerContext !== undefined ? forwardFromServicer(request, servicerContext) : forwardFromHttpRequest(request);
  if (forward) fixes.push(forward);
  const injected = request.dependsOnOtelApi ? withMetadata(request, `list(${INJECTED_CARRIER}.items())`) : undefined;
  if (injected) fixes.push({ title: 'Inject the current trace context into the gRPC metadata (OpenTelemetry propagate.inject)', edits: [...importInject(rootOf(request.call.node)), ...injected] });
  return fixes;
}

/** Only in the method serving the RPC: a helper method's second parameter is no context. */
function forwardFromServicer(request: FixRequest, context: string): LintFix | undefined {
  if (!request.requestNames.has(context)) return undefined;
  // gRPC metadata keys arrive lower-case already; `-bin` values arrive as bytes, as they must go out.
  const names = request.headers.map((name) => `"${name}"`).join(', ');
  const edits = withMetadata(request, `[(k, v) for k, v in ${context}.invocation_metadata() if k in (${names})]`);
  return edits && { title: 'Forward the trace headers from the incoming gRPC metadata', edits };
}

function forwardFromHttpRequest(request: FixRequest): LintFix | undefined {
  const requestName = [...request.requestNames].find((name) => !name.includes(':'));
  // grpcio rejects upper-case keys, and WSGI frameworks hand header names capitalised.
  const names = request.headers.filter(forwardableToGrpc).map((name) => `"${name}"`).join(', ');
  const edits = requestName === undefined ? undefined : withMetadata(request, `[(k.lower(), v) for k, v in ${requestName}.headers.items() if k.lower() in (${names})]`);
  return edits && { title: `Forward the trace headers from "${requestName ?? ''}"`, edits };
}

/** `metadata=<pairs>` added to the call, or appended to the list it passes (`None` is replaced). */
function withMetadata(request: FixRequest, pairs: string): LintTextEdit[] | undefined {
  const keyword = request.call.args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'metadata');
  const value = keyword?.childForFieldName('value');
  if (value) return [{ startIndex: value.startIndex, endIndex: value.endIndex, newText: value.type === 'none' ? pairs : `list(${value.text}) + ${pairs}` }];
  const last = request.call.args[request.call.args.length - 1];
  if (last) return [{ startIndex: last.endIndex, endIndex: last.endIndex, newText: `, metadata=${pairs}` }];
  const argumentList = request.call.node.childForFieldName('arguments');
  if (argumentList?.type !== 'argument_list') return undefined;
  return [{ startIndex: argumentList.startIndex + 1, endIndex: argumentList.startIndex + 1, newText: `metadata=${pairs}` }];
}

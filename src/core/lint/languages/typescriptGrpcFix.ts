import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { forwardableToGrpc, lineIndent, rootOf } from './fixText';
import { importEdits, importMembers, type ModuleMembers } from './typescriptFix';
import { grpcServiceCall } from './typescriptGrpc';
import { FUNCTIONS, readCall, readFunction } from './typescriptSyntax';

/**
 * Quick fixes for grpc-js RPCs (`client.sayHello(req, callback)`): an RPC takes no `headers` option, its
 * headers travel as a `Metadata` argument right after the request message (first for client and bidi
 * streams). When the call passes none, a `Metadata` filled with the configured keys is inserted there;
 * when it passes a variable known to hold one, statements filling it go before the call's statement.
 * Any other argument in that place (an opaque expression, a name that may be options or a callback) gets
 * no fix: grpc-js tells the three apart only at run time, and a wrong guess would drop the call's own
 * metadata or throw "Incorrect arguments".
 */

const GRPC_MODULES: readonly string[] = ['@grpc/grpc-js', 'grpc'];
const OTEL_API = '@opentelemetry/api';
/** `Client`'s generic methods and the index of their optional metadata argument. */
const GENERIC_METADATA_INDEX: Readonly<Record<string, number>> = { makeUnaryRequest: 4, makeServerStreamRequest: 4, makeClientStreamRequest: 3, makeBidiStreamRequest: 3 };
const FUNCTION_LITERALS: ReadonlySet<string> = new Set(['arrow_function', 'function_expression']);
/** Names taken to be the RPC's callback when last: what the grpc-js examples and generated docs use. */
const CALLBACK_NAMES: ReadonlySet<string> = new Set(['callback', 'cb', 'done']);
const STATEMENT_PARENTS: ReadonlySet<string> = new Set(['statement_block', 'program', 'switch_case']);

/** Where the trace metadata goes: a new argument at `at`, or the Metadata variable `name` passed already. */
type MetadataSlot = { readonly kind: 'insert'; readonly at: number; readonly text: (expression: string) => string } | { readonly kind: 'existing'; readonly name: string; readonly statement: SyntaxNode };

/**
 * The fixes for one flagged grpc-js RPC: forward the configured keys from the request in scope (a served
 * gRPC call's `call.metadata`, else an HTTP request's headers), and, with `@opentelemetry/api`, inject the
 * active context. Empty when the metadata's place in the call cannot be told safely.
 */
export function grpcJsFixes(request: FixRequest): LintFix[] {
  const slot = metadataSlot(request.call);
  if (!slot) return [];
  const root = rootOf(request.call.node);
  const fixes: LintFix[] = [];
  const requestName = [...request.requestNames].find((name) => !name.includes(':')) ?? [...request.requestNames].find((name) => name.startsWith('headers:'));
  if (requestName !== undefined) {
    const fromGrpc = !requestName.includes(':') && servesGrpcCall(request.call.node, requestName);
    // An HTTP header's `-bin` value is base64 text, which `Metadata.set` rejects for a `-bin` key.
    const names = (fromGrpc ? request.headers : request.headers.filter(forwardableToGrpc)).map((name) => `'${name}'`).join(', ');
    const taken = new Set([requestName, slot.kind === 'existing' ? slot.name : 'metadata']);
    const [name, value] = [local('name', taken), local('value', taken)];
    const read = fromGrpc
      ? [`const [${value}] = ${requestName}.metadata.get(${name});`, `if (${value} === undefined) continue;`]
      : [`const ${value} = ${requestName.startsWith('headers:') ? requestName.slice(8) : `${requestName}.headers`}[${name}];`, `if (typeof ${value} !== 'string') continue;`];
    const fill = (target: string): string[] => [`for (const ${name} of [${names}]) {`, ...[...read, `${target}.set(${name}, ${value});`].map((line) => `  ${line}`), '}'];
    const edits = slotEdits(slot, root, request.path, fill, []);
    const source = fromGrpc ? 'the incoming gRPC metadata' : `"${requestName.replace('headers:', '')}"`;
    if (edits) fixes.push({ title: `Forward the trace headers from ${source}`, edits });
  }
  if (request.dependsOnOtelApi) {
    const api = importMembers(root, [OTEL_API], ['context', 'propagation']);
    const fill = (target: string): string[] => [`${api.names.propagation}.inject(${api.names.context}.active(), ${target}, { set: (carrier, key, value) => carrier.set(key, value) });`];
    const edits = slotEdits(slot, root, request.path, fill, [api]);
    if (edits) fixes.push({ title: 'Inject the current trace context into the gRPC metadata (OpenTelemetry propagation API)', edits });
  }
  return fixes;
}

/** `base`, or `traceBase` when the code around already uses `base`. */
function local(base: string, taken: ReadonlySet<string>): string {
  return taken.has(base) ? `trace${base[0]?.toUpperCase() ?? ''}${base.slice(1)}` : base;
}

/**
 * The edits for one fix: `fill(target)` gives the lines that put the headers into the Metadata `target`;
 * before a statement they keep their lines, inside an argument they are joined into one.
 */
function slotEdits(slot: MetadataSlot, root: SyntaxNode, path: string, fill: (target: string) => string[], imports: ModuleMembers[]): LintTextEdit[] | undefined {
  if (slot.kind === 'existing') {
    const indent = lineIndent(root.text, slot.statement.startIndex);
    const at = slot.statement.startIndex;
    return [...importEdits(root, path, imports), { startIndex: at, endIndex: at, newText: fill(slot.name).map((line) => `${line}\n${indent}`).join('') }];
  }
  const grpc = importMembers(root, GRPC_MODULES, ['Metadata']);
  const metadata = `(() => { const metadata = new ${grpc.names.Metadata}(); ${fill('metadata').map((line) => line.trim()).join(' ')} return metadata; })()`;
  return [...importEdits(root, path, [...imports, grpc]), { startIndex: slot.at, endIndex: slot.at, newText: slot.text(metadata) }];
}

/** Where an RPC call's metadata argument is, or goes; undefined when that cannot be told safely. */
function metadataSlot(call: CallView): MetadataSlot | undefined {
  const { args } = call;
  let index = GENERIC_METADATA_INDEX[call.method];
  // A promisified RPC (`sayHello(req)`) takes the request first; promisify appends the callback.
  if (index === undefined) index = !call.path.includes('.') ? 1 : args.length === 0 || FUNCTION_LITERALS.has(args[0]?.type ?? '') ? 0 : 1;
  const previous = args[index - 1];
  if (index > args.length || (index > 0 && !previous)) return undefined;
  const current = args[index];
  if (!current) {
    // After the previous argument, not before `)`: a trailing comma or comment stays where it was.
    if (previous) return { kind: 'insert', at: previous.endIndex, text: (expression) => `, ${expression}` };
    const open = (call.node.childForFieldName('arguments')?.startIndex ?? -2) + 1;
    return open > 0 ? { kind: 'insert', at: open, text: (expression) => expression } : undefined;
  }
  const before: MetadataSlot = { kind: 'insert', at: current.startIndex, text: (expression) => `${expression}, ` };
  // Call options (`{ deadline }`) or the callback: the metadata goes in front.
  if (current.type === 'object' || FUNCTION_LITERALS.has(current.type)) return before;
  if (current.type !== 'identifier') return undefined;
  const declaration = declarationOf(current.text, call.node);
  if (declaration && holdsMetadata(declaration)) {
    const statement = statementOf(call.node);
    return statement ? { kind: 'existing', name: current.text, statement } : undefined;
  }
  const last = current.id === args[args.length - 1]?.id;
  return last && (CALLBACK_NAMES.has(current.text) || (declaration !== undefined && isFunction(declaration))) ? before : undefined;
}

/** The declarator or parameter of `name` in scope at `node` (declared before it), if the file has one. */
function declarationOf(name: string, node: SyntaxNode): SyntaxNode | undefined {
  const candidates = node.tree.rootNode.descendantsOfType(['variable_declarator', 'required_parameter', 'optional_parameter', 'function_declaration']);
  let found: SyntaxNode | undefined;
  for (const candidate of candidates) {
    const named = candidate?.childForFieldName('name') ?? candidate?.childForFieldName('pattern');
    if (!candidate || named?.type !== 'identifier' || named.text !== name || candidate.startIndex > node.startIndex) continue;
    const scope = scopeOf(candidate);
    if (scope.startIndex <= node.startIndex && node.endIndex <= scope.endIndex) found = candidate;
  }
  return found;
}

/** The function (or file) a declaration belongs to; a function declaration's name belongs outside it. */
function scopeOf(declaration: SyntaxNode): SyntaxNode {
  for (let current = declaration.parent; current; current = current.parent) if (FUNCTIONS.has(current.type)) return current;
  return declaration.tree.rootNode;
}

/** `const md = new grpc.Metadata()`, `md: Metadata`, `let md: grpc.Metadata = …`. */
function holdsMetadata(declaration: SyntaxNode): boolean {
  // The annotation's `type` field is the `: T` node; the type itself is its one named child.
  const type = declaration.childForFieldName('type')?.namedChild(0)?.text;
  if (type !== undefined) return type === 'Metadata' || type.endsWith('.Metadata');
  const value = declaration.childForFieldName('value');
  const constructor = value?.type === 'new_expression' ? value.childForFieldName('constructor')?.text : undefined;
  return constructor === 'Metadata' || constructor?.endsWith('.Metadata') === true;
}

function isFunction(declaration: SyntaxNode): boolean {
  return declaration.type === 'function_declaration' || FUNCTION_LITERALS.has(declaration.childForFieldName('value')?.type ?? '');
}

/** The statement holding `node`, when it starts its own line (the fix's statements go in front of it). */
function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (FUNCTIONS.has(current.type) && current.id !== node.id) return undefined;
    if (!STATEMENT_PARENTS.has(current.parent?.type ?? '')) continue;
    const text = current.tree.rootNode.text;
    return text.lastIndexOf('\n', current.startIndex - 1) + 1 + lineIndent(text, current.startIndex).length === current.startIndex ? current : undefined;
  }
  return undefined;
}

/** True when the function whose first parameter is `name` implements a gRPC method (`addService`). */
function servesGrpcCall(node: SyntaxNode, name: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!FUNCTIONS.has(current.type) || readFunction(current)?.params[0] !== name) continue;
    if (grpcServiceCall(current) !== undefined) return true;
    const fnName = readFunction(current)?.name;
    return fnName !== undefined && addServiceNames(current.tree.rootNode).has(fnName);
  }
  return false;
}

/** `server.addService(def, { sayHello, sayBye: bye })`: the function names registered as gRPC methods. */
function addServiceNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const node of root.descendantsOfType('call_expression')) {
    const call = node ? readCall(node) : undefined;
    const implementation = call?.method === 'addService' ? call.args[1] : undefined;
    for (const entry of implementation?.type === 'object' ? implementation.namedChildren : []) {
      if (entry?.type === 'shorthand_property_identifier') names.add(entry.text);
      const value = entry?.type === 'pair' ? entry.childForFieldName('value') : undefined;
      if (value?.type === 'identifier') names.add(value.text);
    }
  }
  return names;
}

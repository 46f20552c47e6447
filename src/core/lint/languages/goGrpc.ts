import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

/**
 * grpc-go for the Go rules: which methods are RPC handlers and what their request context is called,
 * and which variables hold the incoming metadata.
 *
 * A unary method takes its context as a parameter (`ctx context.Context`: names `ctx:ctx`, `grpc:ctx`).
 * A streaming method has none: its context is `stream.Context()` (name `stream:stream`), and the stream
 * itself is no context (`msg, _ := stream.Recv()` handed on is data, not the request's context).
 */

export interface GoParam {
  readonly name: string;
  readonly type: string;
}

/** grpc-go ≥ 1.64 generated code: `grpc.ServerStreamingServer[pb.Feature]` and its two siblings. */
const GENERIC_STREAMS: ReadonlySet<string> = new Set(['grpc.ServerStreamingServer', 'grpc.ClientStreamingServer', 'grpc.BidiStreamingServer']);
/** What a gRPC server struct embeds: `pb.UnimplementedRouteGuideServer` or `pb.UnsafeRouteGuideServer`. */
const SERVER_EMBEDS: readonly string[] = ['Unimplemented', 'Unsafe'];

/** The request names of a grpc-go service method (unary or streaming), else undefined. */
export function grpcMethodRequestNames(fn: SyntaxNode, params: readonly GoParam[]): readonly string[] | undefined {
  if (fn.type !== 'method_declaration') return undefined;
  // Unary: func (s *server) GetItem(ctx context.Context, req *pb.GetItemRequest) (*pb.Item, error)
  const first = params[0];
  if (params.length === 2 && first?.type === 'context.Context' && (params[1]?.type ?? '').startsWith('*')) return [`ctx:${first.name}`, `grpc:${first.name}`];
  // Streaming: ListFeatures(rect *pb.Rectangle, stream pb.RouteGuide_ListFeaturesServer) error, RouteChat(stream …) error
  const stream = params[params.length - 1];
  if (!stream || params.length > 2 || fn.childForFieldName('result')?.text !== 'error') return undefined;
  const streamType = lastParameterType(fn);
  if (!streamType || !isServerStream(streamType) || !mayServeGrpc(fn)) return undefined;
  return stream.name === '' || stream.name === '_' ? [] : [`stream:${stream.name}`];
}

/** The type node of the method's last parameter. */
function lastParameterType(fn: SyntaxNode): SyntaxNode | undefined {
  const list = fn.childForFieldName('parameters');
  const last = list?.namedChild(list.namedChildCount - 1);
  return last?.type === 'parameter_declaration' ? (last.childForFieldName('type') ?? undefined) : undefined;
}

/**
 * A server stream's type: generated `pb.RouteGuide_RecordRouteServer` (service, `_`, method, `Server`;
 * bare inside the generated package), or the generic `grpc.BidiStreamingServer[…]`. Streams are
 * interfaces, so a pointer (`*http.Server`, `*grpc.Server`) is never one.
 */
function isServerStream(type: SyntaxNode): boolean {
  if (type.type === 'generic_type') return GENERIC_STREAMS.has(type.childForFieldName('type')?.text ?? '');
  const name = type.type === 'qualified_type' ? type.childForFieldName('name')?.text : type.type === 'type_identifier' ? type.text : undefined;
  return name !== undefined && name.endsWith('Server') && name.indexOf('_') > 0;
}

/**
 * False when the receiver's struct is declared in this file and embeds no `Unimplemented…Server` (or
 * `Unsafe…Server`): it is not a gRPC server. Declared in another file of the package: taken as one.
 */
function mayServeGrpc(fn: SyntaxNode): boolean {
  const receiver = fn.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text;
  if (receiver === undefined) return false;
  for (const declaration of fn.tree.rootNode.namedChildren) {
    if (declaration?.type !== 'type_declaration') continue;
    for (const spec of declaration.namedChildren) {
      if (spec?.type !== 'type_spec' || spec.childForFieldName('name')?.text !== receiver) continue;
      const struct = spec.childForFieldName('type');
      if (struct?.type !== 'struct_type') return false;
      return struct.descendantsOfType('field_declaration').some((field) => {
        if (!field || field.childForFieldName('name')) return false;
        const embedded = field.childForFieldName('type')?.text.split('.').pop() ?? '';
        return embedded.endsWith('Server') && SERVER_EMBEDS.some((prefix) => embedded.startsWith(prefix));
      });
    }
  }
  return true;
}

/** True when `owner` is a streaming method's stream, whose `Context()` is the request context. */
export function isRequestStream(owner: string, requestNames: ReadonlySet<string>): boolean {
  return requestNames.has(`stream:${owner}`);
}

/**
 * The incoming request's context as an expression, from a service method's parameters: `ctx` (unary)
 * or `stream.Context()` (streaming); undefined outside a service method.
 */
export function incomingContextOf(params: readonly GoParam[], requestNames: ReadonlySet<string>): string | undefined {
  for (const param of params) {
    if (requestNames.has(`grpc:${param.name}`)) return param.name;
    if (isRequestStream(param.name, requestNames)) return `${param.name}.Context()`;
  }
  return undefined;
}

/** A name bound to `metadata.FromIncomingContext(…)`, from its binding to the end of the enclosing function (UTF-16 offsets). */
interface IncomingMetadataBinding {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

const INCOMING_METADATA = 'FromIncomingContext';
const FUNCTION_TYPES: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const incomingMetadataByTree = new WeakMap<Tree, readonly IncomingMetadataBinding[]>();

/**
 * The incoming-metadata variables of a file, found once per syntax tree from the text: most files
 * never mention `FromIncomingContext`, and the evidence search asks this for every identifier it reads.
 * The argument is not checked: `FromIncomingContext(ctx)` and `(stream.Context())` alike.
 */
function incomingMetadataBindings(tree: Tree): readonly IncomingMetadataBinding[] {
  const cached = incomingMetadataByTree.get(tree);
  if (cached) return cached;
  const root = tree.rootNode;
  const text = root.text;
  const bindings: IncomingMetadataBinding[] = [];
  for (let at = text.indexOf(INCOMING_METADATA); at >= 0; at = text.indexOf(INCOMING_METADATA, at + 1)) {
    const name = root.descendantForIndex(root.startIndex + at);
    const selector = name?.parent;
    const call = selector?.type === 'selector_expression' && selector.childForFieldName('field')?.id === name?.id ? selector.parent : undefined;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== selector?.id) continue;
    const target = metadataTarget(call);
    let fn = call.parent;
    while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
    if (target && fn) bindings.push({ name: target.text, from: target.startIndex, to: fn.endIndex });
  }
  incomingMetadataByTree.set(tree, bindings);
  return bindings;
}

/** `md` in `md, ok := metadata.FromIncomingContext(ctx)` (or `=`, or `var md, ok = …`). */
function metadataTarget(call: SyntaxNode): SyntaxNode | undefined {
  const list = call.parent;
  const statement = list?.type === 'expression_list' ? list.parent : undefined;
  if (!statement || !list) return undefined;
  if (statement.type === 'var_spec') return statement.childForFieldName('name') ?? undefined;
  if (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement') return undefined;
  if (statement.childForFieldName('right')?.id !== list.id) return undefined;
  const first = statement.childForFieldName('left')?.namedChild(0);
  return first?.type === 'identifier' ? first : undefined;
}

/** True for a name being assigned (`md` in `md, ok := …`), which reads nothing. */
export function isAssignmentTarget(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'var_spec') return parent.childForFieldName('value')?.id !== node.id;
  const statement = parent?.type === 'expression_list' ? parent.parent : undefined;
  return (statement?.type === 'short_var_declaration' || statement?.type === 'assignment_statement') && statement.childForFieldName('left')?.id === parent?.id;
}

/** True for an identifier read where it holds the incoming metadata. */
export function isIncomingMetadata(node: SyntaxNode): boolean {
  const name = node.text;
  const at = node.startIndex;
  return incomingMetadataBindings(node.tree).some((binding) => binding.name === name && binding.from <= at && at < binding.to);
}

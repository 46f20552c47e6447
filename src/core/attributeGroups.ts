/**
 * Groups a span's attributes the way people read them: HTTP, database, RPC, messaging, exception, other,
 * by the OpenTelemetry semantic-convention prefixes (and the older Jaeger/OpenTracing names).
 */
import type { KeyValueText } from '../protocol/traceView';

export type AttributeGroupName = 'HTTP' | 'Database' | 'RPC' | 'Messaging' | 'Exception' | 'Other';

export interface AttributeGroup {
  readonly name: AttributeGroupName;
  readonly attributes: readonly KeyValueText[];
}

const PREFIXES: readonly (readonly [AttributeGroupName, readonly string[]])[] = [
  ['HTTP', ['http.', 'url.', 'user_agent.', 'server.', 'client.', 'net.', 'network.']],
  ['Database', ['db.', 'sql.']],
  ['RPC', ['rpc.', 'grpc.']],
  ['Messaging', ['messaging.', 'kafka.', 'rabbitmq.']],
  ['Exception', ['exception.', 'error.']],
];

export function attributeGroupOf(key: string): AttributeGroupName {
  const lower = key.toLowerCase();
  for (const [name, prefixes] of PREFIXES) if (prefixes.some((prefix) => lower.startsWith(prefix))) return name;
  return 'Other';
}

/** Non-empty groups in a fixed order (HTTP, Database, RPC, Messaging, Exception, Other); keys keep their order. */
export function groupAttributes(attributes: readonly KeyValueText[]): AttributeGroup[] {
  const byName = new Map<AttributeGroupName, KeyValueText[]>();
  for (const attribute of attributes) {
    const name = attributeGroupOf(attribute.key);
    const list = byName.get(name);
    if (list) list.push(attribute);
    else byName.set(name, [attribute]);
  }
  const order: AttributeGroupName[] = ['HTTP', 'Database', 'RPC', 'Messaging', 'Exception', 'Other'];
  return order.flatMap((name) => {
    const list = byName.get(name);
    return list ? [{ name, attributes: list }] : [];
  });
}

/**
 * An exception recorded as an OTLP `exception` event, or the OpenTracing convention Jaeger data uses: a log
 * whose `event` is `error` with `error.kind` / `message` / `stack` fields. For readable display.
 */
export interface ExceptionText {
  readonly type: string;
  readonly message: string;
  readonly stackTrace: string;
}

/** The exception an event records, when it is one. */
export function exceptionOf(event: { readonly name: string; readonly attributes: readonly KeyValueText[] }): ExceptionText | undefined {
  const get = (key: string): string | undefined => event.attributes.find((attribute) => attribute.key === key)?.value;
  const type = get('exception.type') ?? get('error.kind');
  const message = get('exception.message') ?? get('message');
  const stackTrace = get('exception.stacktrace') ?? get('stack');
  const named = event.name === 'exception' || event.name === 'error';
  if (!named && type === undefined && stackTrace === undefined) return undefined;
  if (type === undefined && message === undefined && stackTrace === undefined) return undefined;
  return { type: type ?? '', message: message ?? '', stackTrace: stackTrace ?? '' };
}

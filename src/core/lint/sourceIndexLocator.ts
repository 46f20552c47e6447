import type { FileIndex } from '../source/handlerTypes';
import type { HandlerLocator } from './handlerLocator';
import { RULES_BY_LANGUAGE } from './languages/rulesByLanguage';

/**
 * The shared source index (`src/core/source/`) as the lint's `HandlerLocator`: a function serves a
 * request when the index lists a route or gRPC handler whose function ends where it ends (a Python
 * decorator or a route registration may start earlier). Inside it, the request goes by the names the
 * language's rules read from its parameters, else its first parameter.
 */
export function sourceIndexLocator(indexes: ReadonlyMap<string, FileIndex>): HandlerLocator {
  return {
    versionOf: (path) => indexes.get(path),
    requestNamesOf(fn, path) {
      const index = indexes.get(path);
      if (!index) return undefined;
      const end = fn.node.endPosition;
      if (!handlerEndsOf(index).has(`${end.row}:${end.column}`)) return undefined;
      const rules = RULES_BY_LANGUAGE[index.language];
      const fromRules = rules?.servedRequestNames ? rules.servedRequestNames(fn) : rules?.handlerRequestNames(fn);
      if (fromRules !== undefined) return fromRules;
      const first = fn.params[0];
      return first ? [first] : [];
    },
  };
}

const handlerEnds = new WeakMap<FileIndex, ReadonlySet<string>>();

/** Where the index's route and gRPC handler functions end (`row:column`), once per index. */
function handlerEndsOf(index: FileIndex): ReadonlySet<string> {
  let ends = handlerEnds.get(index);
  if (!ends) {
    ends = new Set(index.handlers.filter((handler) => handler.kind !== 'span').map((handler) => `${handler.functionRange.endLine0}:${handler.functionRange.endColumn0}`));
    handlerEnds.set(index, ends);
  }
  return ends;
}

/**
 * The locator the workspace lint uses: a function serves a request when the shared source index says it is
 * a handler (routes, gRPC methods: the same index Go to Source uses), or, for shapes the index does not
 * register (e.g. a controller reached only through a framework convention), when the language's own
 * handler patterns say so.
 */
export function indexOrRulesLocator(indexes: ReadonlyMap<string, FileIndex>): HandlerLocator {
  const fromIndex = sourceIndexLocator(indexes);
  return {
    versionOf: fromIndex.versionOf,
    requestNamesOf(fn, path) {
      const language = indexes.get(path)?.language;
      return fromIndex.requestNamesOf(fn, path) ?? (language ? RULES_BY_LANGUAGE[language]?.handlerRequestNames(fn) : undefined);
    },
  };
}

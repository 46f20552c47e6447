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
    requestNamesOf(fn, path) {
      const index = indexes.get(path);
      if (!index) return undefined;
      const end = fn.node.endPosition;
      const served = index.handlers.some((handler) => handler.kind !== 'span' && handler.functionRange.endLine0 === end.row && handler.functionRange.endColumn0 === end.column);
      if (!served) return undefined;
      const fromRules = RULES_BY_LANGUAGE[index.language]?.handlerRequestNames(fn);
      if (fromRules !== undefined) return fromRules;
      const first = fn.params[0];
      return first ? [first] : [];
    },
  };
}

import type { FunctionView, LanguageRules } from './languageRules';

/**
 * Which function bodies serve an incoming request. The engine asks only this, so the shared source
 * index (`src/core/source/`) can replace the built-in locator with a one-file change.
 */
export interface HandlerLocator {
  /** The names the request (or its headers) goes by inside `fn` when it is a handler, else undefined. */
  requestNamesOf(fn: FunctionView, path: string): readonly string[] | undefined;
  /**
   * A value that stays the same (`===`) as long as the answers for `path`'s functions do, so the
   * engine can keep them between lints of an unchanged file; undefined: ask every time.
   */
  versionOf?(path: string): object | undefined;
}

/** The built-in locator: each language's own handler patterns (routes, controller methods, gRPC). */
export function languageHandlerLocator(rules: LanguageRules): HandlerLocator {
  return { requestNamesOf: (fn) => rules.handlerRequestNames(fn), versionOf: () => rules };
}

import type { Evidence } from './evidence';
import type { CallView, LanguageRules } from './languageRules';
import type { LintFix } from './lintTypes';

/** Fixes for one finding; see `languages/*Fix.ts`. Empty when no fix is safe. */
export function fixesFor(
  rules: LanguageRules,
  file: { readonly path: string; readonly language: string },
  call: CallView,
  client: string,
  visit: { readonly requestNames: ReadonlySet<string> },
  headers: ReadonlySet<string>,
  dependsOnOtelApi: boolean,
  evidence: Evidence,
): LintFix[] {
  const build = rules.quickFix;
  if (!build) return [];
  return build({ call, client, requestNames: visit.requestNames, headers: [...headers], dependsOnOtelApi, evidence, path: file.path });
}

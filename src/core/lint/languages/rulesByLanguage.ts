import type { SourceLanguage } from '../../sourceLanguage';
import type { LanguageRules } from '../languageRules';
import { GO_RULES } from './goRules';
import { JAVA_RULES } from './javaRules';
import { PYTHON_RULES } from './pythonRules';
import { RUBY_RULES } from './rubyRules';
import { TYPESCRIPT_RULES } from './typescriptRules';

/** The rules of each language the lint covers; C# is parsed but not linted yet. */
export const RULES_BY_LANGUAGE: Readonly<Record<SourceLanguage, LanguageRules | undefined>> = {
  typescript: TYPESCRIPT_RULES,
  tsx: TYPESCRIPT_RULES,
  javascript: TYPESCRIPT_RULES,
  python: PYTHON_RULES,
  go: GO_RULES,
  java: JAVA_RULES,
  ruby: RUBY_RULES,
  csharp: undefined,
};

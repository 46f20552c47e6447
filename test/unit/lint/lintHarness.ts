import assert from 'node:assert/strict';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { lintPackage, type LintSettings, type ProjectFacts } from '../../../src/core/lint/lintPackage';
import type { InstrumentationFact } from '../../../src/core/lint/languageRules';
import type { LintFinding, LintFix } from '../../../src/core/lint/lintTypes';
import { configuredHeaders, DEFAULT_TRACE_HEADERS } from '../../../src/core/lint/traceHeaders';
import { languageOfPath } from '../../../src/core/sourceLanguage';

/** Lints in-memory files (path → source) as one package, the way a test reads best. */

const loader = createGrammarLoader();

export const DEFAULT_SETTINGS: LintSettings = { headers: configuredHeaders(DEFAULT_TRACE_HEADERS), missingSeverity: 'warning', partialSeverity: 'warning' };

export async function lintSources(sources: Record<string, string>, facts: { instrumentation?: InstrumentationFact[]; dependsOnOtelApi?: boolean } = {}): Promise<LintFinding[]> {
  const files = [];
  const trees = [];
  for (const [path, text] of Object.entries(sources)) {
    const language = languageOfPath(path);
    if (!language) throw new Error(`no language for ${path}`);
    const parser = await loader.parserFor(language);
    const tree = parser.parse(text);
    parser.delete();
    if (!tree) throw new Error(`no tree for ${path}`);
    trees.push(tree);
    files.push({ path, language, root: tree.rootNode });
  }
  const projectFacts: ProjectFacts = { instrumentation: new Set(facts.instrumentation ?? []), dependsOnOtelApi: facts.dependsOnOtelApi ?? false };
  try {
    return lintPackage(files, DEFAULT_SETTINGS, projectFacts);
  } finally {
    for (const tree of trees) tree.delete();
  }
}

/** `rule@line` (1-based) of each finding, the compact shape the tests compare. */
export function summary(findings: readonly LintFinding[]): string[] {
  return findings.map((finding) => `${finding.rule}@${finding.range.start.row + 1}`);
}

/** Applies a fix's edits (non-overlapping) from the end backwards. */
export function applyFix(text: string, fix: LintFix): string {
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.startIndex - a.startIndex)) result = result.slice(0, edit.startIndex) + edit.newText + result.slice(edit.endIndex);
  return result;
}

async function parsesCleanly(path: string, text: string): Promise<boolean> {
  const language = languageOfPath(path);
  if (!language) throw new Error(`no language for ${path}`);
  const parser = await loader.parserFor(language);
  const tree = parser.parse(text);
  const clean = tree?.rootNode.hasError === false;
  tree?.delete();
  parser.delete();
  return clean;
}

/**
 * Lints `source` as the file `path`, applies the fix titled like `title`, and checks that the result
 * parses without errors and lints clean. Returns the fixed text.
 */
export async function fixAndRelint(path: string, source: string, title: RegExp, facts: { dependsOnOtelApi?: boolean } = {}): Promise<string> {
  const [finding] = await lintSources({ [path]: source }, facts);
  assert.ok(finding, 'the call is flagged before the fix');
  const fix = finding.fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `a fix titled ${title} among ${finding.fixes.map((f) => f.title).join(', ')}`);
  const fixed = applyFix(source, fix);
  assert.equal(await parsesCleanly(path, fixed), true, fixed);
  assert.deepEqual(summary(await lintSources({ [path]: fixed }, facts)), [], `still flagged after the fix:\n${fixed}`);
  return fixed;
}

/** A grpcio servicer whose `GetQuote` (line 8; its body from line 9) calls the inventory service. */
export const pythonServicer = (body: string, header = 'import grpc\nimport inventory_pb2_grpc') => `${header}

class Quotes(quotes_pb2_grpc.QuotesServicer):
    def __init__(self, channel):
        self.inventory = inventory_pb2_grpc.InventoryStub(channel)

    def GetQuote(self, request, context):
${body}
`;

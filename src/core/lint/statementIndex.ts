import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { LanguageRules } from './languageRules';
import { walkNamed } from './syntaxWalk';

/**
 * The statements of a function body (or a file's top level), each with the names it binds, the
 * variable it calls a method on, and the names its call arguments mention: what the evidence
 * search asks for every variable it follows. Built once per body and kept per syntax tree, so an
 * unchanged file is not re-walked when its package is linted again.
 */
export interface StatementFacts {
  readonly node: SyntaxNode;
  /** Name → the value assigned to it (or the target itself when the syntax has no value). */
  readonly binds: ReadonlyMap<string, SyntaxNode>;
  /** `headers.set(…)` → `headers`. */
  readonly callRoot: string | undefined;
  /** Identifiers mentioned in the statement's call arguments (`inject(ctx, headers)`). */
  readonly argumentNames: ReadonlySet<string>;
}

const byTree = new WeakMap<Tree, Map<number, StatementFacts[]>>();
const walkedTypes = new WeakMap<LanguageRules, ReadonlySet<string>>();
const bindingTypes = new WeakMap<LanguageRules, ReadonlySet<string>>();

/** The statements directly or indirectly inside `body`, not inside nested named functions. */
export function statementsOf(rules: LanguageRules, body: SyntaxNode): StatementFacts[] {
  let perTree = byTree.get(body.tree);
  if (!perTree) byTree.set(body.tree, (perTree = new Map()));
  const cached = perTree.get(body.id);
  if (cached) return cached;
  const facts: StatementFacts[] = [];
  let kinds = walkedTypes.get(rules);
  if (!kinds) walkedTypes.set(rules, (kinds = new Set([...rules.blocks, ...rules.functions])));
  walkNamed(
    body,
    (node) => {
      if (rules.functions.has(node.type)) return node.id === body.id || rules.readFunction(node)?.name === undefined;
      for (let i = 0; i < node.namedChildCount; i++) {
        const statement = node.namedChild(i);
        if (statement && !(rules.functions.has(statement.type) && rules.readFunction(statement)?.name !== undefined)) facts.push(describeStatement(rules, statement));
      }
      return true;
    },
    kinds,
  );
  perTree.set(body.id, facts);
  return facts;
}

/**
 * Top-level statements of a file, for constants such as a list of header names: only what they bind is
 * read (`callRoot` and `argumentNames` stay empty; the evidence search asks them of a function's own
 * statements only).
 */
export function topLevelStatements(rules: LanguageRules, topLevel: readonly SyntaxNode[]): StatementFacts[] {
  const first = topLevel[0];
  if (!first) return [];
  let perTree = byTree.get(first.tree);
  if (!perTree) byTree.set(first.tree, (perTree = new Map()));
  const key = -1 - first.id;
  const cached = perTree.get(key);
  if (cached) return cached;
  const facts = topLevel.map((node): StatementFacts => ({ node, binds: bindingsOf(rules, node), callRoot: undefined, argumentNames: new Set() }));
  perTree.set(key, facts);
  return facts;
}

function describeStatement(rules: LanguageRules, statement: SyntaxNode): StatementFacts {
  const binds = bindingsOf(rules, statement);
  let callRoot: string | undefined;
  const argumentNames = new Set<string>();
  const call = rules.calls.has(statement.type) ? statement : statement.namedChild(0);
  const view = call && rules.calls.has(call.type) ? rules.readCall(call) : undefined;
  if (view) {
    const dot = view.path.indexOf('.');
    callRoot = dot > 0 ? view.path.slice(0, dot) : undefined;
    for (const arg of view.args) {
      if (rules.functions.has(arg.type)) continue;
      walkNamed(arg, (node) => void argumentNames.add(node.text), rules.identifiers);
    }
  }
  return { node: statement, binds, callRoot, argumentNames };
}

/** The names a statement binds, each with the value bound (or the target when there is none). */
function bindingsOf(rules: LanguageRules, statement: SyntaxNode): Map<string, SyntaxNode> {
  const binds = new Map<string, SyntaxNode>();
  let kinds = bindingTypes.get(rules);
  if (!kinds) bindingTypes.set(rules, (kinds = new Set([...Object.keys(rules.assignments), ...rules.calls, ...rules.functions])));
  walkNamed(statement, (node) => {
    // A function binds nothing around it: the variables of a top-level function's body are its own.
    if (rules.functions.has(node.type)) return false;
    if (node.id !== statement.id && rules.calls.has(node.type)) return false;
    const fields = rules.assignments[node.type];
    if (!fields) return true;
    const target = node.childForFieldName(fields.target);
    if (!target) return true;
    const value = node.childForFieldName(fields.value) ?? target;
    for (const name of rootNames(rules, target)) if (!binds.has(name)) binds.set(name, value);
    return true;
  }, kinds);
  return binds;
}

/** The root identifiers of an assignment target (`a`, `a.b`, `a[k]`, `a, err`). */
function rootNames(rules: LanguageRules, target: SyntaxNode): string[] {
  if (rules.identifiers.has(target.type)) return [target.text];
  if (target.type.includes('list') || target.type.includes('pattern') || target.type === 'left_assignment_list') {
    const names: string[] = [];
    for (let i = 0; i < target.namedChildCount; i++) {
      const child = target.namedChild(i);
      if (child) names.push(...rootNames(rules, child));
    }
    return names;
  }
  const first = target.namedChild(0);
  return first ? rootNames(rules, first) : [];
}

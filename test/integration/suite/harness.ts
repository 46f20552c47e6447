// A minimal test runner for code that runs inside the VS Code extension host. The in-host suite is
// loaded by VS Code itself (extensionTestsPath), where no test framework is available, and it must
// work unchanged under code-server (offline CI) and @vscode/test-electron (desktop): both call the
// module's `run()` and read only whether its promise resolves.

/** The line the integration runner parses for the counts; keep in sync with scripts/integration/run.mjs. */
export const SUITE_RESULT_PREFIX = 'TRACE_LENS_SUITE_RESULT ';
/**
 * Marks the suite's own output. Under code-server the runner receives the whole workbench console, and
 * prints only these lines unless the suite fails.
 */
const LINE_PREFIX = '[suite] ';

function report(text: string): void {
  console.log(text.replace(/^/gm, LINE_PREFIX));
}

type TestBody = () => Promise<void> | void;

interface RegisteredTest {
  readonly name: string;
  readonly body: TestBody;
  /** Set when the test cannot run here; printed loudly. */
  readonly skipReason?: string;
}

const registered: RegisteredTest[] = [];
const afterEachHooks: TestBody[] = [];

export function test(name: string, body: TestBody): void {
  registered.push({ name, body });
}

export function skip(name: string, reason: string): void {
  registered.push({ name, body: () => undefined, skipReason: reason });
}

/** Runs after every test, passed or failed (e.g. closing the editors it opened). */
export function afterEach(hook: TestBody): void {
  afterEachHooks.push(hook);
}

/** Per-test deadline: a test that hangs (e.g. on a dialog nobody answers) fails instead of stalling the run. */
const TEST_TIMEOUT_MS = 30_000;

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Polls `condition` until it returns a value other than undefined/false, or fails after `timeoutMs`
 * with `message`. For state VS Code updates asynchronously (tabs, activation) with no event to await.
 */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  message: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs every registered test in order; rejects when any failed (the exit code the runners see). */
export async function runRegisteredTests(): Promise<void> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { name, body, skipReason } of registered) {
    if (skipReason !== undefined) {
      skipped++;
      report(`- SKIPPED ${name}: ${skipReason}`);
      continue;
    }
    const started = Date.now();
    try {
      await withDeadline(Promise.resolve().then(body), TEST_TIMEOUT_MS, `test "${name}"`);
      passed++;
      report(`✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      report(`✖ ${name} (${Date.now() - started} ms)\n${indent(describe(error))}`);
    }
    for (const hook of afterEachHooks) {
      try {
        await withDeadline(Promise.resolve().then(hook), TEST_TIMEOUT_MS, 'afterEach hook');
      } catch (error) {
        report(`afterEach hook failed after "${name}":\n${indent(describe(error))}`);
      }
    }
  }
  console.log(`${SUITE_RESULT_PREFIX}${JSON.stringify({ passed, failed, skipped })}`);
  if (failed > 0) throw new Error(`${failed} of ${registered.length} in-host integration tests failed`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

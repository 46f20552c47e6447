// Drives the VS Code workbench in Chromium the way a user does: the command palette, the file dialog,
// the Explorer's context menu, notifications, and the waterfall webview's DOM. Used by the UI tests;
// scripts/integration/run.mjs starts code-server and passes where things are through the environment.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

/** Where the runner put things; undefined when the tests run without it (they then skip). */
export interface UiEnvironment {
  /** Workbench URL: code-server with the demo workspace and the extension under development loaded. */
  readonly workbenchUrl: string;
  readonly chromiumPath: string;
  /** Absolute path of test/fixtures/workspace (as code-server sees it: the same machine). */
  readonly workspaceDir: string;
  /** Folder for failure screenshots. */
  readonly artifactsDir: string;
  /** Where to save the README screenshot, when this run should take it. */
  readonly screenshotPath?: string;
}

export const NOT_UNDER_RUNNER =
  'SKIPPED: UI tests need code-server and Chromium: run them with `node scripts/integration/run.mjs`';

export function uiEnvironment(): UiEnvironment | undefined {
  const { TRACE_LENS_WORKBENCH_URL, TRACE_LENS_CHROMIUM, TRACE_LENS_WORKSPACE, TRACE_LENS_ARTIFACTS, TRACE_LENS_SCREENSHOT } =
    process.env;
  if (!TRACE_LENS_WORKBENCH_URL || !TRACE_LENS_CHROMIUM || !TRACE_LENS_WORKSPACE || !TRACE_LENS_ARTIFACTS) return undefined;
  return {
    workbenchUrl: TRACE_LENS_WORKBENCH_URL,
    chromiumPath: TRACE_LENS_CHROMIUM,
    workspaceDir: TRACE_LENS_WORKSPACE,
    artifactsDir: TRACE_LENS_ARTIFACTS,
    ...(TRACE_LENS_SCREENSHOT ? { screenshotPath: TRACE_LENS_SCREENSHOT } : {}),
  };
}

/** Reads a demo workspace file as JSON (the tests derive their expectations from the fixtures). */
export function readWorkspaceJson<T>(env: UiEnvironment, name: string): T {
  return JSON.parse(readFileSync(join(env.workspaceDir, name), 'utf8')) as T;
}

/** Flags that keep Chromium quiet and offline-friendly in a container. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** How long a user-visible step may take before the test fails (the first webview of a profile is slow). */
const STEP_TIMEOUT_MS = 20_000;

/**
 * Polls `probe` until it returns something other than undefined/false, or throws `message` after
 * `timeoutMs`. For UI state with no event Playwright can await directly (e.g. a frame to appear).
 */
export async function poll<T>(probe: () => Promise<T | undefined | false>, message: string, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** One waterfall row as the user reads it. */
export interface RowText {
  /** `data-span-index`: the display index. */
  readonly index: number;
  readonly service: string;
  readonly operation: string;
  readonly duration: string;
  readonly hasError: boolean;
}

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    readonly env: UiEnvironment,
  ) {}

  /** Launches Chromium, loads the workbench and waits until the Explorer shows the workspace. */
  static async open(env: UiEnvironment): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: env.chromiumPath, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(env.workbenchUrl);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      return new Workbench(browser, page, env);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** Runs a command by its title from the command palette (F1), as a user types it. */
  async runCommand(title: string): Promise<void> {
    const input = this.quickInput();
    // The entry labelled exactly `title` (an ellipsis may follow), not a longer command that contains it.
    const label = new RegExp(`^\\s*${escapeRegExp(title)}…?\\s*$`);
    const item = this.page
      .locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) })
      .first();
    // Right after load the extension's contributions may not be registered yet and an open palette does
    // not pick up late arrivals: reopen it until the command is listed.
    await poll(async () => {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      if (await item.waitFor({ timeout: 1_000 }).then(() => true, () => false)) return true;
      await this.page.keyboard.press('Escape');
      return false;
    }, `the command palette to list "${title}"`);
    await item.click();
  }

  /** The quick-input text box (palette, quick picks and the "simple" file dialog code-server uses). */
  quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Answers VS Code's simple file dialog (a quick input holding a path) with an absolute file path. */
  async answerFileDialog(absolutePath: string): Promise<void> {
    const input = this.quickInput();
    const widget = this.page.locator('.quick-input-widget');
    const title = widget.locator('.quick-input-title');
    // Ready once it lists its starting folder; typing earlier gets overwritten when the listing arrives.
    await poll(
      async () => (await input.inputValue()).startsWith('/') && (await widget.locator('.monaco-list-row').count()) > 0,
      'the file dialog to list a folder',
    );
    const dialogTitle = await title.innerText();
    const fileName = absolutePath.slice(absolutePath.lastIndexOf('/') + 1);
    const fileRow = widget.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactText(fileName) }) });
    // Accepted once the dialog is gone or replaced by the next quick input (e.g. the trace picker).
    const accepted = async () => !(await widget.isVisible()) || (await title.innerText().catch(() => '')) !== dialogTitle;
    await poll(async () => {
      await input.fill(absolutePath);
      await fileRow.waitFor({ timeout: 2_000 }).catch(() => undefined);
      if ((await input.inputValue()) !== absolutePath) return false;
      await input.press('Enter');
      return poll(accepted, 'the file dialog to accept the path', 2_000).catch(() => false);
    }, `the file dialog to accept ${absolutePath}`);
  }

  /** "Trace Lens: Open Trace File…" from the palette, then the file through the dialog. */
  async openTraceFileThroughPalette(fileName: string): Promise<void> {
    await this.runCommand('Trace Lens: Open Trace File');
    await this.answerFileDialog(join(this.env.workspaceDir, fileName));
  }

  /** "Trace Lens: Open Trace File…" from the palette, then a file anywhere on disk (e.g. a temp folder). */
  async openTraceFileAtPath(absolutePath: string): Promise<void> {
    await this.runCommand('Trace Lens: Open Trace File');
    await this.answerFileDialog(absolutePath);
  }

  /** Right-clicks a file in the Explorer and picks `menuItem` (whole text of the entry) from its context menu. */
  async explorerContextMenu(fileName: string, menuItem: string | RegExp): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', {
      has: this.page.locator('.label-name', { hasText: fileName }),
    });
    await row.click({ button: 'right' });
    // Hover, then Enter: VS Code's menus ignore a mouse-up that follows their opening too closely.
    await this.page
      .locator('.monaco-menu .action-item .action-label', { hasText: typeof menuItem === 'string' ? exactText(menuItem) : menuItem })
      .first()
      .hover();
    await this.page.keyboard.press('Enter');
  }

  /** Texts of the notifications on screen: toasts, and the notification center when it is open. */
  async notificationMessages(): Promise<string[]> {
    return this.page
      .locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message')
      .allInnerTexts();
  }

  /**
   * Opens the notification center (the bell) and waits for a notification containing `text`. The test
   * workbench runs with VS Code's smoke-test driver (needed to load the extension from the URL payload),
   * which sends notifications straight to the center instead of showing toasts; the center updates live.
   */
  async waitForNotification(text: string): Promise<string> {
    await this.runCommand('Notifications: Show Notifications');
    return poll(
      async () => (await this.notificationMessages()).find((message) => message.includes(text)),
      `a notification containing "${text}"`,
    );
  }

  /** Closes every editor (waterfalls included) and notification, so the next test starts clean. */
  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Waits for a waterfall webview whose page shows rows and returns it. */
  async waterfall(): Promise<Waterfall> {
    const frame = await poll(async () => {
      for (const frame of this.page.frames()) {
        if (frame.isDetached()) continue;
        const rows = await frame.locator('.tl-row').count().catch(() => 0);
        if (rows > 0) return frame;
      }
      return undefined;
    }, 'a waterfall webview with span rows');
    return new Waterfall(frame);
  }

  /** The title of the active editor tab. */
  async activeTabTitle(): Promise<string> {
    return (await this.page.locator('.tabs-container .tab.active .label-name').first().innerText()).trim();
  }

  async screenshot(path: string): Promise<void> {
    mkdirSync(join(path, '..'), { recursive: true });
    await this.page.screenshot({ path });
  }
}

/** The waterfall webview's DOM, through the hooks the webview promises (`.tl-row`, `#tl-details`, …). */
export class Waterfall {
  constructor(readonly frame: Frame) {}

  /** The rows a user can see (collapsed subtrees excluded), top to bottom. */
  async visibleRows(): Promise<RowText[]> {
    // Rows are virtualized and recycled, so DOM order is not screen order: sort by position on screen.
    return this.frame.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.tl-row'))
        .filter((row) => row.getClientRects().length > 0 && getComputedStyle(row).visibility !== 'hidden')
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => ({
          index: Number(row.dataset['spanIndex']),
          service: row.querySelector('.tl-service')?.textContent?.trim() ?? '',
          operation: row.querySelector('.tl-operation')?.textContent?.trim() ?? '',
          duration: row.querySelector('.tl-duration')?.textContent?.trim() ?? '',
          hasError: row.querySelector('.tl-error') !== null,
        })),
    );
  }

  /** Waits until exactly `count` rows are visible (re-rendering is asynchronous) and returns them. */
  async waitForRowCount(count: number): Promise<RowText[]> {
    let last: RowText[] = [];
    try {
      return await poll(async () => {
        last = await this.visibleRows();
        return last.length === count && last;
      }, `${count} visible rows`);
    } catch {
      throw new Error(`expected ${count} visible waterfall rows, saw ${last.length}: ${last.map((r) => r.operation).join(', ')}`);
    }
  }

  /** The row whose operation is exactly `operation` ("Charge", not "HTTP POST /charge"). */
  private row(operation: string) {
    return this.frame.locator('.tl-row', { has: this.frame.locator('.tl-operation', { hasText: exactText(operation) }) }).first();
  }

  /** Selects a span by clicking its row (on the name, not the twisty). */
  async clickRow(operation: string): Promise<void> {
    await this.row(operation).locator('.tl-operation').click();
  }

  /** Collapses or expands a span's subtree with its twisty. */
  async toggleRow(operation: string): Promise<void> {
    await this.row(operation).locator('.tl-twisty').click();
  }

  async clickButton(id: 'tl-expand-all' | 'tl-collapse-all'): Promise<void> {
    await this.frame.locator(`#${id}`).click();
  }

  /** Waits for the detail pane to list an attribute `key` and returns all its attributes as a map. */
  async detailAttributes(key: string): Promise<Map<string, string>> {
    const pane = this.frame.locator('#tl-details');
    await pane.locator('.tl-attr-key', { hasText: key }).first().waitFor();
    const pairs = await pane.locator('.tl-attr').evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('.tl-attr-key')?.textContent?.trim() ?? '',
        row.querySelector('.tl-attr-value')?.textContent?.trim() ?? '',
      ]),
    );
    return new Map(pairs.map(([k, v]) => [k ?? '', v ?? '']));
  }
}

/** Matches an element whose whole text is `text` (Playwright's string `hasText` matches substrings). */
/** The Traces view's webview frame: the one with the search form. */
export async function tracesView(workbench: Workbench): Promise<Frame> {
  return poll(async () => {
    for (const frame of workbench.page.frames()) {
      if (frame.isDetached()) continue;
      if ((await frame.locator('#tl-service').count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, 'the Traces view with its search form');
}

export function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Wraps a UI test body: on failure, saves a screenshot of the workbench to the artifacts folder (named
 * after the test) before rethrowing, so a red CI run shows what the user would have seen.
 */
export function withFailureScreenshot(
  env: UiEnvironment,
  name: string,
  workbench: () => Workbench | undefined,
  body: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (error) {
      const file = join(env.artifactsDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await workbench()
        ?.screenshot(file)
        .then(() => console.error(`failure screenshot: ${file}`))
        .catch(() => undefined);
      throw error;
    }
  };
}

// The propagation lint in a real VS Code: a small Express service is added to the demo workspace, its
// file is opened, the Problems panel shows the outbound call that drops the trace headers, the quick fix
// "Forward the trace headers from "req"" is applied from the light bulb menu, and the problem goes away.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NOT_UNDER_RUNNER, Workbench, poll, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();

const SERVICE = `import express from 'express';

const app = express();

app.get('/orders/:id', async (req, res) => {
  const stock = await fetch('http://inventory/items/' + req.params.id);
  res.json(await stock.json());
});
`;
const MESSAGE = 'sends none of the trace headers';

describe('propagation lint', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  let workbench: Workbench | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    // The runner's workspace is a per-run copy: adding files to it leaves the tracked fixtures alone.
    const dir = join(env.workspaceDir, 'lint-demo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lint-demo', dependencies: { express: '^4.19.0' } }));
    writeFileSync(join(dir, 'orders.ts'), SERVICE);
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
  });

  uiTest('a fetch that drops the trace headers is a problem until the quick fix forwards them', async () => {
    assert.ok(workbench);
    const page = workbench.page;
    await page.keyboard.press('Control+P');
    const input = workbench.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill('lint-demo/orders.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'orders.ts' }).first().waitFor();
    await input.press('Enter');

    // The Problems panel lists the call, with the rule as a code that links to Istio's explanation.
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: MESSAGE });
    await problem.first().waitFor({ timeout: 60_000 });
    assert.match(await problem.first().innerText(), /missing-trace-headers/);

    // Selecting the problem puts the cursor on the call; a click on the call focuses the editor there,
    // and Ctrl+. opens the quick fixes (the TypeScript server may take a moment to answer its part).
    await problem.first().click();
    await poll(async () => /Ln 6,/.test(await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')), 'the cursor on the fetch call (line 6)');
    await page.locator('.editor-group-container.active .view-line', { hasText: 'inventory' }).first().click();
    const fix = page.getByText('Forward the trace headers from "req"', { exact: true });
    await poll(async () => {
      await page.keyboard.press('Control+.');
      if (await fix.first().waitFor({ timeout: 10_000 }).then(() => true, () => false)) return true;
      await page.keyboard.press('Escape');
      return false;
    }, 'the quick fix to be offered', 60_000);
    await fix.first().click();

    // The edited document is linted again and the problem is gone.
    await poll(async () => (await problem.count()) === 0, 'the problem to disappear after the fix');
    const editorText = await page.locator('.editor-group-container.active .view-lines').first().innerText();
    assert.match(editorText.replace(/\s+/g, ' '), /fetch\('http:\/\/inventory\/items\/' \+ req\.params\.id, \{ headers: \{ \.\.\.Object\.fromEntries/);
  });
});

// Entry point of the in-host integration suite: VS Code loads this module (extensionTestsPath) inside
// the extension host and awaits `run()`. The same contract as @vscode/test-electron, so the offline
// code-server runner (scripts/integration/run.mjs) and the desktop runner (scripts/runDesktopTests.mjs)
// run the same tests.
import { runRegisteredTests } from './harness';

export async function run(): Promise<void> {
  // Registration happens on import; importing here (not at the top) keeps `run` the module's only job.
  await import('./openTraceFileCommand');
  await runRegisteredTests();
}

/**
 * The `trace-lens` executable (bundled to dist/cli.js). Everything testable lives in runCli.ts; this file
 * only binds it to the real process.
 */
import { runCli } from './runCli';

// exitCode rather than process.exit(): a large conversion piped to another program must finish flushing.
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});

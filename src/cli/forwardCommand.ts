/**
 * `trace-lens forward`: src/kube's runForward, bound to the terminal. A person running it trusts their own
 * kubeconfig as kubectl does, so exec credential plugins (cloud logins) run here, unlike in an untrusted
 * workspace. Runs until SIGINT or SIGTERM, then exits 0 after closing the forward.
 */
import { runForward } from '../kube/forwardCommand';
import { ExitCode, type CliIo } from './cliIo';
import type { ForwardArgs } from './forwardArgs';

export async function runForwardCommand(io: CliIo, args: ForwardArgs, stop?: AbortSignal): Promise<ExitCode> {
  const signals = stop === undefined ? processStopSignal() : { signal: stop, dispose: () => undefined };
  try {
    const code = await runForward({
      ...(args.kubeconfig === undefined ? {} : { kubeconfig: args.kubeconfig }),
      ...(args.context === undefined ? {} : { context: args.context }),
      ...args.overrides, json: args.json, allowExecCredentials: true,
    }, io, signals.signal);
    return code === 0 ? ExitCode.Ok : ExitCode.BackendFailed;
  } finally {
    signals.dispose();
  }
}

/** Aborts on the first SIGINT (Ctrl+C) or SIGTERM; the handlers are removed afterwards so other commands keep the defaults. */
function processStopSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

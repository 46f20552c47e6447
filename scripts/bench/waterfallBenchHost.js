// The fake host's webview side for scripts/bench/benchWaterfall.ts: VS Code's `acquireVsCodeApi`, with
// messages to the host handed to the benchmark (a Playwright binding, so the "host" runs in Node, in
// another process, as the real extension host does). Also timestamps `findSpans` for the find figure.
(() => {
  let state = null;
  window.__bench = {
    findSentAt: 0,
    /** ms from running `action` until its effect is styled and laid out. */
    time: (action) => {
      const started = performance.now();
      action();
      document.body.getBoundingClientRect();
      document.querySelector('.tl-row')?.getBoundingClientRect();
      return performance.now() - started;
    },
  };
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => {
      if (message && message.type === 'findSpans') window.__bench.findSentAt = performance.now();
      window.__benchToHost(message);
    },
    getState: () => state,
    setState: (value) => {
      state = value;
    },
  });
})();

/**
 * The HTML shell of a Trace Lens webview. Pure string building (no `vscode` import) so the CSP can be
 * unit-tested. The page embeds no data: the script asks the host for it with a `ready` message.
 */
export interface WebviewHtmlInputs {
  /** `webview.cspSource`: the origin allowed to serve styles, fonts and images. */
  readonly cspSource: string;
  /** A fresh random nonce per page load; the only way a script may run. */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of the bundled script and the stylesheet. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Shown in the page title; escaped here. */
  readonly title: string;
}

/**
 * Strict CSP: nothing by default; scripts by nonce only; styles, fonts and images only from the extension's
 * own files; no eval, no inline styles from markup, no network (`connect-src` absent, so `default-src 'none'` applies).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildWebviewHtml(inputs: WebviewHtmlInputs): string {
  const csp = contentSecurityPolicy(inputs.cspSource, inputs.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(inputs.styleUri)}">
<title>${escapeHtml(inputs.title)}</title>
</head>
<body>
<div id="tl-root"></div>
<script nonce="${escapeHtml(inputs.nonce)}" src="${escapeHtml(inputs.scriptUri)}"></script>
</body>
</html>`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

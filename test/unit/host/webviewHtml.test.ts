import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy } from '../../../src/vscode/webviewHtml';

const inputs = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/waterfall.css',
  title: 'Trace <img src=x onerror=alert(1)>',
};

test('the CSP denies everything by default and allows scripts only by nonce', () => {
  const csp = contentSecurityPolicy(inputs.cspSource, inputs.nonce);
  const directives = new Map(csp.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), ["'nonce-abc123=='"]);
  assert.deepEqual(directives.get('style-src'), [inputs.cspSource]);
  assert.equal(directives.has('connect-src'), false, 'the webview never talks to the network');
  assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
});

test('the page carries no inline script or style, and escapes what it interpolates', () => {
  const html = buildWebviewHtml(inputs);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0] ?? '', /nonce="abc123=="/);
  assert.match(scripts[0] ?? '', /src="https:\/\/file\+\.vscode-resource/);
  assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script body');
  assert.doesNotMatch(html, /style="/, 'no inline style attribute');
  assert.doesNotMatch(html, /<img/, 'the title is escaped');
  assert.match(html, /Trace &lt;img src=x onerror=alert\(1\)&gt;/);
});

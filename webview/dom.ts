/**
 * Small DOM helpers. Everything derived from trace data goes through `textContent` (never innerHTML), and
 * styles only through CSS classes or single CSSOM properties, which the webview's strict CSP allows.
 */

/** Creates an element with optional classes and text (set as textContent, so it is never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Appends children, skipping `undefined` so optional parts can be written inline. */
export function append(parent: Element, ...children: (Node | undefined)[]): void {
  for (const child of children) if (child) parent.appendChild(child);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon shapes drawn in a 16×16 box; colors come from CSS (`currentColor`). */
const ICON_PATHS = {
  // A circle with a cross: errors.
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm2.8 8.7-1.1 1.1L8 9.1l-1.7 1.7-1.1-1.1L6.9 8 5.2 6.3l1.1-1.1L8 6.9l1.7-1.7 1.1 1.1L9.1 8z',
  // A triangle with an exclamation mark: warnings.
  warning: 'M8 1 .5 15h15zm-.8 4.5h1.6v5H7.2zm0 6.3h1.6v1.6H7.2z',
  // A chevron pointing right; CSS rotates it for expanded rows.
  chevron: 'M6 3.5 10.5 8 6 12.5 5 11.5 8.5 8 5 4.5z',
  // Angle brackets: the span maps to code (Go to Source).
  source: 'M5.3 11.6 1.7 8l3.6-3.6 1 1L3.7 8l2.6 2.6zm5.4 0-1-1L12.3 8 9.7 5.4l1-1L14.3 8z',
} as const;

export type IconName = keyof typeof ICON_PATHS;

/** An inline SVG icon, hidden from assistive technology: the text next to it carries the meaning. */
export function icon(name: IconName, className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `tl-icon ${className}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

/**
 * The backend kinds a user can choose (setting `traceLens.backend.kind`, CLI `--kind`), and which API each
 * choice means. `auto` probes the URL; the others skip the probe.
 */

export const BACKEND_KIND_CHOICES = ['auto', 'jaeger', 'jaeger-v3', 'zipkin', 'tempo'] as const;
export type BackendKindChoice = (typeof BACKEND_KIND_CHOICES)[number];

/** The API a choice names, or undefined for `auto` (probe). `jaeger` is the v1 API the Jaeger UI uses. */
export function apiOfChoice(choice: BackendKindChoice): 'jaeger-v1' | 'jaeger-v3' | 'zipkin' | 'tempo' | undefined {
  switch (choice) {
    case 'auto':
      return undefined;
    case 'jaeger':
      return 'jaeger-v1';
    default:
      return choice;
  }
}

export function isBackendKindChoice(value: unknown): value is BackendKindChoice {
  return (BACKEND_KIND_CHOICES as readonly unknown[]).includes(value);
}

/**
 * The backend's own web page for a trace, where there is one: Jaeger UI `/trace/<id>`, Zipkin UI
 * `/zipkin/traces/<id>`; none for Tempo. `baseUrl`: the backend's URL (its query service serves the UI too).
 */
export function traceWebUrl(baseUrl: string, api: 'jaeger-v1' | 'jaeger-v3' | 'zipkin' | 'tempo', traceId: string): string | undefined {
  const base = baseUrl.replace(/\/+$/, '');
  switch (api) {
    case 'jaeger-v1':
    case 'jaeger-v3':
      return `${base}/trace/${encodeURIComponent(traceId)}`;
    case 'zipkin':
      // Zipkin serves its UI under /zipkin; the configured URL may already end there.
      return `${base}${base.endsWith('/zipkin') ? '' : '/zipkin'}/traces/${encodeURIComponent(traceId)}`;
    case 'tempo':
      return undefined;
  }
}

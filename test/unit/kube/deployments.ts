/**
 * The trace backends as their installers lay them out in a cluster (namespaces, labels, Services, named
 * ports), reproduced in the fake API server. Each returns what discovery should find.
 */
import { addBackendPod, addService, type Harness } from './harness';

export interface Expected {
  readonly rule: string;
  readonly namespace: string;
  readonly service: string;
  readonly pod: string;
  readonly containerPort: number;
  readonly api: string;
  readonly apiBasePath: string;
}

export type Deployment = (h: Harness) => Promise<Expected>;

export const DEPLOYMENTS: Readonly<Record<string, Deployment>> = {
  'Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)': async (h) => {
    await addBackendPod(h, { namespace: 'kyma-system', name: 'tracing-jaeger-7d9f-abcde', labels: { app: 'jaeger' }, ports: [{ name: 'http-query', containerPort: 16686 }], servingPort: 16686, flavour: 'jaeger-v1' });
    addService(h, 'kyma-system', 'tracing-jaeger-query', { app: 'jaeger' }, [{ name: 'http-query', port: 16686, targetPort: 16686 }]);
    return { rule: 'kyma', namespace: 'kyma-system', service: 'tracing-jaeger-query', pod: 'tracing-jaeger-7d9f-abcde', containerPort: 16686, api: 'jaeger-v1', apiBasePath: '' };
  },
  "Istio's Jaeger addon (tracing:80 → 16686 under /jaeger; its zipkin service is skipped)": async (h) => {
    await addBackendPod(h, { namespace: 'istio-system', name: 'jaeger-5c8d-xyz12', labels: { app: 'jaeger' }, ports: [{ containerPort: 16686 }, { containerPort: 9411 }], servingPort: 16686, flavour: 'jaeger-v1', basePath: '/jaeger' });
    addService(h, 'istio-system', 'zipkin', { app: 'jaeger' }, [{ name: 'http-query', port: 9411, targetPort: 9411 }]);
    addService(h, 'istio-system', 'tracing', { app: 'jaeger' }, [{ name: 'http-query', port: 80, targetPort: 16686 }]);
    return { rule: 'istio-addon', namespace: 'istio-system', service: 'tracing', pod: 'jaeger-5c8d-xyz12', containerPort: 16686, api: 'jaeger-v1', apiBasePath: '/jaeger' };
  },
  'Jaeger Operator all-in-one (simplest-query:16686, component=all-in-one)': async (h) => {
    const labels = { app: 'jaeger', 'app.kubernetes.io/name': 'simplest', 'app.kubernetes.io/instance': 'simplest', 'app.kubernetes.io/component': 'all-in-one' };
    await addBackendPod(h, { namespace: 'observability', name: 'simplest-6f7b-q2w3e', labels, ports: [{ name: 'query', containerPort: 16686 }, { name: 'zipkin', containerPort: 9411 }], servingPort: 16686, flavour: 'jaeger-v1' });
    addService(h, 'observability', 'simplest-collector', labels, [{ name: 'http-zipkin', port: 9411, targetPort: 9411 }, { name: 'grpc-otlp', port: 4317 }]);
    addService(h, 'observability', 'simplest-query', labels, [{ name: 'http-query', port: 16686, targetPort: 16686 }], { 'app.kubernetes.io/component': 'service-query' });
    return { rule: 'jaeger-operator', namespace: 'observability', service: 'simplest-query', pod: 'simplest-6f7b-q2w3e', containerPort: 16686, api: 'jaeger-v1', apiBasePath: '' };
  },
  'Jaeger Helm chart 3.x (jaeger-query:80 → named port query)': async (h) => {
    const labels = { 'app.kubernetes.io/name': 'jaeger', 'app.kubernetes.io/instance': 'jaeger', 'app.kubernetes.io/component': 'query' };
    await addBackendPod(h, { namespace: 'tracing', name: 'jaeger-query-85b4-lkj98', labels, ports: [{ name: 'query', containerPort: 16686 }, { name: 'admin', containerPort: 16687 }], servingPort: 16686, flavour: 'jaeger-v1' });
    addService(h, 'tracing', 'jaeger-query', labels, [{ name: 'query', port: 80, targetPort: 'query' }, { name: 'admin', port: 16687, targetPort: 'admin' }], labels);
    return { rule: 'jaeger-helm', namespace: 'tracing', service: 'jaeger-query', pod: 'jaeger-query-85b4-lkj98', containerPort: 16686, api: 'jaeger-v1', apiBasePath: '' };
  },
  'Jaeger Helm chart ≥ 4.2 (one all-in-one service with every port)': async (h) => {
    const labels = { 'app.kubernetes.io/name': 'jaeger', 'app.kubernetes.io/instance': 'jaeger', 'app.kubernetes.io/component': 'all-in-one' };
    await addBackendPod(h, { namespace: 'tracing', name: 'jaeger-0', labels, ports: [{ name: 'http-query', containerPort: 16686 }, { name: 'otlp', containerPort: 4317 }, { name: 'zipkin', containerPort: 9411 }], servingPort: 16686, flavour: 'jaeger-v2' });
    addService(h, 'tracing', 'jaeger', labels, [{ name: 'zipkin', port: 9411, targetPort: 'zipkin' }, { name: 'otlp-grpc', port: 4317, targetPort: 'otlp' }, { name: 'http-query', port: 16686, targetPort: 'http-query' }], labels);
    return { rule: 'jaeger-helm', namespace: 'tracing', service: 'jaeger', pod: 'jaeger-0', containerPort: 16686, api: 'jaeger-v3', apiBasePath: '' };
  },
  'Jaeger v2 (16686 serving /api and /api/v3: v3 chosen)': async (h) => {
    await addBackendPod(h, { namespace: 'default', name: 'jaeger-v2-abc', labels: { app: 'jaeger-v2' }, ports: [{ containerPort: 16686 }], servingPort: 16686, flavour: 'jaeger-v2' });
    addService(h, 'default', 'traces', { app: 'jaeger-v2' }, [{ name: 'ui', port: 16686 }]);
    return { rule: 'jaeger', namespace: 'default', service: 'traces', pod: 'jaeger-v2-abc', containerPort: 16686, api: 'jaeger-v3', apiBasePath: '' };
  },
  'Grafana Tempo (app.kubernetes.io/name=tempo, HTTP on 3200)': async (h) => {
    const labels = { 'app.kubernetes.io/name': 'tempo', 'app.kubernetes.io/instance': 'tempo' };
    await addBackendPod(h, { namespace: 'tempo', name: 'tempo-0', labels, ports: [{ name: 'http', containerPort: 3200 }, { name: 'otlp-grpc', containerPort: 4317 }], servingPort: 3200, flavour: 'tempo' });
    addService(h, 'tempo', 'tempo', labels, [{ name: 'otlp-grpc', port: 4317 }, { name: 'http', port: 3200, targetPort: 'http' }], labels);
    return { rule: 'tempo', namespace: 'tempo', service: 'tempo', pod: 'tempo-0', containerPort: 3200, api: 'tempo', apiBasePath: '' };
  },
  'Grafana Tempo Helm chart (HTTP on 3100)': async (h) => {
    const labels = { 'app.kubernetes.io/name': 'tempo', 'app.kubernetes.io/instance': 'tempo' };
    await addBackendPod(h, { namespace: 'monitoring', name: 'tempo-0', labels, ports: [{ name: 'prom-metrics', containerPort: 3100 }], servingPort: 3100, flavour: 'tempo' });
    addService(h, 'monitoring', 'tempo', labels, [{ name: 'tempo-prom-metrics', port: 3100, targetPort: 3100 }, { name: 'tempo-otlp-http', port: 4318 }], labels);
    return { rule: 'tempo', namespace: 'monitoring', service: 'tempo', pod: 'tempo-0', containerPort: 3100, api: 'tempo', apiBasePath: '' };
  },
  'Zipkin (9411)': async (h) => {
    await addBackendPod(h, { namespace: 'default', name: 'zipkin-7b6c-p0o9i', labels: { app: 'zipkin' }, ports: [{ containerPort: 9411 }], servingPort: 9411, flavour: 'zipkin' });
    addService(h, 'default', 'zipkin', { app: 'zipkin' }, [{ name: 'http', port: 9411 }]);
    return { rule: 'zipkin', namespace: 'default', service: 'zipkin', pod: 'zipkin-7b6c-p0o9i', containerPort: 9411, api: 'zipkin', apiBasePath: '' };
  },
};

/**
 * Service names from Kubernetes manifests, for mapping Istio sidecar spans to workspace folders. A line
 * scanner rather than a YAML parser: it needs only `kind`, the top-level `metadata.name`, and `app` labels,
 * and must not choke on Helm templates (which are not valid YAML).
 */

const WORKLOAD_KINDS = new Set(['Deployment', 'Service', 'StatefulSet', 'DaemonSet', 'Rollout', 'Job', 'CronJob', 'DeploymentConfig']);
const APP_LABEL = /^\s*(?:app|app\.kubernetes\.io\/name|service\.istio\.io\/canonical-name):\s*["']?([-\w.]+)["']?\s*$/;

/** Each workload document's names (its `metadata.name` and `app` labels), deduplicated; empty for other YAML. */
export function serviceNamesInManifest(yamlText: string): string[][] {
  const groups: string[][] = [];
  for (const document of yamlText.split(/^---.*$/m)) {
    const lines = document.split(/\r?\n/);
    const kind = lines.map((line) => /^kind:\s*["']?(\w+)/.exec(line)?.[1]).find((found) => found !== undefined);
    if (kind === undefined || !WORKLOAD_KINDS.has(kind)) continue;
    const names = new Set<string>();
    const metadataAt = lines.findIndex((line) => /^metadata:\s*$/.test(line));
    for (let i = metadataAt + 1; metadataAt >= 0 && i < lines.length && /^\s+|^$/.test(lines[i] ?? ''); i++) {
      const name = /^ {2}name:\s*["']?([-\w.]+)["']?\s*$/.exec(lines[i] ?? '')?.[1];
      if (name !== undefined) names.add(name);
    }
    for (const line of lines) {
      const label = APP_LABEL.exec(line)?.[1];
      if (label !== undefined) names.add(label);
    }
    if (names.size > 0) groups.push([...names]);
  }
  return groups;
}

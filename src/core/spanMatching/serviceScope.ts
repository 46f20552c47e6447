import type { CompiledIndex, IndexedHandler } from './compiledIndex';
import type { MatchOptions, WorkspaceIndex } from './workspaceIndex';

/** Folders that hold deployment files rather than a service's code. */
const DEPLOYMENT_FOLDERS = new Set(['k8s', 'kube', 'kubernetes', 'manifests', 'deploy', 'deployment', 'deployments', 'helm', 'charts', 'templates', 'base', 'overlays']);

/**
 * The workspace folder that holds a service's code: the `serviceFolders` setting, else a folder named like
 * the service, else a folder named like any alias of it in a Kubernetes manifest (Deployment, Service,
 * `app` label), else the manifest's own folder minus deployment-only folders. Undefined when unknown.
 */
export function serviceFolderOf(service: string, index: WorkspaceIndex, compiled: CompiledIndex, options: MatchOptions): { folder: string; how: string } | undefined {
  const configured = options.serviceFolders?.[service];
  if (configured !== undefined) return { folder: configured.replace(/\/+$/, ''), how: 'setting traceLens.source.serviceFolders' };
  const byName = shallowest(compiled.foldersByName.get(service));
  if (byName !== undefined) return { folder: byName, how: `folder named ${service}` };
  for (const group of index.serviceAliases) {
    if (!group.names.includes(service)) continue;
    for (const alias of group.names) {
      const folder = shallowest(compiled.foldersByName.get(alias));
      if (folder !== undefined) return { folder, how: `Kubernetes manifest names ${service} and ${alias}` };
    }
    const segments = group.manifestFolder.split('/').filter((segment) => segment.length > 0);
    while (segments.length > 0 && DEPLOYMENT_FOLDERS.has(segments[segments.length - 1] ?? '')) segments.pop();
    if (segments.length > 0) return { folder: segments.join('/'), how: `Kubernetes manifest in ${group.manifestFolder}` };
  }
  return undefined;
}

function shallowest(folders: readonly string[] | undefined): string | undefined {
  if (!folders || folders.length === 0) return undefined;
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

/** Keeps the candidates inside `folder` when there are any; otherwise all of them. */
export function withinFolder(candidates: readonly IndexedHandler[], folder: string | undefined): { kept: readonly IndexedHandler[]; scoped: boolean } {
  if (folder === undefined) return { kept: candidates, scoped: false };
  const prefix = folder === '' ? '' : `${folder}/`;
  const inside = candidates.filter((candidate) => candidate.file.startsWith(prefix));
  return inside.length > 0 ? { kept: inside, scoped: true } : { kept: candidates, scoped: false };
}

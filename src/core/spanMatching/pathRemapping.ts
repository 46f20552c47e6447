import type { MatchOptions } from './workspaceIndex';

/**
 * Resolves a `code.file.path` reported from inside a container or another machine to a workspace file:
 * first the configured prefix mappings, then the exact path, then the workspace file sharing the longest
 * run of trailing path segments (at least the file name). Ties are returned together as ambiguous.
 */
export function resolveReportedPath(reported: string, filesByName: ReadonlyMap<string, readonly string[]>, options: MatchOptions): { files: string[]; how: string } {
  const normalized = reported.replace(/\\/g, '/');
  const known = (path: string) => (filesByName.get(baseName(path)) ?? []).includes(path);
  for (const mapping of options.pathMappings ?? []) {
    const from = mapping.from.replace(/\\/g, '/');
    if (!normalized.startsWith(from)) continue;
    const mapped = `${mapping.to.replace(/\/+$/, '')}/${normalized.slice(from.length).replace(/^\/+/, '')}`.replace(/^\/+/, '');
    if (known(mapped)) return { files: [mapped], how: `path mapping ${mapping.from} → ${mapping.to}` };
  }
  const relative = normalized.replace(/^\/+/, '');
  if (known(relative)) return { files: [relative], how: 'same path' };
  const reportedSegments = relative.split('/');
  let best: string[] = [];
  let bestShared = 0;
  for (const candidate of filesByName.get(baseName(relative)) ?? []) {
    const shared = sharedTrailingSegments(reportedSegments, candidate.split('/'));
    if (shared > bestShared) {
      best = [candidate];
      bestShared = shared;
    } else if (shared === bestShared) {
      best.push(candidate);
    }
  }
  return { files: best, how: `path suffix match (${bestShared} segment${bestShared === 1 ? '' : 's'})` };
}

function sharedTrailingSegments(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[a.length - 1 - shared] === b[b.length - 1 - shared]) shared++;
  return shared;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

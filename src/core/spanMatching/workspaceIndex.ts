import type { FileIndex } from '../source/handlerTypes';

/**
 * Everything known about a workspace's source, as the indexer hands it to matching. Immutable: the
 * indexer builds a new one after each change, so a compiled form can be cached per object.
 */
export interface WorkspaceIndex {
  /** Every source file (with or without handlers), workspace-relative `/` paths. */
  readonly files: readonly FileIndex[];
  /**
   * Names a service is known by, from Kubernetes manifests in the workspace: each group holds a
   * Deployment's or Service's name and its `app` labels, and the folder of the manifest (workspace-relative).
   */
  readonly serviceAliases: readonly ServiceAliasGroup[];
}

export interface ServiceAliasGroup {
  readonly names: readonly string[];
  readonly manifestFolder: string;
}

/** Settings that steer matching. */
export interface MatchOptions {
  /**
   * Container path prefix → workspace path prefix (`/app/` → `services/api/`), tried before suffix matching.
   * Workspace paths are relative with `/` separators.
   */
  readonly pathMappings?: readonly { readonly from: string; readonly to: string }[];
  /** Service name → workspace folder (relative), for services whose folder name differs. */
  readonly serviceFolders?: Readonly<Record<string, string>>;
}

/** A place in a workspace file. Lines and columns are 1-based here (the one conversion is in `locationOf`). */
export interface SourceLocation {
  readonly file: string;
  readonly line1: number;
  readonly column1: number;
}

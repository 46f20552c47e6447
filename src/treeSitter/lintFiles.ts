import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_FILE_NAMES, projectFactsFrom, type ProjectFile } from '../core/lint/projectFacts';
import type { ProjectFacts } from '../core/lint/lintPackage';
import { languageOfPath } from '../core/sourceLanguage';

/**
 * Node-side file discovery for the propagation lint: which source files to lint, how they group into
 * packages (the nearest folder with a project file), and the project facts of each package.
 */

const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'target', 'vendor', 'venv', '.venv', '__pycache__', '.next', 'coverage']);
const PACKAGE_MARKERS: readonly string[] = ['package.json', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Gemfile'];

/** Every lintable source file under `paths` (files or folders), absolute, sorted. */
export function findSourceFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (entry: string): void => {
    let stats;
    try {
      stats = statSync(entry);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) if (!SKIPPED_DIRECTORIES.has(child)) visit(path.join(entry, child));
    } else if (languageOfPath(entry) !== undefined) {
      found.push(entry);
    }
  };
  for (const entry of paths) visit(path.resolve(entry));
  return [...new Set(found)].sort();
}

/** The package folder of a file: the nearest ancestor (up to `stopDir`) holding a project file. */
export function packageDirOf(file: string, stopDir: string, exists: (file: string) => boolean = fileExists): string {
  let dir = path.dirname(file);
  for (;;) {
    if (PACKAGE_MARKERS.some((marker) => exists(path.join(dir, marker)))) return dir;
    const parent = path.dirname(dir);
    if (dir === stopDir || parent === dir || !parent.startsWith(stopDir)) return stopDir;
    dir = parent;
  }
}

/** Groups files by package folder. */
export function groupByPackage(files: readonly string[], stopDir: string): Map<string, string[]> {
  const cache = new Map<string, boolean>();
  const exists = (file: string): boolean => {
    let known = cache.get(file);
    if (known === undefined) cache.set(file, (known = fileExists(file)));
    return known;
  };
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const dir = packageDirOf(file, stopDir, exists);
    const list = packages.get(dir);
    if (list) list.push(file);
    else packages.set(dir, [file]);
  }
  return packages;
}

/** Project facts from the package folder and its ancestors up to `stopDir` (a Dockerfile often sits higher). */
export function readProjectFacts(packageDir: string, stopDir: string): ProjectFacts {
  const files: ProjectFile[] = [];
  let dir = packageDir;
  for (;;) {
    for (const name of PROJECT_FILE_NAMES) {
      const text = readText(path.join(dir, name));
      if (text !== undefined) files.push({ name, text });
    }
    const parent = path.dirname(dir);
    if (dir === stopDir || parent === dir || !parent.startsWith(stopDir)) break;
    dir = parent;
  }
  return projectFactsFrom(files);
}

function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

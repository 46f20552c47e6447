import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The corpus of realistic services and the findings its `expect-lint: RULE` comments call for. */
export const CORPUS_DIR = join('test', 'fixtures', 'lintCorpus');

/** `path:line:rule` (path relative to the repo root, `/` separators, line 1-based), sorted. */
export function expectedCorpusFindings(root: string = CORPUS_DIR): string[] {
  const expected: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        visit(file);
        continue;
      }
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const marker = /expect-lint: ([a-z-]+)/.exec(line);
          if (marker && !file.endsWith('README.md')) expected.push(`${relative('.', file).split(sep).join('/')}:${index + 1}:${marker[1]}`);
        });
    }
  };
  visit(root);
  return expected.sort();
}

import type { InstrumentationFact } from './languageRules';
import type { ProjectFacts } from './lintPackage';

/**
 * Reads what a project's setup switches on from its build and deploy files: OpenTelemetry
 * auto-instrumentation in package.json scripts or a Dockerfile (`--require …/register`, `NODE_OPTIONS`),
 * `opentelemetry-instrument` in a Dockerfile or Procfile, the Java agent, Spring Boot tracing, the Ruby
 * instrumentation gems, and whether the OpenTelemetry API is a dependency (for the inject quick fix).
 */

/** One project file by its base name (`package.json`, `Dockerfile`, `requirements.txt`, …) and text. */
export interface ProjectFile {
  readonly name: string;
  readonly text: string;
}

/** The base names `projectFactsFrom` reads; the Node side reads only these. */
export const PROJECT_FILE_NAMES: readonly string[] = [
  'package.json',
  'Dockerfile',
  'Containerfile',
  'Procfile',
  'requirements.txt',
  'pyproject.toml',
  'Pipfile',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
];

export function projectFactsFrom(files: readonly ProjectFile[]): ProjectFacts {
  const instrumentation = new Set<InstrumentationFact>();
  let dependsOnOtelApi = false;
  for (const { name, text } of files) {
    if (name === 'package.json') {
      const manifest = parsePackageJson(text);
      const scripts = Object.values(manifest.scripts).join('\n');
      if (startsNodeInstrumentation(scripts)) instrumentation.add('node-http');
      if (manifest.dependencies.has('@opentelemetry/api')) dependsOnOtelApi = true;
    } else if (name === 'Dockerfile' || name === 'Containerfile' || name.startsWith('Dockerfile.')) {
      if (startsNodeInstrumentation(text)) instrumentation.add('node-http');
      if (text.includes('opentelemetry-instrument')) instrumentation.add('python-all');
      if (startsJavaAgent(text)) instrumentation.add('java-agent');
    } else if (name === 'Procfile') {
      if (text.includes('opentelemetry-instrument')) instrumentation.add('python-all');
      if (startsJavaAgent(text)) instrumentation.add('java-agent');
    } else if (name === 'requirements.txt' || name === 'pyproject.toml' || name === 'Pipfile') {
      if (text.includes('opentelemetry-api')) dependsOnOtelApi = true;
    } else if (name === 'go.mod') {
      if (text.includes('go.opentelemetry.io/otel ')) dependsOnOtelApi = true;
    } else if (name === 'pom.xml' || name.startsWith('build.gradle')) {
      if (text.includes('micrometer-tracing-bridge-otel') || text.includes('micrometer-tracing-bridge-brave') || text.includes('spring-cloud-starter-sleuth')) instrumentation.add('java-spring-tracing');
      if (text.includes('io.opentelemetry')) dependsOnOtelApi = true;
    } else if (name === 'Gemfile') {
      if (text.includes('opentelemetry-instrumentation')) instrumentation.add('ruby-otel');
      if (text.includes('opentelemetry-api') || text.includes('opentelemetry-sdk')) dependsOnOtelApi = true;
    }
  }
  return { instrumentation, dependsOnOtelApi };
}

/** `--require @opentelemetry/auto-instrumentations-node/register`, or NODE_OPTIONS naming OpenTelemetry. */
function startsNodeInstrumentation(text: string): boolean {
  if (text.includes('auto-instrumentations-node/register')) return true;
  return text.includes('NODE_OPTIONS') && text.includes('@opentelemetry/');
}

function startsJavaAgent(text: string): boolean {
  return text.includes('-javaagent:') && text.includes('opentelemetry');
}

interface PackageManifest {
  readonly scripts: Record<string, string>;
  readonly dependencies: ReadonlySet<string>;
}

function parsePackageJson(text: string): PackageManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { scripts: {}, dependencies: new Set() };
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const scripts: Record<string, string> = {};
  const rawScripts = record['scripts'];
  if (typeof rawScripts === 'object' && rawScripts !== null) {
    for (const [key, value] of Object.entries(rawScripts)) if (typeof value === 'string') scripts[key] = value;
  }
  const dependencies = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = record[field];
    if (typeof deps === 'object' && deps !== null) for (const key of Object.keys(deps)) dependencies.add(key);
  }
  return { scripts, dependencies };
}

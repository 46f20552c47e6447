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
      if (startsNodeInstrumentation(scripts)) for (const fact of NODE_AUTO_INSTRUMENTATION) instrumentation.add(fact);
      if (manifest.dependencies.has('@opentelemetry/api')) dependsOnOtelApi = true;
    } else if (name === 'Dockerfile' || name === 'Containerfile' || name.startsWith('Dockerfile.')) {
      if (startsNodeInstrumentation(text)) for (const fact of NODE_AUTO_INSTRUMENTATION) instrumentation.add(fact);
      if (text.includes('opentelemetry-instrument')) instrumentation.add('python-all');
      if (startsJavaAgent(text)) instrumentation.add('java-agent');
    } else if (name === 'Procfile') {
      if (text.includes('opentelemetry-instrument')) instrumentation.add('python-all');
      if (startsJavaAgent(text)) instrumentation.add('java-agent');
    } else if (name === 'requirements.txt' || name === 'pyproject.toml' || name === 'Pipfile') {
      if (text.includes('opentelemetry-api')) dependsOnOtelApi = true;
    } else if (name === 'go.mod') {
      if (goModRequires(text).has('go.opentelemetry.io/otel')) dependsOnOtelApi = true;
    } else if (name === 'pom.xml' || name.startsWith('build.gradle')) {
      if (text.includes('micrometer-tracing-bridge-otel') || text.includes('micrometer-tracing-bridge-brave') || text.includes('spring-cloud-starter-sleuth')) instrumentation.add('java-spring-tracing');
      const artifacts = name === 'pom.xml' ? pomDependencies(text) : gradleDependencies(text);
      if (artifacts.some((artifact) => JAVA_OTEL_API_ARTIFACTS.has(artifact))) dependsOnOtelApi = true;
    } else if (name === 'Gemfile') {
      const gems = gemfileGems(text);
      if ([...gems].some((gem) => gem.startsWith('opentelemetry-instrumentation'))) instrumentation.add('ruby-otel');
      if (gems.has('opentelemetry-api') || gems.has('opentelemetry-sdk')) dependsOnOtelApi = true;
    }
  }
  return { instrumentation, dependsOnOtelApi };
}

/**
 * Java artifacts that put `io.opentelemetry.api` on the compile classpath: the API, or a library that
 * depends on it at compile scope. A BOM or the agent jar alone does not.
 */
const JAVA_OTEL_API_ARTIFACTS: ReadonlySet<string> = new Set([
  'io.opentelemetry:opentelemetry-api',
  'io.opentelemetry:opentelemetry-sdk',
  'io.opentelemetry:opentelemetry-sdk-extension-autoconfigure',
  'io.opentelemetry.instrumentation:opentelemetry-spring-boot-starter',
  'io.opentelemetry.instrumentation:opentelemetry-instrumentation-annotations',
]);

/** The module paths a go.mod requires, in `require x v1` lines and `require ( … )` blocks. */
function goModRequires(text: string): Set<string> {
  const modules = new Set<string>();
  let inBlock = false;
  for (const line of text.split('\n')) {
    const words = wordsOf(beforeComment(line, '//'));
    if (inBlock) {
      if (words[0] === ')') inBlock = false;
      else if (words[0] !== undefined) modules.add(words[0]);
    } else if (words[0] === 'require') {
      if (words[1] === '(') inBlock = true;
      else if (words[1] !== undefined) modules.add(words[1]);
    }
  }
  return modules;
}

/** `group:artifact` of each pom.xml dependency outside `<dependencyManagement>` and not test-scoped. */
function pomDependencies(text: string): string[] {
  const xml = withoutXmlComments(text);
  const managementStart = xml.indexOf('<dependencyManagement>');
  const managementEnd = xml.indexOf('</dependencyManagement>');
  const artifacts: string[] = [];
  for (let start = xml.indexOf('<dependency>'); start >= 0; start = xml.indexOf('<dependency>', start + 1)) {
    const end = xml.indexOf('</dependency>', start);
    if (end < 0) break;
    if (managementStart >= 0 && start > managementStart && start < managementEnd) continue;
    const block = xml.slice(start, end);
    if (elementText(block, 'scope') === 'test') continue;
    artifacts.push(`${elementText(block, 'groupId') ?? ''}:${elementText(block, 'artifactId') ?? ''}`);
  }
  return artifacts;
}

/** `group:artifact` of Gradle's string-notation dependencies, leaving out platforms (BOMs) and test configurations. */
function gradleDependencies(text: string): string[] {
  const artifacts: string[] = [];
  for (const line of text.split('\n')) {
    const code = beforeComment(line, '//').trim();
    if (code.startsWith('test') || code.includes('platform(')) continue;
    for (const quote of ["'", '"']) {
      const open = code.indexOf(quote);
      const close = open >= 0 ? code.indexOf(quote, open + 1) : -1;
      if (close < 0) continue;
      const [group, artifact] = code.slice(open + 1, close).split(':');
      if (group !== undefined && artifact !== undefined) artifacts.push(`${group}:${artifact}`);
    }
  }
  return artifacts;
}

/** The gem names a Gemfile declares (`gem 'name', …`), commented-out lines left out. */
function gemfileGems(text: string): Set<string> {
  const gems = new Set<string>();
  for (const line of text.split('\n')) {
    const code = beforeComment(line, '#').trim();
    if (!code.startsWith('gem ') && !code.startsWith('gem(')) continue;
    const rest = code.slice(4).trim();
    const quote = rest[0];
    if (quote !== "'" && quote !== '"') continue;
    const close = rest.indexOf(quote, 1);
    if (close > 0) gems.add(rest.slice(1, close));
  }
  return gems;
}

function beforeComment(line: string, marker: string): string {
  const at = line.indexOf(marker);
  return at < 0 ? line : line.slice(0, at);
}

function wordsOf(line: string): string[] {
  return line.replaceAll('\t', ' ').split(' ').filter((word) => word !== '');
}

function withoutXmlComments(xml: string): string {
  let result = '';
  let from = 0;
  for (let open = xml.indexOf('<!--'); open >= 0; open = xml.indexOf('<!--', from)) {
    result += xml.slice(from, open);
    const close = xml.indexOf('-->', open);
    from = close < 0 ? xml.length : close + 3;
  }
  return result + xml.slice(from);
}

/** The trimmed text of the first `<name>…</name>` in `xml`. */
function elementText(xml: string, name: string): string | undefined {
  const open = xml.indexOf(`<${name}>`);
  const close = open >= 0 ? xml.indexOf(`</${name}>`, open) : -1;
  return close < 0 ? undefined : xml.slice(open + name.length + 2, close).trim();
}

/** What Node's auto-instrumentation bundle covers: the HTTP clients (http, undici/fetch) and grpc-js. */
const NODE_AUTO_INSTRUMENTATION: readonly InstrumentationFact[] = ['node-http', 'node-grpc'];

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

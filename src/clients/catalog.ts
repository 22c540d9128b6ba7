/**
 * Every client the action configures, as data: its service, the CodeArtifact format whose endpoint
 * it uses, the executables that show it is installed, whether the action runs it itself, the inputs
 * it honours, and its module — loaded only when a run names the client. Adding a client is one
 * module, one entry here, and its tests.
 */
import type { PackageClient, RegistryClient } from './context.js'

/** CodeArtifact's package formats, as GetRepositoryEndpoint names them. */
export type Format = 'npm' | 'pypi' | 'maven' | 'nuget' | 'swift' | 'ruby' | 'cargo' | 'generic'

/** Inputs that only some CodeArtifact clients honour. */
export type ClientOption = 'npm-scope' | 'pip-index' | 'registry-name' | 'public-registry'

interface Common {
  /** Names on PATH that show the client is installed (the first that exists counts); none: nothing to install. */
  executables: readonly string[]
  /**
   * Whether the action runs the client's own CLI (on every platform, or on those listed): then a
   * missing one is an error. Otherwise the client is configured through files or environment,
   * installed or not (a later step may install it).
   */
  runs: boolean | readonly NodeJS.Platform[]
  /** Whether later steps need the variables the client exports (so `export-env: false` cannot work). */
  exports: boolean
  /** User config files the client changes (by name), which the post step may put back. */
  files?: readonly string[]
}

export interface RegistryEntry extends Common {
  service: 'ecr'
  load: () => Promise<RegistryClient>
}

export interface PackageEntry extends Common {
  service: 'codeartifact'
  format: Format
  options: readonly ClientOption[]
  load: () => Promise<PackageClient>
}

export type Entry = RegistryEntry | PackageEntry

const containers = async () => (await import('./containers.js')).containers
const nuget = async () => (await import('./nuget.js')).nuget

export const CATALOG = {
  // docker runs only where a credential helper applies to a host (docker.ts says so then).
  docker: { service: 'ecr', executables: ['docker'], runs: false, exports: false, files: ['config.json'], load: async () => (await import('./docker.js')).docker },
  podman: { service: 'ecr', executables: ['podman'], runs: false, exports: true, load: containers },
  buildah: { service: 'ecr', executables: ['buildah'], runs: false, exports: true, load: containers },
  skopeo: { service: 'ecr', executables: ['skopeo'], runs: false, exports: true, load: containers },
  helm: { service: 'ecr', executables: ['helm'], runs: false, exports: true, load: async () => (await import('./helm.js')).helm },
  npm: { service: 'codeartifact', format: 'npm', executables: ['npm'], runs: false, exports: true, options: ['npm-scope'], load: async () => (await import('./npm.js')).npm },
  // pnpm reads the same npmrc.
  pnpm: { service: 'codeartifact', format: 'npm', executables: ['pnpm'], runs: false, exports: true, options: ['npm-scope'], load: async () => (await import('./npm.js')).npm },
  yarn: { service: 'codeartifact', format: 'npm', executables: ['yarn'], runs: false, exports: true, files: ['.yarnrc.yml'], options: ['npm-scope'], load: async () => (await import('./yarn.js')).yarn },
  pip: { service: 'codeartifact', format: 'pypi', executables: ['pip', 'pip3'], runs: false, exports: true, options: ['pip-index'], load: async () => (await import('./pip.js')).pip },
  uv: { service: 'codeartifact', format: 'pypi', executables: ['uv'], runs: false, exports: true, options: ['pip-index', 'registry-name'], load: async () => (await import('./uv.js')).uv },
  poetry: { service: 'codeartifact', format: 'pypi', executables: ['poetry'], runs: false, exports: true, options: ['registry-name'], load: async () => (await import('./poetry.js')).poetry },
  twine: { service: 'codeartifact', format: 'pypi', executables: ['twine'], runs: false, exports: true, options: [], load: async () => (await import('./twine.js')).twine },
  maven: { service: 'codeartifact', format: 'maven', executables: ['mvn'], runs: false, exports: true, files: ['settings.xml'], options: ['registry-name', 'public-registry'], load: async () => (await import('./maven.js')).maven },
  gradle: { service: 'codeartifact', format: 'maven', executables: ['gradle'], runs: false, exports: true, files: ['registry-auth.gradle'], options: ['registry-name', 'public-registry'], load: async () => (await import('./gradle.js')).gradle },
  cargo: { service: 'codeartifact', format: 'cargo', executables: ['cargo'], runs: false, exports: true, files: ['config.toml'], options: ['registry-name', 'public-registry'], load: async () => (await import('./cargo.js')).cargo },
  bundler: { service: 'codeartifact', format: 'ruby', executables: ['bundle', 'bundler'], runs: false, exports: true, options: ['public-registry'], load: async () => (await import('./bundler.js')).bundler },
  gem: { service: 'codeartifact', format: 'ruby', executables: ['gem'], runs: false, exports: true, options: ['public-registry'], load: async () => (await import('./gem.js')).gem },
  // nuget and dotnet read the same NuGet.Config: one module for both.
  nuget: { service: 'codeartifact', format: 'nuget', executables: ['nuget'], runs: false, exports: true, files: ['NuGet.Config'], options: ['registry-name', 'public-registry'], load: nuget },
  dotnet: { service: 'codeartifact', format: 'nuget', executables: ['dotnet'], runs: false, exports: true, files: ['NuGet.Config'], options: ['registry-name', 'public-registry'], load: nuget },
  // On macOS only swift package-registry login can put the token in the keychain.
  swift: { service: 'codeartifact', format: 'swift', executables: ['swift'], runs: ['darwin'], exports: false, files: ['registries.json', '.netrc'], options: [], load: async () => (await import('./swift.js')).swift },
  generic: { service: 'codeartifact', format: 'generic', executables: [], runs: false, exports: false, options: [], load: async () => (await import('./generic.js')).generic },
} as const satisfies Record<string, Entry>

export type Tool = keyof typeof CATALOG
export type RegistryTool = { [T in Tool]: (typeof CATALOG)[T]['service'] extends 'ecr' ? T : never }[Tool]
export type PackageTool = Exclude<Tool, RegistryTool>

export const entryOf = (tool: Tool): Entry => CATALOG[tool]

/** The tools of a service, in catalog order. */
export function toolsOf(service: 'ecr' | 'codeartifact'): Tool[] {
  return (Object.keys(CATALOG) as Tool[]).filter((tool) => CATALOG[tool].service === service)
}

/** Whether the action runs the client's own CLI on `platform`. */
export const runsOn = (entry: Entry, platform: NodeJS.Platform = process.platform): boolean =>
  (typeof entry.runs === 'boolean' ? entry.runs : entry.runs.includes(platform))

export const isTool = (name: string): name is Tool => Object.hasOwn(CATALOG, name)

/** The tools of `tools` that honour `option`. */
export const honouring = (tools: readonly Tool[], option: ClientOption): Tool[] =>
  tools.filter((tool) => {
    const entry = entryOf(tool)
    return entry.service === 'codeartifact' && entry.options.includes(option)
  })

/** Every user config file some client changes (by name): the only files the post step puts back. */
export const USER_FILES: readonly string[] = [...new Set(Object.values(CATALOG).flatMap((entry: Entry) => entry.files ?? []))]

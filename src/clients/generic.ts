/**
 * generic: CodeArtifact's generic format has no client to configure; `tools: generic` asks for its
 * repository endpoint in the `endpoints` output (for `aws codeartifact publish-package-version`,
 * curl and the like, with the `token` output).
 */
import type { PackageClient } from './context.js'

export const generic: PackageClient = { configure: async () => ({}) }

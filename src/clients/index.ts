/** The CodeArtifact clients by tool name. Adding a client: one module and one line here. */
import type { PackageClient } from './context.js'
import { npm } from './npm.js'
import { yarn } from './yarn.js'
import { pip } from './pip.js'
import { uv } from './uv.js'
import { poetry } from './poetry.js'
import { twine } from './twine.js'

export const PACKAGE_CLIENTS: Record<string, PackageClient> = {
  npm,
  pnpm: npm, // pnpm reads the same npmrc
  yarn,
  pip,
  uv,
  poetry,
  twine,
}

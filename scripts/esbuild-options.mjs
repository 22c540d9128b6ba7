// esbuild options shared by scripts/bundle.mjs (dist/) and scripts/bench.mjs (its SDK-alone program is
// bundled exactly like dist/).
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))

/** For ES module output: some bundled CommonJS modules call require() for Node built-ins. */
export const esmBanner = { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" }

/** @actions/core imports @actions/http-client (undici) only for OIDC tokens, which are never used here. */
/** @type {import('esbuild').Plugin} */
const withoutHttpClient = {
  name: 'without-http-client',
  setup(builder) {
    builder.onResolve({ filter: /^@actions\/http-client(\/.*)?$/ }, () => ({ path: join(root, 'src/stubs/http-client.ts') }))
  },
}

/**
 * The post step loads Node built-ins with require() only, also where the sources import() them lazily:
 * a CommonJS file that calls import() starts Node's ES module loader (about 8 ms here).
 * @type {import('esbuild').Plugin}
 */
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, ({ path, namespace }) => {
      if (!isBuiltin(path)) return undefined
      // The stand-in's own require() is the real built-in.
      if (namespace === 'node-builtin') return { path, external: true }
      return { path, namespace: 'node-builtin', sideEffects: false }
    })
    builder.onLoad({ filter: /.*/, namespace: 'node-builtin' }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)})`,
      loader: 'js',
    }))
  },
}

/** @type {import('esbuild').BuildOptions} */
export const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  // The ES module builds of the AWS SDK tree-shake to the one command used and need no CommonJS wrappers.
  mainFields: ['module', 'main'],
  // Only the SDK's browser user-agent code imports bowser; it never runs in Node.
  external: ['bowser'],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [withoutHttpClient],
}

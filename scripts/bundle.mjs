// Builds dist/ with esbuild: the main step as ES modules (dist/main.js and shared chunks), so a run
// loads only the AWS SDK client it needs, and the post step as one CommonJS file without the SDK.
// Measured against ncc on the same sources: 4.05 MB → about 0.6 MB, and a faster start of every
// step (see BENCHMARKS.md). dist/ is replaced only when the build succeeds.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const next = join(root, '.dist-next')
rmSync(next, { recursive: true, force: true })

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
const builtinsByRequire = {
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
const shared = {
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

// main: ESM with shared chunks, so each run loads only the SDK client it needs.
const result = await build({
  ...shared,
  entryPoints: { main: 'src/entry/main.ts' },
  outdir: next,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS modules call require() for Node built-ins.
  banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
})
// post: one small CommonJS file (no SDK): it starts without Node's ES module loader, about 9 ms sooner.
const post = await build({
  ...shared,
  entryPoints: ['src/entry/post.ts'],
  outfile: join(next, 'post.cjs'),
  format: 'cjs',
  plugins: [...shared.plugins ?? [], builtinsByRequire],
})
const inputs = { ...result.metafile?.inputs, ...post.metafile?.inputs }

writeFileSync(join(next, 'licenses.txt'), licenses(inputs))
rmSync(join(root, 'dist'), { recursive: true, force: true })
renameSync(next, join(root, 'dist'))

/** Every third-party package in the bundle with its license; each distinct license text once. */
/** @param {import('esbuild').Metafile['inputs']} inputs */
function licenses(inputs) {
  /** @type {Map<string, string[]>} */
  const byText = new Map()
  const seen = new Set()
  for (const input of Object.keys(inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
    const dir = match?.[1]
    if (!dir || seen.has(dir)) continue
    seen.add(dir)
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
    const text = licenseText(join(root, dir)) || `${manifest.license ?? 'see the package'}`
    byText.set(text, [...(byText.get(text) ?? []), `${manifest.name}@${manifest.version} (${manifest.license ?? 'unknown'})`])
  }
  return [...byText.entries()]
    .map(([text, names]) => `${names.sort().join('\n')}\n\n${text}`)
    .sort()
    .join('\n\n---\n\n') + '\n'
}

/** @param {string} dir */
function licenseText(dir) {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE']) {
    try {
      return readFileSync(join(dir, name), 'utf8').trim()
    } catch {
      // try the next name
    }
  }
  return ''
}

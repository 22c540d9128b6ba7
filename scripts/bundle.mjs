// Builds dist/ with esbuild: the main step as ES modules (dist/main.js and shared chunks), so a run
// loads only the AWS SDK client it needs, and the post step as one CommonJS file without the SDK.
// Measured against ncc on the same sources: 4.05 MB → about 0.6 MB, and a faster start of every
// step (see BENCHMARKS.md). dist/ is replaced only when the build succeeds.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { builtinsByRequire, esmBanner, root, shared } from './esbuild-options.mjs'

const next = join(root, '.dist-next')

/**
 * Post-step modules only some post steps need (a parser): every `src/<format>-entries.ts` is an entry
 * of the main build, `dist/<format>-entries.js`, sharing its chunks (the parser the main step's client
 * uses too), and the post step import()s it on demand.
 */
const ON_DEMAND = readdirSync(join(root, 'src')).filter((name) => name.endsWith('-entries.ts')).map((name) => name.replace(/\.ts$/, ''))

/** @type {import('esbuild').Plugin} */
const onDemand = {
  name: 'on-demand',
  setup(builder) {
    const filter = new RegExp(`^\\./(${ON_DEMAND.join('|')})\\.js$`)
    builder.onResolve({ filter }, ({ path }) => ({ path, external: true }))
    // The post step reads the catalog's data only; the client modules it names are for the main step.
    builder.onResolve({ filter: /.*/ }, ({ path, importer, kind }) =>
      (kind === 'dynamic-import' && importer.endsWith(join('clients', 'catalog.ts')) ? { path, external: true } : undefined))
  },
}
rmSync(next, { recursive: true, force: true })

// main: ESM with shared chunks, so each run loads only the SDK client it needs.
const result = await build({
  ...shared,
  entryPoints: { main: 'src/entry/main.ts', ...Object.fromEntries(ON_DEMAND.map((name) => [name, `src/${name}.ts`])) },
  outdir: next,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  banner: esmBanner,
})
// post: one small CommonJS file (no SDK): it starts without Node's ES module loader, about 9 ms sooner.
// What only some post steps need (the YAML, TOML and XML parsers, the netrc editor) it imports on demand.
const post = await build({
  ...shared,
  entryPoints: ['src/entry/post.ts'],
  outfile: join(next, 'post.cjs'),
  format: 'cjs',
  plugins: [...shared.plugins ?? [], builtinsByRequire, onDemand],
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

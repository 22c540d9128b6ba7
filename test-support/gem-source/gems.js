// @ts-check
/**
 * Gems for the test gem source, made and read by the real RubyGems (Debian `ruby`): `gem build` of
 * a generated gemspec, and a Ruby one-off that reads a `.gem` and prints what the source serves about
 * it (the dependency-API record, the compact-index line, the Marshal.4.8 gemspec). Both run
 * asynchronously: the source answers from this very process.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * @typedef {{ name: string, version: string, dependencies?: Record<string, string> }} GemSpec
 * @typedef {{ name: string, version: string, platform: string, dependencies: [string, string[]][],
 *   ruby: string[], rubygems: string[], sha256: string, specRz: Buffer, data: Buffer }} GemInfo
 */

// Reads a .gem from stdin; prints JSON. `as_list` gives a requirement as ["~> 1.0", ">= 1.0.2"].
const INSPECT = `
require "json"; require "rubygems/package"; require "stringio"
spec = Gem::Package.new(StringIO.new(STDIN.binmode.read)).spec
print JSON.generate(name: spec.name, version: spec.version.to_s, platform: spec.platform.to_s,
  dependencies: spec.runtime_dependencies.map { |d| [d.name, d.requirement.as_list] },
  ruby: spec.required_ruby_version.as_list, rubygems: spec.required_rubygems_version.as_list,
  specRz: [Gem.deflate(Marshal.dump(spec))].pack("m0"))
`

/** An environment with nothing of this machine's RubyGems or Bundler configuration in it. */
export function rubyEnv(home = tmpdir()) {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: home, GEMRC: '/dev/null' }
}

/**
 * The `--version` line of a Ruby client, or an error naming the Debian package that provides it.
 * @param {string} command `ruby`, `gem` or `bundle`
 * @param {string} debianPackage
 */
export function requireClient(command, debianPackage) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', env: rubyEnv(), timeout: 20000 })
  if (result.status !== 0) {
    throw new Error(`\`${command}\` is missing or broken (${result.error?.message ?? result.stderr.trim()}); ` +
      `install the Debian package \`${debianPackage}\``)
  }
  return result.stdout.trim()
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, input?: Buffer, env?: Record<string, string> }} [options]
 * @returns {Promise<Buffer>} stdout; rejects with the output when the command fails
 */
export function runRuby(command, args, { cwd, input, env = rubyEnv() } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30000 })
    /** @type {Buffer[]} */
    const out = []
    let err = ''
    child.stdout.on('data', (chunk) => out.push(chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk) => { err += chunk })
    child.once('error', (error) => reject(new Error(
      `${command} could not run (${error.message}); install the Debian package \`ruby\``)))
    child.once('close', (status) => status === 0
      ? resolve(Buffer.concat(out))
      : reject(new Error(`${command} ${args.join(' ')} exited ${status}: ${err}`)))
    child.stdin.end(input)
  })
}

/**
 * What the source needs to know about a `.gem`, read by RubyGems itself.
 * @param {Buffer} data
 * @returns {Promise<GemInfo>}
 */
export async function inspectGem(data) {
  const info = JSON.parse((await runRuby('ruby', ['-e', INSPECT], { input: data })).toString('utf8'))
  return { ...info, specRz: Buffer.from(info.specRz, 'base64'), sha256: createHash('sha256').update(data).digest('hex'), data }
}

/**
 * `gem build` of a minimal gem whose `lib/<name>.rb` defines `<Module>.hello`, saying name and version.
 * @param {GemSpec} spec
 * @param {string} [outDir] where the .gem is left; a temp folder (removed) when not given
 * @returns {Promise<{ path: string | null, filename: string, data: Buffer }>}
 */
export async function buildGem({ name, version, dependencies = {} }, outDir) {
  const dir = mkdtempSync(join(tmpdir(), 'gem-build-'))
  try {
    const moduleName = name.split(/[-_]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')
    mkdirSync(join(dir, 'lib'))
    writeFileSync(join(dir, 'lib', `${name}.rb`),
      `module ${moduleName}\n  def self.hello\n    "hello from ${name} ${version}"\n  end\nend\n`)
    const deps = Object.entries(dependencies).map(([dep, req]) => `  s.add_runtime_dependency ${JSON.stringify(dep)}, ${JSON.stringify(req)}\n`)
    writeFileSync(join(dir, `${name}.gemspec`), 'Gem::Specification.new do |s|\n' +
      `  s.name = ${JSON.stringify(name)}\n  s.version = ${JSON.stringify(version)}\n` +
      `  s.summary = "${name} test gem"\n  s.authors = ["Test"]\n  s.license = "MIT"\n` +
      `  s.files = ["lib/${name}.rb"]\n${deps.join('')}end\n`)
    await runRuby('gem', ['build', `${name}.gemspec`], { cwd: dir, env: rubyEnv(dir) })
    const filename = `${name}-${version}.gem`
    const data = readFileSync(join(dir, filename))
    if (!outDir) return { path: null, filename, data }
    mkdirSync(outDir, { recursive: true })
    writeFileSync(join(outDir, filename), data)
    return { path: join(outDir, filename), filename, data }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * One line of a compact-index `/info/<name>` file: `1.0.0 dep:>= 1&< 2|checksum:…,ruby:>= 2.7`.
 * @param {GemInfo} gem
 */
export function infoLine(gem) {
  const version = gem.platform === 'ruby' ? gem.version : `${gem.version}-${gem.platform}`
  const deps = gem.dependencies.map(([name, reqs]) => `${name}:${reqs.join('&')}`).join(',')
  const requirements = [`checksum:${gem.sha256}`]
  if (gem.ruby.join() !== '>= 0') requirements.push(`ruby:${gem.ruby.join('&')}`)
  if (gem.rubygems.join() !== '>= 0') requirements.push(`rubygems:${gem.rubygems.join('&')}`)
  return `${version} ${deps}|${requirements.join(',')}`
}

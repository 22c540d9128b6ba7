/**
 * podman, buildah, skopeo and helm through dist/: configured by file, with no process of theirs run by
 * the step. A later step's real Debian skopeo, podman and buildah read an image from a real registry
 * with nothing but the exported REGISTRY_AUTH_FILE; helm's file is checked exactly (helm does not
 * install here). The user's own auth files are read, never changed.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../test-support/emulator/index.js'
import { buildImage, pushImage } from '../test-support/oci-image.js'
import { buildahFlags, podmanFlags, requireClient, runClient, tidySystemBlobCache } from '../test-support/oci-clients.js'
import { startRegistry } from '../test-support/registry.js'
import { stepEnv } from './clients.js'
import { makeSandbox, type Emulator, type Sandbox } from './fixture.js'

const PASSWORD = 'eyJwYXlsb2FkIjoib2NpLWNsaWVudHMifQ+/A='
const UNAUTHORIZED = /unauthorized|401|authentication required/i
let emu: Emulator
let registry: Awaited<ReturnType<typeof startRegistry>>
let reference: string
let sandbox: Sandbox
let scratch: string
let tidy: () => void

beforeAll(async () => {
  for (const client of ['skopeo', 'podman', 'buildah'] as const) requireClient(client)
  registry = await startRegistry({ password: PASSWORD })
  reference = (await pushImage(buildImage(), { url: registry.url, username: 'AWS', password: PASSWORD, repository: 'team/app', tag: 'v1' })).reference
  emu = await startEmulator({ account: '111111111111', password: () => PASSWORD, proxyEndpoint: () => `https://${registry.host}` })
  tidy = tidySystemBlobCache()
}, 60000)
afterAll(async () => {
  tidy?.()
  await Promise.all([emu?.stop(), registry?.stop()])
})
beforeEach(() => {
  emu.reset()
  sandbox = makeSandbox(emu)
  // Every auth file the clients read lives in the sandbox; podman's run root needs a short path.
  // containers/image refuses a DOCKER_CONFIG naming a directory without config.json: unset, as on a runner.
  delete sandbox.env.DOCKER_CONFIG
  sandbox.env.XDG_RUNTIME_DIR = path.join(sandbox.dir, 'run')
  fs.mkdirSync(sandbox.env.XDG_RUNTIME_DIR, { mode: 0o700 })
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-e2e-'))
})
afterEach(() => {
  sandbox.cleanup()
  fs.rmSync(scratch, { recursive: true, force: true })
})

/** The later steps: each client reads the image with the step's environment and nothing else. */
function readImage(env: Record<string, string>) {
  const dir = (name: string) => fs.mkdtempSync(path.join(scratch, `${name}-`))
  return {
    skopeo: runClient('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`], env),
    podman: runClient('podman', [...podmanFlags(dir('p')), 'pull', '--tls-verify=false', reference], env, 60000),
    buildah: runClient('buildah', [...buildahFlags(dir('b')), 'from', '--tls-verify=false', `docker://${reference}`], env, 60000),
  }
}
const statuses = (runs: ReturnType<typeof readImage>) => Object.fromEntries(Object.entries(runs).map(([client, run]) => [client, run.status]))

test('a later step\'s real skopeo, podman and buildah pull with REGISTRY_AUTH_FILE alone; not before the action, not after its post step', async () => {
  // The user's own containers login for another registry: kept in the copy, never changed.
  const own = path.join(sandbox.home, '.config', 'containers', 'auth.json')
  fs.mkdirSync(path.dirname(own), { recursive: true })
  fs.writeFileSync(own, '{"auths":{"ghcr.io":{"auth":"dXNlcjpnaGNy"}}}\n')
  const before = readImage(stepEnv(sandbox.env))
  for (const run of Object.values(before)) {
    expect(run.status).not.toBe(0)
    expect(run.output).toMatch(UNAUTHORIZED)
  }
  let during: ReturnType<typeof readImage> | undefined
  let copy: unknown
  let authFile = ''
  const result = await sandbox.run({
    with: { registries: '111111111111', tools: 'podman, buildah, skopeo' },
    beforePost: (_main, later) => {
      authFile = later.env.REGISTRY_AUTH_FILE ?? ''
      copy = JSON.parse(fs.readFileSync(authFile, 'utf8'))
      during = readImage(stepEnv(later.env))
    },
  }, [PASSWORD])
  expect({ exitCode: result.main.exitCode, errors: result.main.errors }).toEqual({ exitCode: 0, errors: [] })
  expect(statuses(during as ReturnType<typeof readImage>)).toEqual({ skopeo: 0, podman: 0, buildah: 0 })
  expect(copy).toEqual({ auths: { 'ghcr.io': { auth: 'dXNlcjpnaGNy' }, [registry.host]: { auth: Buffer.from(`AWS:${PASSWORD}`).toString('base64') } } })
  // One file for the three of them, configured once; gone after the post step.
  expect(result.main.log).toContain('Configuring podman, buildah, skopeo')
  expect(fs.existsSync(authFile)).toBe(false)
  expect(fs.readFileSync(own, 'utf8')).toBe('{"auths":{"ghcr.io":{"auth":"dXNlcjpnaGNy"}}}\n')
  const after = readImage({ ...stepEnv(sandbox.env), REGISTRY_AUTH_FILE: authFile })
  expect(Object.values(after).every((run) => run.status !== 0)).toBe(true)
  expect(result.leaks).toEqual([])
}, 120000)

test('helm: HELM_REGISTRY_CONFIG names a private copy of its registry config with the login; the user\'s file is not changed', async () => {
  const own = path.join(sandbox.home, '.config', 'helm', 'registry', 'config.json')
  fs.mkdirSync(path.dirname(own), { recursive: true })
  fs.writeFileSync(own, '{"auths":{"ghcr.io":{"auth":"dXNlcjpnaGNy"}}}')
  let copy = ''
  const result = await sandbox.run({
    with: { registries: '111111111111', tools: 'helm' },
    beforePost: (_main, later) => {
      copy = fs.readFileSync(later.env.HELM_REGISTRY_CONFIG ?? '', 'utf8')
    },
  }, [PASSWORD])
  expect(result.main.exitCode).toBe(0)
  expect(result.main.log).toContain('helm is not on PATH yet: it is configured for a later step that installs it')
  expect(copy).toBe(`{\n\t"auths": {\n\t\t"ghcr.io": {\n\t\t\t"auth": "dXNlcjpnaGNy"\n\t\t},\n\t\t"${registry.host}": {\n\t\t\t"auth": "${Buffer.from(`AWS:${PASSWORD}`).toString('base64')}"\n\t\t}\n\t}\n}\n`)
  expect(fs.readFileSync(own, 'utf8')).toBe('{"auths":{"ghcr.io":{"auth":"dXNlcjpnaGNy"}}}')
  expect(result.leaks).toEqual([])
})

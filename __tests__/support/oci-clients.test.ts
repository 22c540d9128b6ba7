import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, writeOciLayout } from '../../test-support/oci-image.js'
import {
  buildahFlags, clientEnv, podmanFlags, requireClient, runClient, tidySystemBlobCache,
} from '../../test-support/oci-clients.js'
import { startRegistry } from '../../test-support/registry.js'

// The real clients configured by hand-written auth files only (no `login`), the way the action will
// configure them: REGISTRY_AUTH_FILE for skopeo, podman and buildah; $DOCKER_CONFIG/config.json for
// the docker CLI. Debian 12: skopeo 1.9, podman 4.3, buildah 1.28 (containers/image 5.23), docker 28.
const PASSWORD = 'correct-horse-battery-staple'
const FILES = { 'hello.txt': 'hello from the test registry\n' }
const image = buildImage({ files: FILES })
const UNAUTHORIZED = /unauthorized|401/i
let registry: Awaited<ReturnType<typeof startRegistry>>
let scratch: string
let reference: string
let tidy: () => void

beforeAll(async () => {
  registry = await startRegistry({ username: 'AWS', password: PASSWORD })
  scratch = mkdtempSync(join(tmpdir(), 'oci-')) // short: podman's run root goes below it
  reference = (await pushImage(image, { url: registry.url, username: 'AWS', password: PASSWORD, repository: 'team/hello', tag: 'v1' })).reference
  tidy = tidySystemBlobCache()
})
afterAll(async () => {
  tidy?.()
  await registry?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** A fresh directory for one client run (short names: podman limits its run root to 50 characters). */
let runs = 0
const fresh = (name: string) => {
  const dir = join(scratch, `${name}-${++runs}`)
  mkdirSync(dir)
  return dir
}

/** `{"auths":{"<host>":{"auth":"base64(AWS:<password>)"}}}`, the format docker and containers-auth.json share. */
const authsJson = (password: string, key = registry.host) =>
  `${JSON.stringify({ auths: { [key]: { auth: Buffer.from(`AWS:${password}`).toString('base64') } } }, null, '\t')}\n`

/** Writes `content` to `path` (its directory created) and returns the path. */
function write(path: string, content: string) {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, content, { mode: 0o600 })
  return path
}

const layerDigest = image.layers[0]!.digest

describe('skopeo (REGISTRY_AUTH_FILE)', () => {
  const skopeo = (dir: string, args: string[], env: Record<string, string> = {}) =>
    runClient(requireClient('skopeo'), args, clientEnv(dir, env))
  const inspect = ['inspect', '--tls-verify=false']

  test('inspect and copy to dir: read the image with the credentials of the hand-written file only', () => {
    const dir = fresh('skopeo')
    const authFile = write(join(dir, 'auth.json'), authsJson(PASSWORD))
    const inspected = skopeo(dir, [...inspect, `docker://${reference}`], { REGISTRY_AUTH_FILE: authFile })
    expect(inspected.output).not.toMatch(UNAUTHORIZED)
    expect(inspected.status).toBe(0)
    expect(JSON.parse(inspected.stdout)).toMatchObject({ Name: `${registry.host}/team/hello`, Digest: image.manifest.digest, Layers: [layerDigest] })

    const copied = skopeo(dir, ['copy', '--src-tls-verify=false', `docker://${reference}`, `dir:${join(dir, 'copy')}`], { REGISTRY_AUTH_FILE: authFile })
    expect(copied.status).toBe(0)
    expect(readFileSync(join(dir, 'copy', 'manifest.json'))).toEqual(image.manifest.bytes)
    expect(readFileSync(join(dir, 'copy', layerDigest.slice('sha256:'.length)))).toEqual(image.layers[0]!.bytes)
  })

  test('without the file, or with a wrong password in it, fails: unauthorized', () => {
    const dir = fresh('skopeo-denied')
    const without = skopeo(dir, [...inspect, `docker://${reference}`])
    expect(without.status).not.toBe(0)
    expect(without.output).toMatch(UNAUTHORIZED)
    const wrong = skopeo(dir, [...inspect, `docker://${reference}`], { REGISTRY_AUTH_FILE: write(join(dir, 'wrong.json'), authsJson('wrong-password')) })
    expect(wrong.status).not.toBe(0)
    expect(wrong.output).toMatch(UNAUTHORIZED)
  })

  test('the REGISTRY_AUTH_FILE entry is looked up first and wins: a wrong password there is not retried with ~/.config/containers/auth.json or ~/.docker/config.json', () => {
    const dir = fresh('skopeo-first')
    const env = clientEnv(dir)
    write(join(env.HOME, '.config', 'containers', 'auth.json'), authsJson(PASSWORD))
    write(join(env.HOME, '.docker', 'config.json'), authsJson(PASSWORD))
    const result = skopeo(dir, ['--debug', ...inspect, `docker://${reference}`], { REGISTRY_AUTH_FILE: write(join(dir, 'auth.json'), authsJson('wrong-password')) })
    expect(result.status).not.toBe(0)
    expect(result.output).toContain(`Found credentials for ${registry.host}/team/hello in credential helper containers-auth.json in file ${join(dir, 'auth.json')}`)
    expect(result.output).toMatch(UNAUTHORIZED)
  })

  test('REGISTRY_AUTH_FILE replaces $XDG_RUNTIME_DIR/containers/auth.json (root without XDG_RUNTIME_DIR: /run/containers/0/auth.json): its entries are not read', () => {
    const dir = fresh('skopeo-primary')
    const env = clientEnv(dir)
    const primary = write(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), authsJson(PASSWORD))
    const alone = skopeo(dir, ['--debug', ...inspect, `docker://${reference}`])
    expect(alone.status).toBe(0)
    expect(alone.output).toContain(`in file ${primary}`)
    const replaced = skopeo(dir, ['--debug', ...inspect, `docker://${reference}`], { REGISTRY_AUTH_FILE: write(join(dir, 'auth.json'), '{"auths":{}}\n') })
    expect(replaced.status).not.toBe(0)
    expect(replaced.output).toMatch(UNAUTHORIZED)
    expect(replaced.output).not.toContain(primary)
  })

  test('REGISTRY_AUTH_FILE does not hide the other files: with no entry for the host there, $DOCKER_CONFIG/config.json\'s is used', () => {
    const dir = fresh('skopeo-fallback')
    const dockerConfig = join(dir, 'docker-config')
    write(join(dockerConfig, 'config.json'), authsJson(PASSWORD))
    const result = skopeo(dir, ['--debug', ...inspect, `docker://${reference}`], {
      REGISTRY_AUTH_FILE: write(join(dir, 'auth.json'), authsJson(PASSWORD, 'other.example:5000')), DOCKER_CONFIG: dockerConfig,
    })
    expect(result.status).toBe(0)
    expect(result.output).toContain(`No credentials matching ${registry.host}/team/hello found in ${join(dir, 'auth.json')}`)
    expect(result.output).toContain(`Found credentials for ${registry.host}/team/hello in credential helper containers-auth.json in file ${join(dockerConfig, 'config.json')}`)
  })

  test('reads the OCI image layout that writeOciLayout writes', () => {
    const dir = fresh('skopeo-layout')
    const layout = writeOciLayout(join(dir, 'layout'), image, 'v1')
    const result = skopeo(dir, ['inspect', `oci:${layout}:v1`])
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ Digest: image.manifest.digest, Layers: [layerDigest], Os: 'linux' })
  })
})

describe('podman (REGISTRY_AUTH_FILE; storage in temp dirs, vfs)', () => {
  const podman = (dir: string, args: string[], env: Record<string, string> = {}) =>
    runClient(requireClient('podman'), [...podmanFlags(dir), ...args], clientEnv(dir, env))

  test('pull reads the image with the credentials of the hand-written file only; the layer holds the file', () => {
    const dir = fresh('podman')
    const authFile = write(join(dir, 'auth.json'), authsJson(PASSWORD))
    const pulled = podman(dir, ['pull', '--quiet', '--tls-verify=false', reference], { REGISTRY_AUTH_FILE: authFile })
    expect(pulled.output).not.toMatch(UNAUTHORIZED)
    expect(pulled.status).toBe(0)
    expect(pulled.stdout.trim()).toBe(image.config.digest.slice('sha256:'.length))

    const login = podman(dir, ['login', '--get-login', registry.host], { REGISTRY_AUTH_FILE: authFile })
    expect(login).toMatchObject({ status: 0, stdout: 'AWS\n' })
    const mounted = podman(dir, ['image', 'mount', reference])
    expect(mounted.status).toBe(0)
    expect(readFileSync(join(mounted.stdout.trim(), 'hello.txt'), 'utf8')).toBe(FILES['hello.txt'])
    expect(podman(dir, ['image', 'unmount', reference]).status).toBe(0)
  })

  test('without the file, or with a wrong password in it, pull fails: unauthorized', () => {
    const dir = fresh('podman-denied')
    const without = podman(dir, ['pull', '--quiet', '--tls-verify=false', reference])
    expect(without.status).not.toBe(0)
    expect(without.output).toMatch(UNAUTHORIZED)
    const wrong = podman(dir, ['pull', '--quiet', '--tls-verify=false', reference], { REGISTRY_AUTH_FILE: write(join(dir, 'wrong.json'), authsJson('wrong-password')) })
    expect(wrong.status).not.toBe(0)
    expect(wrong.output).toMatch(UNAUTHORIZED)
  })

  test('REGISTRY_AUTH_FILE naming a missing file is an error (skopeo treats it as empty)', () => {
    const dir = fresh('podman-missing')
    const result = podman(dir, ['pull', '--quiet', '--tls-verify=false', reference], { REGISTRY_AUTH_FILE: join(dir, 'missing.json') })
    expect(result.status).not.toBe(0)
    expect(result.output).toContain(`stat ${join(dir, 'missing.json')}: no such file or directory`)
  })
})

describe('buildah (REGISTRY_AUTH_FILE; storage in temp dirs, vfs)', () => {
  const buildah = (dir: string, args: string[], env: Record<string, string> = {}) =>
    runClient(requireClient('buildah'), [...buildahFlags(dir), ...args], clientEnv(dir, env))

  test('from reads the image with the credentials of the hand-written file only; the container holds the file', () => {
    const dir = fresh('buildah')
    const from = buildah(dir, ['from', '--quiet', '--tls-verify=false', `docker://${reference}`], { REGISTRY_AUTH_FILE: write(join(dir, 'auth.json'), authsJson(PASSWORD)) })
    expect(from.output).not.toMatch(UNAUTHORIZED)
    expect(from.status).toBe(0)
    const container = from.stdout.trim()
    const mounted = buildah(dir, ['mount', container])
    expect(mounted.status).toBe(0)
    expect(readFileSync(join(mounted.stdout.trim(), 'hello.txt'), 'utf8')).toBe(FILES['hello.txt'])
    expect(buildah(dir, ['umount', container]).status).toBe(0)
    expect(buildah(dir, ['rm', container]).status).toBe(0)
  })

  test('without the file, or with a wrong password in it, pull fails: unauthorized', () => {
    const dir = fresh('buildah-denied')
    const without = buildah(dir, ['pull', '--quiet', '--tls-verify=false', reference])
    expect(without.status).not.toBe(0)
    expect(without.output).toMatch(UNAUTHORIZED)
    const wrong = buildah(dir, ['pull', '--quiet', '--tls-verify=false', reference], { REGISTRY_AUTH_FILE: write(join(dir, 'wrong.json'), authsJson('wrong-password')) })
    expect(wrong.status).not.toBe(0)
    expect(wrong.output).toMatch(UNAUTHORIZED)
  })
})

describe('docker CLI, no daemon ($DOCKER_CONFIG/config.json written by hand, no docker login)', () => {
  // `docker manifest inspect` talks to the registry from the CLI itself; --insecure lets it fall back to
  // plain HTTP. It needs no experimental flag in docker 28.
  const docker = (dir: string, args: string[], dockerConfig: string, path?: string) =>
    runClient(requireClient('docker'), args, clientEnv(dir, { DOCKER_CONFIG: dockerConfig, ...(path ? { PATH: path } : {}) }))
  const inspect = ['manifest', 'inspect', '--insecure']

  test('manifest inspect reads the manifest with the auths entry of the hand-written config.json', () => {
    const dir = fresh('docker')
    const dockerConfig = join(dir, 'docker-config')
    write(join(dockerConfig, 'config.json'), authsJson(PASSWORD))
    const result = docker(dir, [...inspect, reference], dockerConfig)
    expect(result.output).not.toMatch(UNAUTHORIZED)
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(image.manifest.bytes.toString('utf8')))
  })

  test('without the entry it fails (no basic auth credentials); with a wrong password it fails (unauthorized, reported as "no such manifest")', () => {
    const dir = fresh('docker-denied')
    const empty = join(dir, 'empty-config')
    mkdirSync(empty)
    const without = docker(dir, [...inspect, reference], empty)
    expect(without.status).not.toBe(0)
    expect(without.output).toContain('no basic auth credentials')

    const wrongConfig = join(dir, 'wrong-config')
    write(join(wrongConfig, 'config.json'), authsJson('wrong-password'))
    const wrong = docker(dir, ['--debug', ...inspect, reference], wrongConfig)
    expect(wrong.status).not.toBe(0)
    expect(wrong.output).toContain(`no such manifest: ${reference}`)
    expect(wrong.output).toMatch(/unauthorized: authentication required/)
  })

  test('a credsStore whose helper has no entry for the host hides the hand-written auths entry', () => {
    const dir = fresh('docker-helper')
    const bin = join(dir, 'bin')
    write(join(bin, 'docker-credential-empty'), '#!/bin/sh\ncat >/dev/null\necho "credentials not found in native keychain"\nexit 1\n')
    chmodSync(join(bin, 'docker-credential-empty'), 0o755)
    const dockerConfig = join(dir, 'docker-config')
    const auths = JSON.parse(authsJson(PASSWORD))
    write(join(dockerConfig, 'config.json'), JSON.stringify({ ...auths, credsStore: 'empty' }))
    const result = docker(dir, [...inspect, reference], dockerConfig, `${bin}:${process.env.PATH ?? ''}`)
    expect(result.status).not.toBe(0)
    expect(result.output).toContain('no basic auth credentials')
  })
})

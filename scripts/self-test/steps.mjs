// @ts-check
/**
 * Steps of the self-test workflow (.github/workflows/self-test.yml) that read what
 * scripts/self-test/servers.mjs started (`--servers FILE`):
 * - `servers`: masks the servers' secrets in the job's log and gives the step outputs the action
 *   steps need (`endpoint`, `access-key-id`, `secret-access-key`: the emulator's, not AWS's);
 * - `ecr` / `codeartifact`: checks one registry-auth step: its outputs (given as `OUTPUTS`, the JSON
 *   of `steps.<id>.outputs`) and, for CodeArtifact, the variables it exported. Prints
 *   `ok - …` / `not ok - …` per check and never a value; exits 1 when a check fails.
 * Usage: node scripts/self-test/steps.mjs servers|ecr|codeartifact --servers FILE
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, relative, isAbsolute } from 'node:path'

/**
 * @typedef {{ emulator: { url: string, env: Record<string, string> }, token: string, password: string,
 *   npm: { url: string, package: string, version: string }, pypi: { url: string, package: string, version: string },
 *   docker: { host: string } | null, secrets: string[] }} Servers
 */

let failures = 0
/**
 * @param {string} name
 * @param {boolean} passed
 */
function check(name, passed) {
  console.log(`${passed ? 'ok' : 'not ok'} - ${name}`)
  if (!passed) failures++
}

/** amazon-ecr-login's output name of a registry host. */
const outputKey = (/** @type {string} */ host) => host.replace(/[^a-zA-Z0-9_]+/g, '_')

/**
 * @param {Record<string, string>} outputs
 * @param {Servers} servers
 * @param {NodeJS.ProcessEnv} env
 */
export function checkEcr(outputs, servers, env) {
  const host = servers.docker?.host ?? '111111111111.dkr.ecr.eu-west-1.amazonaws.com'
  check('output username is AWS', outputs.username === 'AWS')
  check('output token is the password the emulator handed out', outputs.token === servers.password)
  check(`output registry is ${host}`, outputs.registry === host)
  check('output registries lists that one registry', outputs.registries === host)
  const expires = Date.parse(outputs.expiration ?? '')
  check('output expiration is an ISO 8601 time in the future', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(outputs.expiration ?? '') && expires > Date.now())
  check(`outputs docker_username_${outputKey(host)} and docker_password_${outputKey(host)}`,
    outputs[`docker_username_${outputKey(host)}`] === 'AWS' && outputs[`docker_password_${outputKey(host)}`] === servers.password)
  if (servers.docker) {
    const file = join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json')
    /** @type {any} */
    let config = {}
    try { config = JSON.parse(readFileSync(file, 'utf8')) } catch { /* checked below */ }
    const auth = config?.auths?.[host]?.auth
    check(`docker's config.json holds the login for ${host}`,
      typeof auth === 'string' && Buffer.from(auth, 'base64').toString('utf8') === `AWS:${servers.password}`)
  }
}

/**
 * @param {Record<string, string>} outputs
 * @param {Servers} servers
 * @param {NodeJS.ProcessEnv} env
 */
export function checkCodeArtifact(outputs, servers, env) {
  const { token } = servers
  check('output username is aws', outputs.username === 'aws')
  check('output token is the token the emulator handed out', outputs.token === token)
  /** @type {Record<string, string>} */
  let endpoints = {}
  try { endpoints = JSON.parse(outputs.endpoints ?? '') } catch { /* checked below */ }
  check('output endpoints maps npm and pypi to the local servers',
    endpoints.npm === servers.npm.url && endpoints.pypi === servers.pypi.url && Object.keys(endpoints).length === 2)
  check('output registry is one of the endpoints', Object.values(endpoints).includes(outputs.registry ?? ''))
  check('output expiration is in the future', Date.parse(outputs.expiration ?? '') > Date.now())

  check('CODEARTIFACT_AUTH_TOKEN is exported', env.CODEARTIFACT_AUTH_TOKEN === token)
  check('NODE_AUTH_TOKEN is left alone (it would go to setup-node\'s registry)', env.NODE_AUTH_TOKEN !== token)

  const npmrc = env.NPM_CONFIG_USERCONFIG ?? ''
  const temp = env.RUNNER_TEMP ?? ''
  const inside = (/** @type {string} */ dir, /** @type {string} */ path) => {
    const rel = relative(dir, path)
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  }
  check('NPM_CONFIG_USERCONFIG names a file under RUNNER_TEMP', npmrc !== '' && existsSync(npmrc) && temp !== '' && inside(temp, npmrc))
  if (npmrc !== '' && existsSync(npmrc)) {
    const text = readFileSync(npmrc, 'utf8')
    if (process.platform !== 'win32') check('the npmrc is readable by its owner only', (statSync(npmrc).mode & 0o077) === 0)
    check('the npmrc sets the registry to the npm endpoint', text.split(/\r?\n/).includes(`registry=${servers.npm.url}`))
    const nerf = servers.npm.url.replace(/^https?:/, '')
    const line = text.split(/\r?\n/).find((l) => l.startsWith(`${nerf}:_authToken=`))
    const variable = /^\$\{([A-Z0-9_]+)\}$/.exec(line?.slice(`${nerf}:_authToken=`.length) ?? '')?.[1]
    check('the npmrc refers to the token through a variable, for the endpoint only', variable !== undefined)
    check('that variable is exported with the token', variable !== undefined && env[variable] === token)
    check('the npmrc does not hold the token', !text.includes(token))
    check('the npmrc keeps the user\'s own settings', text.includes('fund=false'))
  }
  const index = new URL('simple/', servers.pypi.url)
  const expected = `${index.protocol}//aws:${encodeURIComponent(token)}@${index.host}${index.pathname}`
  check('PIP_INDEX_URL is the pypi endpoint\'s simple index with aws:<token>', env.PIP_INDEX_URL === expected)
}

/**
 * @param {Servers} servers
 * @param {NodeJS.ProcessEnv} env
 */
export function announceServers(servers, env) {
  for (const secret of servers.secrets) console.log(`::add-mask::${secret}`)
  const outputs = {
    endpoint: servers.emulator.url,
    'access-key-id': servers.emulator.env.AWS_ACCESS_KEY_ID,
    'secret-access-key': servers.emulator.env.AWS_SECRET_ACCESS_KEY,
  }
  if (!env.GITHUB_OUTPUT) throw new Error('GITHUB_OUTPUT is not set: run this as a workflow step')
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''))
  console.log(`emulator ${servers.emulator.url}, npm ${servers.npm.url}, pypi ${servers.pypi.url}${servers.docker ? `, docker ${servers.docker.host}` : ''}`)
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'servers' || command === 'ecr' || command === 'codeartifact') {
  const file = rest[rest.indexOf('--servers') + 1]
  if (!rest.includes('--servers') || !file) throw new Error('--servers FILE is required')
  /** @type {Servers} */
  const servers = JSON.parse(readFileSync(file, 'utf8'))
  /** @type {Record<string, string>} */
  const outputs = JSON.parse(process.env.OUTPUTS ?? '{}')
  if (command === 'servers') announceServers(servers, process.env)
  else if (command === 'ecr') checkEcr(outputs, servers, process.env)
  else checkCodeArtifact(outputs, servers, process.env)
  if (failures > 0) {
    console.log(`${failures} check${failures === 1 ? '' : 's'} failed`)
    process.exitCode = 1
  }
}

// @ts-check
/**
 * Running Maven and Gradle offline against the test repositories: a check that each tool is installed
 * (naming the Debian package when it is not), an asynchronous runner, and Maven global settings that
 * take plugins from Debian's /usr/share/maven-repo instead of Maven Central.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

export const DEBIAN_MAVEN_REPO = '/usr/share/maven-repo'

/**
 * Plugins the Maven tests run, as full coordinates: a `dependency:` prefix would make Maven look up
 * prefixes in Maven Central's group metadata first.
 */
export const MAVEN_PLUGINS = {
  dependency: { goal: 'org.apache.maven.plugins:maven-dependency-plugin:3.5.0', debianPackage: 'libmaven-dependency-plugin-java' },
  deploy: { goal: 'org.apache.maven.plugins:maven-deploy-plugin:3.0.0', debianPackage: 'libmaven-deploy-plugin-java' },
  install: { goal: 'org.apache.maven.plugins:maven-install-plugin:3.1.0', debianPackage: 'libmaven-install-plugin-java' },
}

export { requireCommand } from '../require-command.js'

/** Throws unless every plugin in MAVEN_PLUGINS is in Debian's Maven repository. */
export function requireMavenPlugins() {
  for (const { goal, debianPackage } of Object.values(MAVEN_PLUGINS)) {
    const [groupId = '', artifactId = '', version = ''] = goal.split(':')
    const jar = `${DEBIAN_MAVEN_REPO}/${groupId.split('.').join('/')}/${artifactId}/${version}/${artifactId}-${version}.jar`
    if (!existsSync(jar)) throw new Error(`${artifactId} ${version} is not in ${DEBIAN_MAVEN_REPO}; run: apt-get install ${debianPackage}`)
  }
}

/**
 * Global settings (`mvn -gs`) for a machine without Maven Central: Debian's HTTP blocker mirror kept
 * as /etc/maven/settings.xml has it, plus an always-active plugin repository file:///usr/share/maven-repo
 * (Debian's repository has no checksum files, hence `ignore`). User settings stay free for the
 * configuration under test.
 */
export const debianGlobalSettings = () => `<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <mirrors>
    <mirror>
      <id>maven-default-http-blocker</id>
      <mirrorOf>external:http:*</mirrorOf>
      <url>http://0.0.0.0/</url>
      <blocked>true</blocked>
    </mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>debian-plugins</id>
      <pluginRepositories>
        <pluginRepository>
          <id>debian</id>
          <url>file://${DEBIAN_MAVEN_REPO}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>debian-plugins</activeProfile>
  </activeProfiles>
</settings>
`

/**
 * Runs a client without blocking this process (the repositories answer from it).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: Record<string, string>, cwd: string, timeout?: number }} options
 * @returns {Promise<{ status: number | null, output: string, ms: number }>}
 */
export function runClient(command, args, { env, cwd, timeout = 80000 }) {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => { output += chunk })
    child.stderr.setEncoding('utf8').on('data', (chunk) => { output += chunk })
    child.once('error', reject)
    child.once('close', (status) => resolve({ status, output, ms: Date.now() - started }))
  })
}

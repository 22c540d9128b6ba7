export const id = 64;
export const ids = [64];
export const modules = {

/***/ 6064:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loginRegistries: () => (/* binding */ loginRegistries)
});

// UNUSED EXPORTS: OCI_CLIS, dockerConfigPath

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(7394);
// EXTERNAL MODULE: ./src/platform.ts
var src_platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/command.ts
/**
 * Runs a client command with an optional secret on stdin and collects its output, without a shell
 * and without echoing anything. A client that exits before reading stdin (EPIPE) is not a crash:
 * its exit code and output say what happened.
 */

function runCommand(command, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, {
            env: { ...process.env, ...options.env },
            stdio: ['pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
        child.stdin.on('error', () => { });
        child.once('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
        child.once('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
        child.stdin.end(options.input ?? '');
    });
}

;// CONCATENATED MODULE: ./src/clients/oci.ts
/**
 * Registry login for docker and the other OCI clients: `<cli> login --password-stdin` per registry,
 * undone by `<cli> logout` in the post step. docker's config.json is also backed up byte for byte.
 */





const OCI_CLIS = {
    docker: loginCli('docker'),
    podman: loginCli('podman'),
    buildah: loginCli('buildah'),
    skopeo: loginCli('skopeo'),
    helm: {
        command: 'helm',
        login: (host, username) => ['registry', 'login', host, '--username', username, '--password-stdin'],
        logout: (host) => ['registry', 'logout', host],
    },
};
function loginCli(command) {
    return {
        command,
        login: (host, username) => ['login', '--username', username, '--password-stdin', host],
        logout: (host) => ['logout', host],
    };
}
/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (`%USERPROFILE%\\.docker` on Windows). */
function dockerConfigPath(env = process.env, platform = process.platform) {
    const paths = (0,src_platform/* pathFor */.p0)(platform);
    return paths.join(env.DOCKER_CONFIG || paths.join((0,src_platform/* userHome */.Bc)(env, platform), '.docker'), 'config.json');
}
/** Logs `tool` in to every registry; the first failure throws with the client's own message. */
async function loginRegistries(tool, credentials, undo, workspace) {
    const cli = OCI_CLIS[tool];
    if (!cli)
        throw new Error(`${tool} is not a registry client`);
    const env = process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {};
    const docker = tool === 'docker' ? await prepareDocker(credentials, env, undo, workspace) : undefined;
    for (const credential of credentials) {
        if (!docker) {
            undo.add({ kind: 'run', description: `${tool} logout ${credential.host}`, command: cli.command, args: cli.logout(credential.host), env });
        }
        const result = await runCommand(cli.command, cli.login(credential.host, credential.username), { input: credential.password, env });
        if (result.exitCode !== 0) {
            const said = (result.stderr.trim() || result.stdout.trim()).replace(/\s*\n\s*/g, ' ');
            throw new Error(`${tool} login to ${credential.host} failed (exit code ${result.exitCode}): ${said || `${tool} printed nothing`}`);
        }
        if (docker) {
            docker.hashAfterLogin = await (0,src_workspace/* fileHash */.Lg)(docker.path);
            undo.save();
        }
        core/* info */.pq(`${tool}: logged in to ${credential.host}`);
    }
}
/**
 * Before docker logs in: a byte-exact backup of config.json and the undo record (logouts, then the
 * restore). A config.json readable by others is made owner-only while it holds our credentials.
 */
async function prepareDocker(credentials, env, undo, workspace) {
    const file = dockerConfigPath();
    const { backup, mode } = await (0,src_workspace/* backupFile */.LL)(file, workspace);
    const record = {
        kind: 'docker',
        description: `log docker out and restore ${file}`,
        path: file,
        backup,
        mode,
        hosts: credentials.map((credential) => credential.host),
        env,
        hashAfterLogin: undefined,
    };
    undo.add(record);
    if (undo.enabled && mode !== undefined && (mode & 0o077) !== 0)
        await promises_.chmod(file, mode & 0o700);
    return record;
}


/***/ })

};

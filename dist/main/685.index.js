export const id = 685;
export const ids = [685];
export const modules = {

/***/ 6685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loginRegistries: () => (/* binding */ loginRegistries)
/* harmony export */ });
/* unused harmony exports OCI_CLIS, dockerConfigPath */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2876);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3728);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3338);
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
    const paths = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .pathFor */ .p0)(platform);
    return paths.join(env.DOCKER_CONFIG || paths.join((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .userHome */ .Bc)(env, platform), '.docker'), 'config.json');
}
/** Logs `tool` in to every registry; the first failure throws with the client's own message. */
async function loginRegistries(tool, credentials, undo, workspace) {
    const cli = OCI_CLIS[tool];
    if (!cli)
        throw new Error(`${tool} is not a registry client`);
    const env = {};
    if (tool === 'docker') {
        const config = dockerConfigPath();
        if (process.env.DOCKER_CONFIG)
            env.DOCKER_CONFIG = process.env.DOCKER_CONFIG;
        const hosts = credentials.map((credential) => credential.host);
        const backup = await (0,_workspace_js__WEBPACK_IMPORTED_MODULE_3__/* .backupFile */ .L)(config, workspace);
        undo.add({ kind: 'docker-config', description: `restore ${config}`, path: config, backup, hosts });
    }
    for (const credential of credentials) {
        undo.add({ kind: 'run', description: `${tool} logout ${credential.host}`, command: cli.command, args: cli.logout(credential.host), env });
        const result = await _actions_exec__WEBPACK_IMPORTED_MODULE_1__/* .getExecOutput */ .H(cli.command, cli.login(credential.host, credential.username), {
            input: Buffer.from(credential.password),
            silent: true,
            ignoreReturnCode: true,
            env: { ...process.env, ...env },
        });
        if (result.exitCode !== 0) {
            const said = (result.stderr.trim() || result.stdout.trim()).replace(/\s*\n\s*/g, ' ');
            throw new Error(`${tool} login to ${credential.host} failed (exit code ${result.exitCode}): ${said || `${tool} printed nothing`}`);
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${tool}: logged in to ${credential.host}`);
    }
}


/***/ })

};

export const id = 898;
export const ids = [898];
export const modules = {

/***/ 6925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   yO: () => (/* binding */ clientConfig)
/* harmony export */ });
/* unused harmony exports ProxyChoosingAgent, requestHandler */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(319);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8270);
/* harmony import */ var proxy_from_env__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8182);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1279);
/** What every AWS SDK client of the action shares: region, retries, proxy and user agent. */






const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];
/** Chooses per connection: the explicit proxy, the environment's proxy for that URL, or a direct socket. */
class ProxyChoosingAgent extends agent_base__WEBPACK_IMPORTED_MODULE_2__/* .Agent */ .g6 {
    explicitProxy;
    proxies = new Map();
    constructor(explicitProxy) {
        super({ keepAlive: true });
        this.explicitProxy = explicitProxy;
    }
    proxyFor(url) {
        return this.explicitProxy ?? (0,proxy_from_env__WEBPACK_IMPORTED_MODULE_4__/* .getProxyForUrl */ .T)(url);
    }
    connect(_req, opts) {
        const url = `${opts.secureEndpoint ? 'https' : 'http'}://${opts.host}:${opts.port}`;
        const proxy = this.proxyFor(url);
        if (!proxy)
            return opts.secureEndpoint ? node_tls__WEBPACK_IMPORTED_MODULE_1__.connect(opts) : node_net__WEBPACK_IMPORTED_MODULE_0__.connect(opts);
        let agent = this.proxies.get(proxy);
        if (!agent) {
            agent = new https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpsProxyAgent */ .b(proxy, { keepAlive: true });
            this.proxies.set(proxy, agent);
        }
        return agent;
    }
}
const handlers = new Map();
/** One HTTP handler per proxy setting, shared by all clients of a run so parallel calls share connections. */
function requestHandler(httpProxy, env = process.env) {
    const key = httpProxy ?? '';
    let handler = handlers.get(key);
    if (!handler) {
        const proxied = Boolean(httpProxy) || PROXY_VARIABLES.some((name) => env[name]);
        const agent = proxied ? new ProxyChoosingAgent(httpProxy) : undefined;
        handler = new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_5__.NodeHttpHandler({
            connectionTimeout: 10_000,
            requestTimeout: 30_000,
            ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
        });
        handlers.set(key, handler);
    }
    return handler;
}
function clientConfig(options) {
    return {
        region: options.region,
        maxAttempts: options.maxAttempts,
        retryMode: 'standard',
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        customUserAgent: 'registry-auth-action',
        requestHandler: requestHandler(options.httpProxy),
    };
}


/***/ }),

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ explainAwsError)
/* harmony export */ });
/* unused harmony export PERMISSIONS */
/** Turns AWS SDK errors into messages that keep the service's words and say what to do. */
const PERMISSIONS = {
    ecr: 'ecr:GetAuthorizationToken',
    'ecr-public': 'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken',
    codeartifact: 'codeartifact:GetAuthorizationToken, codeartifact:GetRepositoryEndpoint and sts:GetServiceBearerToken',
};
const CREDENTIALS_HINT = 'Add aws-actions/configure-aws-credentials before this step (or provide credentials the AWS SDK reads: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity or instance metadata)';
const attempts = (count) => `${count} attempt${count === 1 ? '' : 's'}`;
/** Explains an error from `service` in `where` (e.g. a region) as one readable line. */
function explainAwsError(error, service, where, maxAttempts) {
    const err = (error ?? {});
    const name = err.name ?? 'Error';
    const message = (err.message ?? String(error)).replace(/\s+/g, ' ').trim();
    const prefix = `${service} ${where}: ${message}`;
    const tried = attempts(err.$metadata?.attempts ?? maxAttempts);
    if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
        return `No AWS credentials found. ${CREDENTIALS_HINT}.`;
    }
    if (name === 'AccessDeniedException' || /not authorized to perform/i.test(message)) {
        return `${prefix} — the credentials need ${PERMISSIONS[service] ?? 'permission for this call'}.`;
    }
    if (name === 'ExpiredTokenException' || name === 'ExpiredToken') {
        return `${prefix} — the AWS credentials have expired; refresh them (e.g. run aws-actions/configure-aws-credentials again or raise its role-duration-seconds).`;
    }
    if (['UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'InvalidClientTokenId'].includes(name)) {
        return `${prefix} — the AWS credentials were rejected; check the access key, secret key and session token.`;
    }
    if (/throttl|too many requests|rate exceeded/i.test(`${name} ${message}`)) {
        return `${prefix} — still throttled after ${tried}; raise max-attempts or retry later.`;
    }
    if (['ENOTFOUND', 'EAI_AGAIN'].includes(err.code ?? '') || /getaddrinfo/.test(message)) {
        const check = service === 'ecr-public' ? 'check the network and any proxy settings' : 'check the region and any proxy settings';
        return `${prefix} — the endpoint could not be resolved; ${check}.`;
    }
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(err.code ?? '') || name === 'TimeoutError') {
        return `${prefix} — the connection failed after ${tried}; check the network, proxy settings and region.`;
    }
    const status = err.$metadata?.httpStatusCode;
    if (err.$responseBodyText !== undefined || /Deserialization error/i.test(message)) {
        const body = (err.$responseBodyText ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
        return `${service} ${where}: the answer was not an AWS response (HTTP ${status ?? 'unknown'}${body ? `, body starts ${JSON.stringify(body)}` : ''}); check http-proxy, HTTPS_PROXY and any AWS_ENDPOINT_URL_* setting.`;
    }
    if (status === 407) {
        return `${prefix} — the proxy refused the request (HTTP 407 Proxy Authentication Required); check the credentials in http-proxy or HTTPS_PROXY.`;
    }
    if (status && status >= 500) {
        return `${prefix} — the service failed (HTTP ${status}) after ${tried}; retry later or raise max-attempts.`;
    }
    const detail = name === 'Error' || message.startsWith(name) ? prefix : `${service} ${where}: ${name}: ${message}`;
    return status ? `${detail} (HTTP ${status})` : detail;
}


/***/ }),

/***/ 3898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loginCodeArtifact: () => (/* binding */ loginCodeArtifact)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(7394);
;// CONCATENATED MODULE: ./src/clients/context.ts
/** The user name CodeArtifact's Basic auth expects with the token. */
const CODEARTIFACT_USERNAME = 'aws';
/** Always exported with the token, as `aws codeartifact` users expect. */
const TOKEN_VARIABLE = 'CODEARTIFACT_AUTH_TOKEN';
/**
 * The variable files we write refer to (`${CODEARTIFACT_AUTH_TOKEN_ACME}`): one per domain (and
 * owner), so that two instances for two domains in one job do not overwrite each other's token.
 */
function domainTokenVariable(domain, owner) {
    return [TOKEN_VARIABLE, domain, owner].filter(Boolean).join('_').toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
function endpointFor(context, format) {
    const endpoint = context.endpoints[format];
    if (!endpoint)
        throw new Error(`CodeArtifact returned no ${format} endpoint for repository ${context.inputs.repository}`);
    return endpoint;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/ini/lib/ini.js
var ini = __webpack_require__(5756);
// EXTERNAL MODULE: ./src/platform.ts
var src_platform = __webpack_require__(3728);
;// CONCATENATED MODULE: ./src/clients/npm.ts
/**
 * npm and pnpm: a private npmrc under RUNNER_TEMP that starts as a copy of the user's current npmrc
 * (the one NPM_CONFIG_USERCONFIG points at, e.g. actions/setup-node's, or ~/.npmrc), plus the
 * registry (or per-scope registries) and `//host/path/:_authToken=${CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}`.
 * Later steps get it through NPM_CONFIG_USERCONFIG; the user's files are never written.
 */




/** setup-node exports this placeholder when no token is given; replacing it is always safe. */
const SETUP_NODE_PLACEHOLDER = 'XXXXX-XXXXX-XXXXX-XXXXX';
/** `https://host/npm/repo/` → `//host/npm/repo/`, the key npm uses for per-registry settings. */
function nerfDart(url) {
    const parsed = new URL(url);
    return `//${parsed.host}${parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`}`;
}
/** The user's npmrc with CodeArtifact as the registry (or the registry of each scope) and its token reference. */
function npmrcWithRegistry(text, endpoint, scopes, tokenVariable) {
    const config = ini.parse(text);
    if (scopes.length === 0)
        config.registry = endpoint;
    for (const scope of scopes)
        config[`${scope}:registry`] = endpoint;
    config[`${nerfDart(endpoint)}:_authToken`] = `\${${tokenVariable}}`;
    return ini.stringify(config);
}
function userNpmrcPath(env, homedir, platform = process.platform) {
    return env.NPM_CONFIG_USERCONFIG || env.npm_config_userconfig || (0,src_platform/* pathFor */.p0)(platform).join(homedir, '.npmrc');
}
async function readIfExists(file) {
    try {
        return await promises_.readFile(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return '';
        throw new Error(`cannot read ${file}: ${error.message}`);
    }
}
const npm = {
    format: 'npm',
    async configure(context) {
        const endpoint = endpointFor(context, 'npm');
        const current = userNpmrcPath(context.env, context.homedir);
        const text = npmrcWithRegistry(await readIfExists(current), endpoint, context.inputs.npmScopes, context.tokenVariable);
        const file = await context.workspace.writePrivate('npmrc', text);
        const env = { NPM_CONFIG_USERCONFIG: file, [context.tokenVariable]: context.token };
        if (context.env.npm_config_userconfig)
            env.npm_config_userconfig = file;
        const nodeAuthToken = context.env.NODE_AUTH_TOKEN;
        if (!nodeAuthToken || nodeAuthToken === SETUP_NODE_PLACEHOLDER)
            env.NODE_AUTH_TOKEN = context.token;
        return env;
    },
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/workspace.ts
var workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/clients/yarn.ts
/**
 * yarn (berry). Without scopes, environment alone does it: YARN_NPM_REGISTRY_SERVER,
 * YARN_NPM_AUTH_TOKEN, YARN_NPM_ALWAYS_AUTH. Scopes can only be set in a file: ~/.yarnrc.yml gets
 * `npmScopes` entries whose token is `${CODEARTIFACT_AUTH_TOKEN_<DOMAIN>}`, after a byte-exact backup that the
 * post step puts back.
 */





/** The yarnrc text with one `npmScopes` entry per scope (names without `@`), comments kept. */
function yarnrcWithScopes(text, endpoint, scopes, tokenVariable) {
    const document = (0,dist/* parseDocument */.Tp)(text);
    if (document.errors.length > 0)
        throw new Error(`cannot parse .yarnrc.yml: ${document.errors[0]?.message}`);
    for (const scope of scopes) {
        const name = scope.replace(/^@/, '');
        document.setIn(['npmScopes', name, 'npmRegistryServer'], endpoint);
        document.setIn(['npmScopes', name, 'npmAuthToken'], `\${${tokenVariable}}`);
        document.setIn(['npmScopes', name, 'npmAlwaysAuth'], true);
    }
    return document.toString();
}
const yarn = {
    format: 'npm',
    async configure(context) {
        const endpoint = endpointFor(context, 'npm');
        if (context.inputs.npmScopes.length === 0) {
            return { YARN_NPM_REGISTRY_SERVER: endpoint, YARN_NPM_AUTH_TOKEN: context.token, YARN_NPM_ALWAYS_AUTH: 'true' };
        }
        // yarn's home rc (also on Windows); through a symlink, the file it points at.
        const file = await (0,workspace/* realFile */.Vt)(external_node_path_.join(context.homedir, '.yarnrc.yml'));
        const text = await promises_.readFile(file, 'utf8').catch((error) => {
            if (error.code === 'ENOENT')
                return '';
            throw new Error(`cannot read ${file}: ${error.message}`);
        });
        const { backup, mode } = await (0,workspace/* backupFile */.LL)(file, context.workspace);
        const updated = yarnrcWithScopes(text, endpoint, context.inputs.npmScopes, context.tokenVariable);
        context.undo.add({ kind: 'restore', description: `restore ${file}`, path: file, backup, mode });
        await promises_.writeFile(file, updated, { mode: 0o600 });
        return { [context.tokenVariable]: context.token };
    },
};

;// CONCATENATED MODULE: ./src/clients/pip.ts
/** pip: PIP_INDEX_URL (CodeArtifact replaces PyPI) or PIP_EXTRA_INDEX_URL (beside it), credentials in the URL. */

/** `https://host/pypi/repo/` → `https://aws:<percent-encoded token>@host/pypi/repo/simple/`. */
function simpleIndexUrl(endpoint, token) {
    const url = new URL('simple/', endpoint);
    if (token !== undefined) {
        url.username = CODEARTIFACT_USERNAME;
        url.password = encodeURIComponent(token);
    }
    return url.toString();
}
const pip = {
    format: 'pypi',
    async configure(context) {
        const url = simpleIndexUrl(endpointFor(context, 'pypi'), context.token);
        if (context.inputs.pipIndex === 'index')
            return { PIP_INDEX_URL: url };
        const existing = context.env.PIP_EXTRA_INDEX_URL?.trim();
        return { PIP_EXTRA_INDEX_URL: existing ? `${existing} ${url}` : url };
    },
};

;// CONCATENATED MODULE: ./src/clients/uv.ts
/**
 * uv: the default index (credentials in the URL) or a named extra index `codeartifact` with
 * UV_INDEX_CODEARTIFACT_USERNAME/PASSWORD; and the publish URL and credentials for `uv publish`.
 */


const UV_INDEX_NAME = 'codeartifact';
const uv = {
    format: 'pypi',
    async configure(context) {
        const endpoint = endpointFor(context, 'pypi');
        const publish = { UV_PUBLISH_URL: endpoint, UV_PUBLISH_USERNAME: CODEARTIFACT_USERNAME, UV_PUBLISH_PASSWORD: context.token };
        if (context.inputs.pipIndex === 'index')
            return { UV_DEFAULT_INDEX: simpleIndexUrl(endpoint, context.token), ...publish };
        const named = `${UV_INDEX_NAME}=${simpleIndexUrl(endpoint)}`;
        const existing = context.env.UV_INDEX?.trim();
        const variable = UV_INDEX_NAME.toUpperCase();
        return {
            UV_INDEX: existing ? `${existing} ${named}` : named,
            [`UV_INDEX_${variable}_USERNAME`]: CODEARTIFACT_USERNAME,
            [`UV_INDEX_${variable}_PASSWORD`]: context.token,
            ...publish,
        };
    },
};

;// CONCATENATED MODULE: ./src/clients/poetry.ts
/**
 * poetry: a repository named `codeartifact` (for `poetry publish -r codeartifact`) and HTTP basic
 * credentials for it, which poetry also uses for a pyproject source of that name.
 */

const POETRY_REPOSITORY = 'codeartifact';
const poetry = {
    format: 'pypi',
    async configure(context) {
        const name = POETRY_REPOSITORY.toUpperCase();
        return {
            [`POETRY_REPOSITORIES_${name}_URL`]: endpointFor(context, 'pypi'),
            [`POETRY_HTTP_BASIC_${name}_USERNAME`]: CODEARTIFACT_USERNAME,
            [`POETRY_HTTP_BASIC_${name}_PASSWORD`]: context.token,
        };
    },
};

;// CONCATENATED MODULE: ./src/clients/twine.ts
/** twine: the repository URL and credentials, from the environment twine reads. */

const twine = {
    format: 'pypi',
    async configure(context) {
        return {
            TWINE_REPOSITORY_URL: endpointFor(context, 'pypi'),
            TWINE_USERNAME: CODEARTIFACT_USERNAME,
            TWINE_PASSWORD: context.token,
        };
    },
};

;// CONCATENATED MODULE: ./src/clients/index.ts






const PACKAGE_CLIENTS = {
    npm: npm,
    pnpm: npm, // pnpm reads the same npmrc
    yarn: yarn,
    pip: pip,
    uv: uv,
    poetry: poetry,
    twine: twine,
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codeartifact/dist-cjs/index.js
var dist_cjs = __webpack_require__(3380);
// EXTERNAL MODULE: ./src/mask.ts
var mask = __webpack_require__(5235);
// EXTERNAL MODULE: ./src/aws/client-config.ts
var client_config = __webpack_require__(6925);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/aws/codeartifact.ts
/** AWS CodeArtifact: the authorization token and the repository endpoints, all requested at once. */





async function getCodeArtifactCredential(request, options) {
    const client = new dist_cjs/* CodeartifactClient */.doD((0,client_config/* clientConfig */.yO)({ ...options, region: request.region }));
    const where = `${request.region} (domain ${request.domain})`;
    const fail = (error) => {
        throw new Error((0,errors/* explainAwsError */.N)(error, 'codeartifact', where, options.maxAttempts));
    };
    const tokenCall = client
        .send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6({
        domain: request.domain,
        domainOwner: request.domainOwner,
        durationSeconds: request.durationSeconds,
    }))
        .then((response) => {
        const token = response.authorizationToken ?? '';
        if (token && options.mask)
            (0,mask/* maskSecret */.$)(token, [CODEARTIFACT_USERNAME]);
        return { token, expiresAt: response.expiration };
    }, fail);
    const endpointCalls = request.formats.map((format) => client
        .send(new dist_cjs/* GetRepositoryEndpointCommand */.Z3Z({
        domain: request.domain,
        domainOwner: request.domainOwner,
        repository: request.repository,
        format: format,
        endpointType: request.endpointType,
    }))
        .then((response) => [format, withSlash(response.repositoryEndpoint ?? '')], fail));
    // Every call runs at once. The first failure (the token's, when it failed) is the one to read;
    // the others usually repeat it for each endpoint.
    const results = await Promise.allSettled([tokenCall, ...endpointCalls]);
    const failures = [...new Set(results.flatMap((result) => (result.status === 'rejected' ? [result.reason.message] : [])))];
    if (failures.length > 1)
        throw new Error(`${failures[0]} (${failures.length - 1} more call${failures.length > 2 ? 's' : ''} failed too)`);
    if (failures.length > 0)
        throw new Error(failures[0]);
    const [token, ...endpoints] = results.map((result) => result.value);
    const { token: value, expiresAt } = token;
    if (!value)
        throw new Error(`codeartifact ${where}: GetAuthorizationToken returned no token`);
    return { token: value, expiresAt, endpoints: Object.fromEntries(endpoints) };
}
const withSlash = (url) => (url && !url.endsWith('/') ? `${url}/` : url);

// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/login-codeartifact.ts
/**
 * AWS CodeArtifact: token and endpoints (one concurrent batch, masked) → outputs → each tool
 * configured → environment exported → job summary.
 */






async function loginCodeArtifact(inputs, undo, workspace) {
    const clients = inputs.tools.map((tool) => [tool, PACKAGE_CLIENTS[tool]]);
    const formats = [...new Set(clients.flatMap(([, client]) => (client ? [client.format] : [])))];
    const credential = await core/* group */.Os('Getting the CodeArtifact token and endpoints', () => {
        const owner = inputs.domainOwner ? ` (owner ${inputs.domainOwner})` : '';
        const endpoints = formats.length > 0 ? ` and the ${formats.join(', ')} endpoints of ${inputs.repository}` : '';
        core/* info */.pq(`Requesting a token for domain ${inputs.domain}${owner}${endpoints} in ${inputs.region}`);
        return getCodeArtifactCredential({
            region: inputs.region ?? '',
            domain: inputs.domain ?? '',
            domainOwner: inputs.domainOwner,
            durationSeconds: inputs.durationSeconds,
            repository: inputs.repository,
            formats,
            endpointType: inputs.endpointType,
        }, { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword });
    });
    setCodeArtifactOutputs(credential);
    const exported = [];
    const exportAll = (variables) => {
        if (!inputs.exportEnv)
            return;
        for (const [name, value] of Object.entries(variables)) {
            core/* exportVariable */.dN(name, value);
            if (!exported.includes(name))
                exported.push(name);
        }
    };
    exportAll({ [TOKEN_VARIABLE]: credential.token });
    const done = new Set();
    for (const [tool, client] of clients) {
        if (!client)
            throw new Error(`Input 'tools': ${tool} is not supported by this version`);
        if (done.has(client))
            continue;
        done.add(client);
        await core/* group */.Os(`Configuring ${tool}`, async () => {
            const variables = await client.configure({
                token: credential.token, tokenVariable: domainTokenVariable(inputs.domain ?? '', inputs.domainOwner), endpoints: credential.endpoints, inputs, workspace, undo, env: process.env, homedir: (0,src_platform/* homeDirectory */.RE)(),
            });
            exportAll(variables);
            const names = Object.keys(variables);
            core/* info */.pq(`${tool}: ${credential.endpoints[client.format]}${names.length > 0 ? ` (through ${names.join(', ')})` : ''}`);
        });
    }
    await (0,outputs/* writeCodeArtifactSummary */.lW)(inputs, credential, exported);
}
function setCodeArtifactOutputs(credential) {
    core/* setOutput */.uH('token', credential.token);
    core/* setOutput */.uH('username', CODEARTIFACT_USERNAME);
    if (credential.expiresAt)
        core/* setOutput */.uH('expiration', credential.expiresAt.toISOString());
    const first = Object.values(credential.endpoints)[0];
    if (first)
        core/* setOutput */.uH('registry', first);
    core/* setOutput */.uH('endpoints', JSON.stringify(credential.endpoints));
}


/***/ }),

/***/ 7729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lW: () => (/* binding */ writeCodeArtifactSummary),
/* harmony export */   mL: () => (/* binding */ setRegistryOutputs),
/* harmony export */   pW: () => (/* binding */ writeRegistrySummary)
/* harmony export */ });
/* unused harmony exports outputSuffix, earliest */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7394);
/** Step outputs and the job summary for registry logins. No secret reaches the summary. */

/** amazon-ecr-login's output suffix: every run of characters outside [a-zA-Z0-9_] becomes `_`. */
function outputSuffix(host) {
    return host.replace(/[^a-zA-Z0-9_]+/g, '_');
}
function earliest(dates) {
    const times = dates.flatMap((date) => (date ? [date.getTime()] : []));
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
function setRegistryOutputs(credentials) {
    const first = credentials[0];
    if (!first)
        return;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('registry', first.host);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('registries', credentials.map((credential) => credential.host).join(','));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('username', first.username);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('token', first.password);
    const expiration = earliest(credentials.map((credential) => credential.expiresAt));
    if (expiration)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('expiration', expiration.toISOString());
    for (const credential of credentials) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(`docker_username_${outputSuffix(credential.host)}`, credential.username);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(`docker_password_${outputSuffix(credential.host)}`, credential.password);
    }
}
async function writeRegistrySummary(service, credentials, tools) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const rows = credentials.map((credential) => [
        credential.host,
        credential.region,
        credential.expiresAt ? credential.expiresAt.toISOString() : 'unknown',
    ]);
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`Registry login: ${service === 'ecr-public' ? 'Amazon ECR Public' : 'Amazon ECR'}`, 3)
        .addTable([[{ data: 'Registry', header: true }, { data: 'Region', header: true }, { data: 'Expires (UTC)', header: true }], ...rows])
        .addRaw(`Configured: ${tools.length > 0 ? tools.join(', ') : 'no client (outputs only)'}`, true)
        .write();
}
async function writeCodeArtifactSummary(inputs, credential, exported) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const rows = Object.entries(credential.endpoints).map(([format, endpoint]) => [format, endpoint]);
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`CodeArtifact: ${inputs.domain}${inputs.repository ? ` / ${inputs.repository}` : ''}`, 3)
        .addList([
        `Region: ${inputs.region}${inputs.domainOwner ? `, domain owner ${inputs.domainOwner}` : ''}`,
        `Expires (UTC): ${credential.expiresAt ? credential.expiresAt.toISOString() : 'unknown'}`,
        `Configured: ${inputs.tools.length > 0 ? inputs.tools.join(', ') : 'no client (outputs only)'}`,
        `Environment for later steps: ${exported.length > 0 ? exported.join(', ') : 'none'}`,
    ]);
    if (rows.length > 0)
        summary.addTable([[{ data: 'Format', header: true }, { data: 'Repository endpoint', header: true }], ...rows]);
    await summary.write();
}


/***/ })

};

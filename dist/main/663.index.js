export const id = 663;
export const ids = [663];
export const modules = {

/***/ 4:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ decodeAuthorization),
/* harmony export */   w: () => (/* binding */ hostOf)
/* harmony export */ });
/* harmony import */ var _mask_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5235);
/** Decoding ECR authorization data into registry credentials, masked as soon as they exist. */

/** Decodes `base64(user:password)`; masks the token and every form of the password first when `mask`. */
function decodeAuthorization(data, mask, where) {
    const token = data.authorizationToken ?? '';
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon > 0 ? decoded.slice(0, colon) : '';
    const password = colon > 0 ? decoded.slice(colon + 1) : '';
    if (mask) {
        (0,_mask_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecret */ .$)(token);
        (0,_mask_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSecret */ .$)(password, [username]);
    }
    if (!username || !password)
        throw new Error(`${where}: the authorization token returned is not in the user:password form`);
    return { username, password };
}
/** `https://123456789012.dkr.ecr.us-east-1.amazonaws.com` → `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
function hostOf(endpoint) {
    return endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}


/***/ }),

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

/***/ 8663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   getEcrCredentials: () => (/* binding */ getEcrCredentials)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8249);
/* harmony import */ var _registries_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4316);
/* harmony import */ var _client_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6925);
/* harmony import */ var _authorization_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/** Amazon ECR (private): one GetAuthorizationToken call per region, all regions in parallel. */





/**
 * Credentials for every registry, in input order; no registries means the caller's own registry in
 * `region`. Any failed region fails the whole call, so nothing is logged in when something is missing.
 */
async function getEcrCredentials(registries, region, options) {
    const groups = registries.length > 0 ? (0,_registries_js__WEBPACK_IMPORTED_MODULE_3__/* .groupByRegion */ .zh)(registries) : [{ region, fips: false, registries: [] }];
    const results = await Promise.allSettled(groups.map((group) => credentialsForGroup(group, options)));
    // One line per cause: regions that failed the same way (no credentials, say) share a line.
    const failures = new Set(results.flatMap((result) => (result.status === 'rejected' ? [errorMessage(result.reason)] : [])));
    if (failures.size > 0)
        throw new Error([...failures].join('\n'));
    const found = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    if (registries.length === 0)
        return found.map(({ credential }) => credential);
    return registries.map((registry) => found.find((item) => item.registry === registry)?.credential);
}
async function credentialsForGroup(group, options) {
    const where = `${group.region}${group.fips ? ' (FIPS)' : ''}`;
    const accounts = [...new Set(group.registries.map((registry) => registry.account))];
    const client = new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_4__/* .ECRClient */ .S70((0,_client_config_js__WEBPACK_IMPORTED_MODULE_0__/* .clientConfig */ .yO)({ ...options, region: group.region, useFipsEndpoint: group.fips }));
    // The API takes at most 10 registry ids a call; more than that in one region go in parallel calls.
    const batches = accounts.length > 0 ? chunks(accounts, 10).map((registryIds) => ({ registryIds })) : [{}];
    let data;
    try {
        const responses = await Promise.all(batches.map((input) => client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_4__/* .GetAuthorizationTokenCommand */ .Eu6(input))));
        data = responses.flatMap((response) => response.authorizationData ?? []);
    }
    catch (error) {
        throw new Error((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .explainAwsError */ .N)(error, 'ecr', where, options.maxAttempts));
    }
    if (data.length === 0 || data.length < accounts.length) {
        throw new Error(`ecr ${where}: GetAuthorizationToken returned ${data.length} authorization(s) for ${Math.max(accounts.length, 1)} registr${accounts.length > 1 ? 'ies' : 'y'}`);
    }
    const credentials = data.map((item) => ({ item, ...(0,_authorization_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeAuthorization */ .I)(item, options.mask, `ecr ${where}`) }));
    const byAccount = (account, index) => credentials.find(({ item }) => (0,_authorization_js__WEBPACK_IMPORTED_MODULE_1__/* .hostOf */ .w)(item.proxyEndpoint ?? '').startsWith(`${account}.`)) ?? credentials[index];
    if (accounts.length === 0) {
        return credentials.map(({ item, username, password }) => ({
            credential: { host: (0,_authorization_js__WEBPACK_IMPORTED_MODULE_1__/* .hostOf */ .w)(item.proxyEndpoint ?? ''), region: group.region, username, password, expiresAt: item.expiresAt },
        }));
    }
    return group.registries.map((registry) => {
        const found = byAccount(registry.account, accounts.indexOf(registry.account));
        if (!found)
            throw new Error(`ecr ${where}: no authorization returned for ${registry.account}`);
        const credential = {
            host: registry.host ?? (0,_authorization_js__WEBPACK_IMPORTED_MODULE_1__/* .hostOf */ .w)(found.item.proxyEndpoint ?? ''),
            region: group.region,
            account: registry.account,
            username: found.username,
            password: found.password,
            expiresAt: found.item.expiresAt,
        };
        return { registry, credential };
    });
}
function chunks(items, size) {
    return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
function errorMessage(reason) {
    return reason instanceof Error ? reason.message : String(reason);
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


/***/ })

};

export const id = 997;
export const ids = [997];
export const modules = {

/***/ 1997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loginEcr: () => (/* binding */ loginEcr)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7394);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7729);
/** Amazon ECR and ECR Public: credentials (masked) → outputs → registry logins → job summary. */


async function loginEcr(inputs, undo, workspace) {
    const label = inputs.service === 'ecr-public' ? 'ECR Public' : 'ECR';
    const credentials = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Getting ${label} credentials`, () => getCredentials(inputs));
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .setRegistryOutputs */ .mL)(credentials);
    if (inputs.tools.length > 0) {
        const { loginRegistries } = await __webpack_require__.e(/* import() */ 64).then(__webpack_require__.bind(__webpack_require__, 6064));
        for (const tool of inputs.tools) {
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Logging in ${tool}`, () => loginRegistries(tool, credentials, undo, workspace));
        }
    }
    await (0,_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .writeRegistrySummary */ .pW)(inputs.service, credentials, inputs.tools);
}
async function getCredentials(inputs) {
    const options = { maxAttempts: inputs.maxAttempts, httpProxy: inputs.httpProxy, mask: inputs.maskPassword };
    if (inputs.service === 'ecr-public') {
        const { getEcrPublicCredentials } = await Promise.all(/* import() */[__webpack_require__.e(75), __webpack_require__.e(821), __webpack_require__.e(365)]).then(__webpack_require__.bind(__webpack_require__, 9365));
        return getEcrPublicCredentials(options);
    }
    const regions = [...new Set(inputs.registries.map((registry) => registry.region))];
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Requesting ECR tokens in ${regions.length > 0 ? regions.join(', ') : inputs.region}`);
    const { getEcrCredentials } = await Promise.all(/* import() */[__webpack_require__.e(75), __webpack_require__.e(249), __webpack_require__.e(663)]).then(__webpack_require__.bind(__webpack_require__, 8663));
    return getEcrCredentials(inputs.registries, inputs.region ?? '', options);
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

// @ts-check
/**
 * Shared JSDoc types of the local AWS emulator. This module has no runtime content.
 *
 * @typedef {'ecr' | 'ecr-public' | 'codeartifact'} ServiceName
 * @typedef {'json' | 'rest'} WireProtocol  awsJson1_1 or restJson1
 *
 * @typedef {object} EmulatorCredential
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {string} [sessionToken]  when set, requests must carry exactly this x-amz-security-token
 * @property {string} [account]       caller account for this key (default: the emulator's `account`)
 *
 * @typedef {'throttle' | 'server-error' | 'unavailable' | 'delay' | 'malformed' | 'denied' | 'reset' | 'expired' | 'hang' | 'trickle'} FaultKind
 *   hang: the request is read and never answered; trickle: headers, then one body byte every 500 ms, never complete
 *
 * @typedef {object} FaultSpec
 * @property {FaultKind} kind
 * @property {ServiceName} [service]   match only this service (default: any)
 * @property {string} [operation]      match only this operation, e.g. 'GetAuthorizationToken'
 * @property {string} [region]         match only calls signed for this region
 * @property {number} [times]          how many matching requests get the fault (default: until cleared)
 * @property {number} [delayMs]        for 'delay' (default 1000)
 * @property {string} [message]        overrides the error message
 *
 * @typedef {object} FaultHandle
 * @property {number} hits     how many requests this fault has hit so far
 * @property {() => void} clear
 *
 * @typedef {object} RequestRecord
 * @property {ServiceName | 'unknown'} service
 * @property {string} operation
 * @property {string | undefined} region       region of the credential scope
 * @property {string | undefined} accessKeyId
 * @property {boolean} signatureValid
 * @property {Record<string, unknown>} params  parsed JSON body (awsJson) or raw query values (restJson)
 * @property {number} status                   HTTP status sent; 0 when the socket was destroyed
 * @property {number} at                       Date.now() when the request arrived
 * @property {string} [error]                  error code sent, e.g. 'InvalidSignatureException'
 * @property {FaultKind} [fault]               the injected fault, if any
 *
 * @typedef {Partial<Pick<RequestRecord, 'service' | 'operation' | 'region' | 'accessKeyId'>>
 *   | ((record: RequestRecord) => boolean)} CallFilter
 *
 * @typedef {object} EmulatorOptions
 * @property {string} [account]   caller account (default '123456789012')
 * @property {EmulatorCredential[]} [credentials]  accepted keys (default AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY)
 * @property {(account: string, region: string, service: 'ecr' | 'ecr-public') => string} [password]
 * @property {(domain: string, owner: string, region: string) => string} [token]
 * @property {(account: string, region: string) => string} [proxyEndpoint]
 * @property {(args: { domain: string, owner: string, repository: string, format: string, region: string, endpointType: string }) => string} [repositoryEndpoint]
 * @property {number} [expiresInSeconds]  token lifetime (default 43200 = 12 h)
 * @property {number} [port]              default 0 (ephemeral)
 *
 * @typedef {object} EmulatorEnv
 * @property {string} AWS_ENDPOINT_URL_ECR
 * @property {string} AWS_ENDPOINT_URL_ECR_PUBLIC
 * @property {string} AWS_ENDPOINT_URL_CODEARTIFACT
 * @property {string} AWS_ACCESS_KEY_ID
 * @property {string} AWS_SECRET_ACCESS_KEY
 * @property {string} [AWS_SESSION_TOKEN]
 * @property {'true'} AWS_EC2_METADATA_DISABLED
 *
 * @typedef {object} Emulator
 * @property {string} url
 * @property {number} port
 * @property {EmulatorEnv} env
 * @property {RequestRecord[]} requests
 * @property {(filter?: CallFilter) => RequestRecord[]} calls
 * @property {(spec: FaultSpec) => FaultHandle} fault
 * @property {() => void} clearFaults
 * @property {() => void} reset
 * @property {() => string[]} secrets
 * @property {() => Promise<void>} stop
 *
 * What a handler answers; index.js renders it in the service's wire protocol.
 * @typedef {object} Answer
 * @property {number} status
 * @property {unknown} [body]                     JSON body of a success
 * @property {string} [raw]                       raw body (for 'malformed')
 * @property {{ code: string, message: string }} [error]
 * @property {Record<string, string>} [headers]
 *
 * @typedef {object} CallContext
 * @property {string} account   caller account
 * @property {string} region
 * @property {number} now       ms
 * @property {Required<Pick<EmulatorOptions, 'expiresInSeconds'>> & EmulatorOptions} options
 * @property {(secret: string) => void} remember
 */
export {}

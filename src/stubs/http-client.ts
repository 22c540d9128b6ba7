/**
 * Stands in for @actions/http-client in the bundle. @actions/core imports it only for getIDToken
 * (OIDC), which this action never calls; the real one brings undici, about 430 KB of the bundle and
 * a measurable part of every step's start-up.
 */
const unavailable = (): never => {
  throw new Error('HTTP requests through @actions/http-client are not available in this action')
}

export class HttpClient {
  constructor() {
    unavailable()
  }
}

export class BearerCredentialHandler {
  constructor() {
    unavailable()
  }
}

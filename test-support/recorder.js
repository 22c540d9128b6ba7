// @ts-check
/**
 * A stand-in for a registry the credential must never reach (npmjs.org, a project's other scope):
 * on 127.0.0.1 (or another loopback address, for clients that key credentials by host), it answers
 * every request 404 with a JSON body and records what each one carried.
 */
import http from 'node:http'

/**
 * @typedef {{ method: string, url: string, authorization: string | undefined }} RecordedRequest
 * @param {string} [host] the loopback address to listen on
 * @returns {Promise<{ url: string, port: number, requests: RecordedRequest[], stop(): Promise<void> }>}
 */
export async function startRecorder(host = '127.0.0.1') {
  /** @type {RecordedRequest[]} */
  const requests = []
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization })
    req.resume()
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
  })
  await new Promise((resolve) => server.listen(0, host, () => resolve(undefined)))
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port
  return {
    url: `http://${host}:${port}/`,
    port,
    requests,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

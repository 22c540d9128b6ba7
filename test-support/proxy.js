// @ts-check
/**
 * A forward proxy for tests: answers CONNECT by tunnelling to the target on loopback, and records
 * each tunnel (target and the Proxy-Authorization it carried). Optional Basic credentials are
 * required when given. `hosts` names other hosts it tunnels to 127.0.0.1 (a stand-in for DNS), so
 * that a client can be shown a non-loopback name while everything stays on this machine.
 */
import http from 'node:http'
import net from 'node:net'

/**
 * @typedef {{ target: string, authorization: string | undefined, allowed: boolean }} Tunnel
 * @param {{ username?: string, password?: string, hosts?: string[] }} [options]
 * @returns {Promise<{ url: string, port: number, tunnels: Tunnel[], stop(): Promise<void> }>}
 */
export async function startProxy(options = {}) {
  /** @type {Tunnel[]} */
  const tunnels = []
  /** @type {Set<net.Socket>} */
  const sockets = new Set()
  const expected = options.username
    ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
    : undefined
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end('only CONNECT')
  })
  server.on('connect', (req, clientSocket, head) => {
    const socket = /** @type {net.Socket} */ (clientSocket)
    const target = req.url ?? ''
    const authorization = req.headers['proxy-authorization']
    const [host, port] = target.split(':')
    const allowed = (!expected || authorization === expected) && (host === '127.0.0.1' || host === 'localhost' || (options.hosts ?? []).includes(host ?? ''))
    tunnels.push({ target, authorization, allowed })
    if (!allowed) {
      socket.end(`HTTP/1.1 ${expected && authorization !== expected ? '407 Proxy Authentication Required' : '403 Forbidden'}\r\n\r\n`)
      return
    }
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
    for (const s of [socket, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const port = /** @type {net.AddressInfo} */ (server.address()).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    stop: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}

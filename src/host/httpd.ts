// Apache httpd 2.4.57 as RHEL 9 configures it: DocumentRoot /var/www/html, index.html, the welcome
// page with 403 when there is none, 404 otherwise, the combined access_log, and port 443 once
// mod_ssl is installed (TLS itself is not modelled: the payload is the same HTTP exchange).
// Persistent connections follow ap_set_keepalive (http_protocol.c) with the stock KeepAlive On,
// MaxKeepAliveRequests 100, KeepAliveTimeout 5: an HTTP/1.0 client without `Connection:
// keep-alive` gets `Connection: close` and a FIN after the response (ApacheBench without -k).

import { formatIp } from '../net/addr.ts'
import { byteLength } from '../net/packet.ts'
import { apacheDate, httpDate } from './clock.ts'
import type { FileSystem } from './fs.ts'
import type { TcpSocket, TcpStack } from './tcp.ts'

export const SERVER_TOKEN = 'Apache/2.4.57 (Rocky Linux)'

const PROCESSING_US = 500
const KEEPALIVE_MAX = 100
const KEEPALIVE_TIMEOUT_US = 5_000_000
const REQUEST_TIMEOUT_US = 20_000_000

const NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`

/** What ap_unescape_url's refusal of a bad %-escape becomes (Apache closes the connection after it). */
const BAD_REQUEST = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>400 Bad Request</title>
</head><body>
<h1>Bad Request</h1>
<p>Your browser sent a request that this server could not understand.<br />
</p>
</body></html>
`

/** The URL path decoded as Apache does, or null for an escape that is not %XX or not valid UTF-8. */
function unescapePath(target: string): string | null {
  const q = target.indexOf('?')
  const path = q < 0 ? target : target.slice(0, q)
  // Without a % there is nothing to decode (the request of every curl loop).
  if (!path.includes('%')) return path
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

export const TEST_PAGE = `<!doctype html>
<html>
  <head>
    <meta charset='utf-8'>
    <meta name='viewport' content='width=device-width, initial-scale=1'>
    <title>HTTP Server Test Page powered by: Rocky Linux</title>
  </head>
  <body>
    <h1>HTTP Server <strong>Test Page</strong></h1>
    <p>This page is used to test the proper operation of an HTTP server after it has been installed on a Rocky Linux system.</p>
    <p>If you can read this page, it means that the software is working correctly.</p>
  </body>
</html>
`

export class Httpd {
  private ports: number[] = []
  /** Date strings are recomputed once per second, as Apache's own time caches do. */
  private dates = { epoch: -1, http: '', apache: '' }

  constructor(
    private readonly tcp: TcpStack,
    private readonly fs: FileSystem,
    private readonly now: () => number,
    private readonly ssl: () => boolean,
    /** Is the toa module loaded (so getpeername() returns the client behind a FULLNAT director)? */
    private readonly toa: () => boolean,
    /** Runs a callback after a delay on the virtual clock. */
    private readonly after: (us: number, fn: () => void) => { cancel(): void },
  ) {}

  start(): number[] {
    this.ports = this.ssl() ? [443, 80] : [80]
    for (const port of this.ports) this.tcp.listen(port, (sock) => this.serve(sock, port === 443))
    return this.ports
  }

  /** Is this one of the ports Apache listens on (what ss -p attributes to httpd)? */
  listensOn(port: number): boolean {
    return this.ports.includes(port)
  }

  stop(): void {
    for (const port of this.ports) this.tcp.unlisten(port)
    this.ports = []
  }

  private serve(sock: TcpSocket, tls: boolean): void {
    let buffer = ''
    let pending = 0
    let peerDone = false
    const conn: { served: number; idle: { cancel(): void } | null } = { served: 0, idle: null }
    const arm = (us: number, onExpire: () => void) => {
      conn.idle?.cancel()
      conn.idle = this.after(us, onExpire)
    }
    // mod_reqtimeout (header=20-40): a connection that sends no request within 20 s is closed, and
    // Apache logs it as a 408 with no request line.
    arm(REQUEST_TIMEOUT_US, () => {
      if (sock.state === 'CLOSED') return
      this.fs.append(tls ? '/var/log/httpd/ssl_access_log' : '/var/log/httpd/access_log', `${formatIp(sock.remoteIp)} - - ${apacheDate(this.now())} "-" 408 -${tls ? '' : ' "-" "-"'}\n`)
      sock.close()
    })
    sock.onData = (text) => {
      buffer += text
      // Apache reads lines ending in LF with or without the CR (ap_rgetline), so a request typed
      // into nc without -C still ends at its first empty line.
      const m = /\r?\n\r?\n/.exec(buffer)
      if (!m) return
      conn.idle?.cancel()
      conn.idle = null
      const head = buffer.slice(0, m.index).replace(/\r?\n/g, '\r\n')
      buffer = buffer.slice(m.index + m[0].length)
      pending++
      // A worker thread takes about half a millisecond to answer: meanwhile the kernel has already
      // ACKed the request on its own (Linux's quick ACK at the start of a connection).
      this.after(PROCESSING_US, () => {
        pending--
        conn.served++
        const keep = this.respond(sock, head, tls, KEEPALIVE_MAX - (conn.served - 1))
        if (!keep || (peerDone && !pending)) sock.close()
        else arm(KEEPALIVE_TIMEOUT_US, () => sock.close())
      })
    }
    // A client that half-closes after its request (ncat at end of stdin) still gets the answer.
    sock.onPeerClose = () => {
      peerDone = true
      if (pending) return
      conn.idle?.cancel()
      sock.close()
    }
  }

  /**
   * A file's Last-Modified, ETag and Content-Length lines, remembered for the file last served
   * while its mtime and size hold: a request loop asks for the same page every time.
   */
  private validatorsOf(mtime: number, len: number): { lastModified: string; etag: string; length: string } {
    const v = this.validators
    if (v.mtime !== mtime || v.len !== len) {
      this.validators = { mtime, len, lastModified: `Last-Modified: ${httpDate(mtime)}`, etag: `ETag: "${len.toString(16)}-${(mtime * 1e6).toString(16)}"`, length: `Content-Length: ${len}` }
    }
    return this.validators
  }

  private validators = { mtime: NaN, len: -1, lastModified: '', etag: '', length: '' }

  /** Answers one request; returns whether the connection stays open for another. */
  private respond(sock: TcpSocket, head: string, tls: boolean, left: number): boolean {
    const eol = head.indexOf('\r\n')
    const requestLine = eol < 0 ? head : head.slice(0, eol)
    const [method = 'GET', target = '/', version = 'HTTP/1.1'] = requestLine.split(' ')
    const ua = field(head, 'user-agent') ?? '-'
    const path = unescapePath(target)
    const file = path?.endsWith('/') ? `/var/www/html${path}index.html` : `/var/www/html${path}`
    const node = path === null ? undefined : this.fs.stat(file)
    const epoch = this.now()
    if (epoch !== this.dates.epoch) this.dates = { epoch, http: httpDate(epoch), apache: apacheDate(epoch) }
    let status: string
    let body: string
    let headers: string[]
    if (path === null) {
      status = '400 Bad Request'
      body = BAD_REQUEST
      headers = [`Content-Length: ${byteLength(body)}`, 'Connection: close', 'Content-Type: text/html; charset=iso-8859-1']
    } else if (node?.type === 'file') {
      status = '200 OK'
      body = node.content
      const v = this.validatorsOf(node.mtime, byteLength(body))
      headers = [v.lastModified, v.etag, 'Accept-Ranges: bytes', v.length, 'Content-Type: text/html; charset=UTF-8']
    } else if (path === '/' || path === '/index.html') {
      status = '403 Forbidden'
      body = TEST_PAGE
      headers = ['Last-Modified: Mon, 27 Nov 2023 10:00:00 GMT', `ETag: "${byteLength(body).toString(16)}-60b1e6e3b0c00"`, 'Accept-Ranges: bytes', `Content-Length: ${byteLength(body)}`, 'Content-Type: text/html; charset=UTF-8']
    } else {
      status = '404 Not Found'
      body = NOT_FOUND
      headers = [`Content-Length: ${byteLength(body)}`, 'Content-Type: text/html; charset=iso-8859-1']
    }
    const server = this.ssl() ? `${SERVER_TOKEN} OpenSSL/3.0.7` : SERVER_TOKEN
    // ap_set_keepalive: HTTP/1.1 persists unless the client says close; HTTP/1.0 only when it asked.
    const connection = field(head, 'connection')?.toLowerCase() ?? ''
    const kaSent = connection === 'keep-alive'
    const keep = left > 0 && connection !== 'close' && (version === 'HTTP/1.1' || kaSent)
    // The hop-by-hop headers go just before Content-Type, every response's last header.
    const type = headers.pop()!
    if (!keep) headers.push('Connection: close')
    else if (kaSent) headers.push(`Keep-Alive: timeout=5, max=${left}`, 'Connection: Keep-Alive')
    const response = `HTTP/1.1 ${status}\r\nDate: ${this.dates.http}\r\nServer: ${server}\r\n${headers.join('\r\n')}${headers.length ? '\r\n' : ''}${type}\r\n\r\n${method === 'HEAD' ? '' : body}`
    sock.send(response)
    if (path === null) sock.close()
    const code = status.slice(0, 3)
    const size = method === 'HEAD' || !body ? '-' : String(byteLength(body))
    const log = tls ? '/var/log/httpd/ssl_access_log' : '/var/log/httpd/access_log'
    const peer = this.toa() && sock.toa ? sock.toa.ip : sock.remoteIp
    const line = tls
      ? `${formatIp(peer)} - - ${this.dates.apache} "${requestLine}" ${code} ${size}\n`
      : `${formatIp(peer)} - - ${this.dates.apache} "${requestLine}" ${code} ${size} "-" "${ua}"\n`
    this.fs.append(log, line)
    return keep
  }
}

const FIELDS = new Map<string, RegExp>()

/**
 * The first request header `name` (case-insensitive), trimmed; null if absent. One search of the
 * request head: lowering every header line of every request was a tenth of a curl loop's time.
 */
function field(head: string, name: string): string | null {
  let re = FIELDS.get(name)
  if (!re) FIELDS.set(name, (re = new RegExp(`\\r\\n${name}:([^\\r]*)`, 'i')))
  return re.exec(head)?.[1].trim() ?? null
}

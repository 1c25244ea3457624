// curl 7.76.1 for HTTP/1.1 over the simulated TCP: the body on stdout (or -o FILE, -O), -i/-I
// headers, -H/-A/-X request changes, -L redirects, -w write-out, -f, -m/--connect-timeout,
// --interface, -v with curl's `*`/`>`/`<` lines, and curl's exact error lines and exit codes
// (rhel9-network.md §4). TLS is not modelled: https:// needs -k (the labs' certificates are
// self-signed) and then speaks plain HTTP. Each URL gets its own connection, closed at the end.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { byteLength } from '../../../net/packet.ts'
import { MS, SECOND } from '../../../sim/engine.ts'
import { Interrupt, race, type Proc, type Signal, wait } from '../../../sim/task.ts'
import type { TcpSocket } from '../../../host/tcp.ts'
import { ERRNO, resolveHost } from '../resolve.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HELP, VERSION } from './help.ts'
import { parseCurl, type CurlOptions, type Parsed } from './options.ts'
import { writeOut, type Transfer } from './writeout.ts'

const CA_TEXT = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.
`

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n"

interface Url {
  scheme: string
  host: string
  port: number
  explicitPort: boolean
  path: string
}

function parseUrl(text: string): Url | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?(?:#.*)?$/.exec(text)
  if (!m) return null
  const scheme = (m[1] ?? 'http').toLowerCase()
  const path = m[4] ? (m[4].startsWith('?') ? `/${m[4]}` : m[4]) : '/'
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, explicitPort: !!m[3], path }
}

/** A header block's Content-Length, or -1 without one. */
function contentLength(headText: string): number {
  const m = /\r\nContent-Length: (\d+)/i.exec(headText)
  return m ? Number(m[1]) : -1
}

function resolveLocation(base: Url, location: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return location
  const origin = `${base.scheme}://${base.host}${base.explicitPort ? `:${base.port}` : ''}`
  if (location.startsWith('/')) return origin + location
  return origin + base.path.replace(/[^/]*$/, '') + location
}

interface Outcome {
  code: number
  message?: string
  transfer: Transfer
  /** Where -L goes next. */
  next?: string
}

/** Waits for the socket's next change, or for the deadline if there is one: true when the deadline came first. */
function* nextOr(sock: TcpSocket, deadline: Signal<void> | null): Proc<boolean> {
  if (!deadline) {
    // The change carries no value: yielded as it is, without wait()'s generator.
    yield sock.next() as Signal<unknown>
    return false
  }
  return (yield* wait(race([sock.next(), deadline]))).index === 1
}

/**
 * The request head curl 7.76.1 sends: the request line, its Host, User-Agent and Accept unless a
 * -H header of the same name replaced them (or, with an empty value, removed them), then the
 * other -H headers in order. Without -H it is one template: a loop of curls builds no header list.
 */
function requestHead(method: string, path: string, defaults: [string, string][], headers: string[]): string {
  if (!headers.length) return `${method} ${path} HTTP/1.1\r\n${defaults[0][0]}: ${defaults[0][1]}\r\n${defaults[1][0]}: ${defaults[1][1]}\r\n${defaults[2][0]}: ${defaults[2][1]}\r\n\r\n`
  const custom = headers.map((h) => {
    const c = h.indexOf(':')
    return c < 0 ? null : ([h.slice(0, c).trim(), h.slice(c + 1).trim()] as [string, string])
  })
  const lines = [`${method} ${path} HTTP/1.1`]
  for (const [name, val] of defaults) {
    const over = custom.find((c) => c && c[0].toLowerCase() === name.toLowerCase())
    if (!over) lines.push(`${name}: ${val}`)
    else if (over[1]) lines.push(`${over[0]}: ${over[1]}`)
  }
  for (const c of custom) if (c && c[1] && !defaults.some(([n]) => n.toLowerCase() === c[0].toLowerCase())) lines.push(`${c[0]}: ${c[1]}`)
  return [...lines, '', ''].join('\r\n')
}

/** One request on its own connection, as `curl URL` makes it. */
function* transfer(ctx: CommandContext, o: CurlOptions, urlText: string, index: number, started: number, sink: (text: string) => void): Proc<Outcome> {
  const t: Transfer = {
    httpCode: 0, httpVersion: '0', timeNamelookup: 0, timeConnect: 0, timeStarttransfer: 0, timeTotal: 0, sizeDownload: 0, sizeHeader: 0, sizeRequest: 0, remoteIp: '', remotePort: 0,
    localIp: '', localPort: 0, urlEffective: urlText, contentType: null, numConnects: 0, numRedirects: index, redirectUrl: null, scheme: 'http', exitCode: 0, errorMsg: '',
  }
  const done = (code: number, message?: string): Outcome => {
    t.timeTotal = ctx.engine.now - started
    t.exitCode = code
    t.errorMsg = message ?? ''
    return { code, message, transfer: t }
  }
  const url = parseUrl(urlText)
  if (!url) return done(3, 'URL using bad/illegal format or missing URL')
  t.scheme = url.scheme
  if (url.scheme !== 'http' && url.scheme !== 'https') return done(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`)
  t.urlEffective = `${url.scheme}://${url.host}${url.explicitPort ? `:${url.port}` : ''}${url.path}`
  const ip: Ip | null = resolveHost(ctx, url.host)
  if (ip === null) return done(6, `Could not resolve host: ${url.host}`)
  let bind: Ip | undefined
  if (o.iface !== null) {
    const dev = ctx.host.ip.iface(o.iface)
    const addr = dev?.primaryFor(ip)?.ip ?? (/^[\d.]+$/.test(o.iface) && ctx.host.ip.isLocal(resolveHost(ctx, o.iface) ?? -1) ? resolveHost(ctx, o.iface)! : undefined)
    if (addr === undefined) return done(45, `Couldn't bind to '${o.iface}'`)
    bind = addr
  }
  // -v's lines are built only under -v: a quiet loop of curls pays for none of them.
  const v = (line: string) => ctx.err(line + '\n')
  const verbose = o.verbose
  // The addresses as text are for -w and -v only.
  if (verbose || o.writeOut !== null) t.remoteIp = formatIp(ip)
  t.remotePort = url.port
  if (verbose) v(`*   Trying ${t.remoteIp}:${url.port}...`)
  const sock = ctx.host.tcp.connect(ip, url.port, bind)
  if (typeof sock === 'string') {
    if (verbose) v(`* Immediate connect fail for ${t.remoteIp}: Network is unreachable`)
    if (verbose) v(`* Closing connection ${index}`)
    return done(7, "Couldn't connect to server")
  }
  if (o.writeOut !== null) t.localIp = formatIp(sock.localIp)
  t.localPort = sock.localPort
  const connectLimit = o.connectTimeout ?? o.maxTime
  const deadline = connectLimit !== undefined ? ctx.sleep(Math.round(connectLimit * SECOND) - (ctx.engine.now - started)) : null
  const elapsedMs = () => Math.round((ctx.engine.now - started) / MS) + 1
  try {
    while (sock.state === 'SYN_SENT') {
      if (yield* nextOr(sock, deadline)) {
        sock.abort()
        return done(28, `Connection timed out after ${elapsedMs()} milliseconds`)
      }
    }
    if ((sock.state as string) === 'CLOSED') {
      const text = ERRNO[sock.error ?? 'EHOSTUNREACH'].text
      if (o.verbose) ctx.err(`* connect to ${formatIp(ip)} port ${url.port} failed: ${text}\n* Failed to connect to ${url.host} port ${url.port}: ${text}\n* Closing connection ${index}\n`)
      return done(sock.error === 'ETIMEDOUT' ? 28 : 7, `Failed to connect to ${url.host} port ${url.port}: ${text}`)
    }
    t.timeConnect = ctx.engine.now - started
    t.numConnects = 1
    if (verbose) v(`* Connected to ${url.host} (${t.remoteIp}) port ${url.port} (#${index})`)
    if (url.scheme === 'https' && !o.insecure) {
      sock.close()
      return { ...done(60, 'SSL certificate problem: self-signed certificate in certificate chain'), message: `SSL certificate problem: self-signed certificate in certificate chain\n${CA_TEXT}`.trimEnd() }
    }
    const method = o.request ?? (o.head ? 'HEAD' : 'GET')
    // Only -I tells curl not to expect a body; `-X HEAD` changes the word and nothing else.
    const head = o.head
    const defaults: [string, string][] = [['Host', url.explicitPort ? `${url.host}:${url.port}` : url.host], ['User-Agent', o.userAgent ?? 'curl/7.76.1'], ['Accept', '*/*']]
    const request = requestHead(method, url.path, defaults, o.headers)
    if (o.verbose) for (const line of request.split('\r\n').slice(0, -1)) ctx.err(`> ${line}\r\n`)
    // The sizes and the version are read only by -w.
    if (o.writeOut !== null) t.sizeRequest = byteLength(request)
    sock.send(request)
    const total = o.maxTime !== undefined ? ctx.sleep(Math.round(o.maxTime * SECOND) - (ctx.engine.now - started)) : null
    // The header block's end and its Content-Length, found once: received only grows at its end.
    let headEnd = -1
    let want = -1
    const complete = () => {
      if (headEnd < 0) {
        headEnd = sock.received.indexOf('\r\n\r\n')
        if (headEnd < 0) return false
        want = contentLength(sock.received.slice(0, headEnd))
      }
      if (head) return true
      if (want < 0) return sock.peerClosed
      // A character is at least one byte: the body's length in characters settles most checks.
      return sock.received.length - headEnd - 4 >= want || byteLength(sock.received.slice(headEnd + 4)) >= want
    }
    const open = (x: TcpSocket) => x.state !== 'CLOSED'
    let first = true
    while (!complete() && open(sock) && !sock.peerClosed) {
      const late = yield* nextOr(sock, total)
      if (first && sock.received) {
        t.timeStarttransfer = ctx.engine.now - started
        first = false
      }
      if (late) {
        sock.close()
        return done(28, `Operation timed out after ${elapsedMs()} milliseconds with ${byteLength(sock.received)} bytes received`)
      }
    }
    if (first) t.timeStarttransfer = ctx.engine.now - started
    if (!sock.received) {
      sock.close()
      return sock.error === 'ECONNRESET' ? done(56, 'Recv failure: Connection reset by peer') : done(52, 'Empty reply from server')
    }
    // complete() looked last at what is received now: its header end is this text's.
    const end = headEnd
    const headText = sock.received.slice(0, end)
    const body = sock.received.slice(end + 4)
    const declared = end >= 0 ? want : contentLength(headText)
    const bodyBytes = byteLength(body)
    const missing = !head && declared >= 0 ? declared - bodyBytes : 0
    if (verbose) {
      ctx.err('* Mark bundle as not supporting multiuse\n')
      for (const line of headText.split('\r\n')) ctx.err(`< ${line}\r\n`)
      ctx.err('< \r\n')
    }
    // The status is the second word of the status line (split(' ')[1], without splitting it all).
    const sp = headText.indexOf(' ')
    const sp2 = sp < 0 ? -1 : headText.indexOf(' ', sp + 1)
    const status = Number(sp < 0 ? undefined : headText.slice(sp + 1, sp2 < 0 ? undefined : sp2))
    t.httpCode = status
    // The version, the header size and Content-Type are read only by -w; Location by -L and -w.
    if (o.writeOut !== null) {
      t.httpVersion = /^HTTP\/(\S+)/.exec(headText)?.[1] ?? '1.1'
      t.sizeHeader = byteLength(headText) + 4
      t.contentType = /\r\nContent-Type: ([^\r]*)/i.exec(headText)?.[1] ?? null
    }
    const location = o.location || o.writeOut !== null ? /\r\nLocation: ([^\r]*)/i.exec(headText)?.[1] : undefined
    if (location) t.redirectUrl = resolveLocation(url, location)
    if (o.fail && status >= 400) {
      sock.close()
      if (verbose) v(`* The requested URL returned error: ${status}`)
      if (verbose) v(`* Closing connection ${index}`)
      return done(22, `The requested URL returned error: ${status}`)
    }
    if (missing > 0) {
      if (o.include) sink(headText + '\r\n\r\n')
      sink(body)
      if (verbose) v(`* transfer closed with ${missing} bytes remaining to read`)
      if (verbose) v(`* Closing connection ${index}`)
      sock.close()
      return done(18, `transfer closed with ${missing} bytes remaining to read`)
    }
    const following = o.location && status >= 300 && status < 400 && !!t.redirectUrl
    if (o.head || o.include) sink(headText + '\r\n\r\n')
    if (!head && !following) {
      sink(body)
      t.sizeDownload = bodyBytes
    }
    if (verbose) v(/\r\nConnection: close/i.test(headText) ? `* Closing connection ${index}` : `* Connection #${index} to host ${url.host} left intact`)
    sock.close()
    const out = done(0)
    if (following) {
      if (verbose) v(`* Issue another request to this URL: '${t.redirectUrl}'`)
      out.next = t.redirectUrl!
    }
    return out
  } catch (e) {
    if (e instanceof Interrupt) sock.state === 'SYN_SENT' ? sock.abort() : sock.close()
    throw e
  }
}

/**
 * The last command line parsed, and what it gave: a loop runs the same curl line again and again,
 * and the options are only read after parsing, so the same words share one result.
 */
let lastWords: string[] = []
let lastParsed: Parsed | null = null

function parseOnce(argv: string[]): Parsed {
  if (lastParsed && argv.length === lastWords.length && argv.every((a, i) => a === lastWords[i])) return lastParsed
  lastWords = [...argv]
  return (lastParsed = parseCurl(argv))
}

function* run(ctx: CommandContext): Proc<number> {
  const p = parseOnce(ctx.argv)
  if (!p.ok) {
    ctx.err(`curl: ${p.message}\n${TRY}`)
    return 2
  }
  if (p.show) {
    ctx.out(p.show === 'help' ? HELP : VERSION)
    return 0
  }
  const o = p.opts
  if (!o.urls.length) {
    ctx.err(`curl: no URL specified!\n${TRY}`)
    return 2
  }
  const report = (code: number, message: string) => {
    if (!o.silent || o.showError) ctx.err(`curl: (${code}) ${message}\n`)
  }
  let status = 0
  for (let u = 0; u < o.urls.length; u++) {
    let target = o.urls[u]
    // -o and -O pair with URLs in order; a URL without one writes to stdout.
    let file: string | null = o.output[u] ?? null
    if (file === null && u < o.remoteName) {
      const name = (parseUrl(target)?.path ?? '').split('?')[0].split('/').pop() ?? ''
      if (!name) {
        ctx.err('curl: Remote file name has no length!\n')
        return 23
      }
      file = name
    }
    let body = ''
    const started = ctx.engine.now
    let result: Outcome
    const toStdout = file === null || file === '-'
    for (let hop = 0; ; hop++) {
      result = yield* transfer(ctx, o, target, u + hop, started, (text) => (toStdout ? ctx.out(text) : (body += text)))
      if (!result.next) break
      if (hop >= o.maxRedirs) {
        result = { ...result, code: 47, message: `Maximum (${o.maxRedirs}) redirects followed`, next: undefined }
        break
      }
      target = result.next
    }
    if (result.code === 0) {
      if (!toStdout && file !== '/dev/null') {
        const e = ctx.host.fs.write(file.startsWith('/') ? file : `${ctx.session.cwd}/${file}`, body)
        if (e) {
          report(23, 'Failure writing output to destination')
          status = 23
          continue
        }
        if (!o.silent && ctx.term) {
          const n = byteLength(body)
          ctx.err(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${String(n).padStart(5)}  100 ${String(n).padStart(5)}    0     0  ${String(n * 1000).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(n * 1000).padStart(5)}\n`)
        }
      }
    } else {
      report(result.code, result.message!)
      status = result.code
    }
    if (o.writeOut !== null) ctx.out(writeOut(o.writeOut, result.transfer, ctx.err))
  }
  return status
}

export const curl: CommandDef = {
  name: 'curl',
  path: '/usr/bin/curl',
  rpm: 'curl',
  summary: 'transfer a URL (HTTP client)',
  completions: ['-v', '-s', '-S', '-I', '-i', '-k', '-L', '-f', '-o', '-O', '-w', '-H', '-X', '-A', '-m', '--connect-timeout', '--interface'],
  run,
}

// curl 7.76.1 for HTTP/1.1 over the simulated TCP: the body on stdout, -v/-I/-s/-S/-o/-k/-m/
// --connect-timeout, and curl's exact error lines and exit codes (rhel9-network.md §4). TLS is not
// modelled: https:// needs -k (the labs' certificates are self-signed) and then speaks plain HTTP.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { byteLength } from '../../../net/packet.ts'
import { Names } from '../../../host/names.ts'
import { inetAton } from '../ipvsadm/parse.ts'
import { MS, SECOND } from '../../../sim/engine.ts'
import { Interrupt, race, type Proc, wait } from '../../../sim/task.ts'
import type { TcpError, TcpSocket } from '../../../host/tcp.ts'
import type { CommandContext, CommandDef } from '../types.ts'

interface Options {
  url?: string
  silent: boolean
  showError: boolean
  verbose: boolean
  head: boolean
  insecure: boolean
  output?: string
  maxTime?: number
  connectTimeout?: number
  fail: boolean
}

/** strerror() of each connect() failure, as curl quotes it. */
const CONNECT_ERRORS: Record<TcpError, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ETIMEDOUT: 'Connection timed out',
  ENETUNREACH: 'Network is unreachable',
  ENOPROTOOPT: 'Protocol not available',
  ECONNRESET: 'Connection reset by peer',
}

const CA_TEXT = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.
`

function parseArgs(argv: string[]): Options | string {
  const o: Options = { silent: false, showError: false, verbose: false, head: false, insecure: false, fail: false }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    const next = () => argv[++i]
    if (a === '-s' || a === '--silent') o.silent = true
    else if (a === '-S' || a === '--show-error') o.showError = true
    else if (a === '-v' || a === '--verbose') o.verbose = true
    else if (a === '-I' || a === '--head') o.head = true
    else if (a === '-k' || a === '--insecure') o.insecure = true
    else if (a === '-f' || a === '--fail') o.fail = true
    else if (a === '-o' || a === '--output') o.output = next()
    else if (a === '-m' || a === '--max-time') o.maxTime = Number(next())
    else if (a === '--connect-timeout') o.connectTimeout = Number(next())
    else if (/^-[sSvIkf]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') o.silent = true
        if (f === 'S') o.showError = true
        if (f === 'v') o.verbose = true
        if (f === 'I') o.head = true
        if (f === 'k') o.insecure = true
        if (f === 'f') o.fail = true
      }
    } else if (a.startsWith('-')) return `option ${a}: is unknown`
    else o.url = a
  }
  return o
}

function* run(ctx: CommandContext): Proc<number> {
  const o = parseArgs(ctx.argv)
  const fail = (code: number, msg: string): number => {
    if (!o || typeof o === 'string' || !o.silent || o.showError) ctx.err(`curl: (${code}) ${msg}\n`)
    return code
  }
  if (typeof o === 'string') {
    ctx.err(`curl: ${o}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`)
    return 2
  }
  if (!o.url) {
    ctx.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
    return 2
  }
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(o.url)
  if (!m) return fail(3, 'URL using bad/illegal format or missing URL')
  const scheme = (m[1] ?? 'http').toLowerCase()
  const hostName = m[2]
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80
  const path = m[4] ?? '/'
  const ip: Ip | null = /^[\d.]+$/.test(hostName) ? inetAton(hostName) : new Names(ctx.host.fs).host(hostName)
  if (ip === null) return fail(6, `Could not resolve host: ${hostName}`)
  const v = (line: string) => o.verbose && ctx.err(line + '\n')
  const started = ctx.engine.now
  v(`*   Trying ${formatIp(ip)}:${port}...`)
  const sock = ctx.host.tcp.connect(ip, port)
  if (typeof sock === 'string') {
    v(`* Immediate connect fail for ${formatIp(ip)}: Network is unreachable`)
    v('* Closing connection 0')
    return fail(7, "Couldn't connect to server")
  }
  const connectLimit = o.connectTimeout ?? o.maxTime
  const deadline = connectLimit !== undefined ? ctx.sleep(Math.round(connectLimit * SECOND)) : null
  const elapsedMs = () => Math.round((ctx.engine.now - started) / MS) + 1
  try {
    while (sock.state === 'SYN_SENT') {
      const r = yield* wait(race(deadline ? [sock.next(), deadline] : [sock.next()]))
      if (r.index === 1) {
        sock.abort()
        return fail(28, `Connection timed out after ${elapsedMs()} milliseconds`)
      }
    }
    if ((sock.state as string) === 'CLOSED') {
      const err = sock.error
      const text = CONNECT_ERRORS[err ?? 'EHOSTUNREACH']
      if (o.verbose) {
        ctx.err(`* connect to ${formatIp(ip)} port ${port} failed: ${text}\n`)
        ctx.err(`* Failed to connect to ${hostName} port ${port}: ${text}\n* Closing connection 0\n`)
      }
      return fail(err === 'ETIMEDOUT' ? 28 : 7, `Failed to connect to ${hostName} port ${port}: ${text}`)
    }
    v(`* Connected to ${hostName} (${formatIp(ip)}) port ${port} (#0)`)
    if (scheme === 'https' && !o.insecure) {
      sock.close()
      if (!o.silent || o.showError) ctx.err(`curl: (60) SSL certificate problem: self-signed certificate in certificate chain\n${CA_TEXT}`)
      return 60
    }
    const request = [`${o.head ? 'HEAD' : 'GET'} ${path} HTTP/1.1`, `Host: ${m[3] ? `${hostName}:${port}` : hostName}`, 'User-Agent: curl/7.76.1', 'Accept: */*', '', ''].join('\r\n')
    if (o.verbose) for (const line of request.split('\r\n').slice(0, -1)) ctx.err(`> ${line}\r\n`)
    sock.send(request)
    const total = o.maxTime !== undefined ? ctx.sleep(Math.round(o.maxTime * SECOND) - (ctx.engine.now - started)) : null
    const complete = () => {
      const end = sock.received.indexOf('\r\n\r\n')
      if (end < 0) return false
      if (o.head) return true
      const len = /\r\nContent-Length: (\d+)/i.exec(sock.received.slice(0, end))
      return len ? byteLength(sock.received.slice(end + 4)) >= Number(len[1]) : sock.peerClosed
    }
    const open = (x: TcpSocket) => x.state !== 'CLOSED'
    while (!complete() && open(sock) && !sock.peerClosed) {
      const r = yield* wait(race(total ? [sock.next(), total] : [sock.next()]))
      if (r.index === 1) {
        sock.close()
        return fail(28, `Operation timed out after ${elapsedMs()} milliseconds with ${byteLength(sock.received)} bytes received`)
      }
    }
    if (!sock.received) {
      sock.close()
      return sock.error === 'ECONNRESET' ? fail(56, 'Recv failure: Connection reset by peer') : fail(52, 'Empty reply from server')
    }
    const end = sock.received.indexOf('\r\n\r\n')
    const head = sock.received.slice(0, end)
    const body = sock.received.slice(end + 4)
    if (o.verbose) {
      ctx.err('* Mark bundle as not supporting multiuse\n')
      for (const line of head.split('\r\n')) ctx.err(`< ${line}\r\n`)
      ctx.err('< \r\n')
    }
    const status = Number(head.split(' ')[1])
    if (o.fail && status >= 400) {
      sock.close()
      return fail(22, `The requested URL returned error: ${status}`)
    }
    const payload = o.head ? head.split('\r\n').map((l) => l + '\r\n').join('') + '\r\n' : body
    if (o.output) {
      const e = ctx.host.fs.write(o.output.startsWith('/') ? o.output : `${ctx.session.cwd}/${o.output}`, payload)
      if (e) return fail(23, 'Failure writing output to destination')
      if (!o.silent && ctx.term) {
        const n = byteLength(payload)
        ctx.err(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${String(n).padStart(5)}  100 ${String(n).padStart(5)}    0     0  ${String(n * 1000).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(n * 1000).padStart(5)}\n`)
      }
    } else ctx.out(payload)
    v(`* Connection #0 to host ${hostName} left intact`)
    sock.close()
    return 0
  } catch (e) {
    if (e instanceof Interrupt) abortQuietly(sock)
    throw e
  }
}

function abortQuietly(sock: TcpSocket): void {
  if (sock.state === 'SYN_SENT') sock.abort()
  else sock.close()
}

export const curl: CommandDef = {
  name: 'curl',
  path: '/usr/bin/curl',
  summary: 'transfer a URL (HTTP client)',
  completions: ['-v', '-I', '-s', '-k', '-o', '-m', '--connect-timeout'],
  run,
}

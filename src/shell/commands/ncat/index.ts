// ncat (nmap-ncat 7.92, installed as /usr/bin/ncat and /usr/bin/nc on RHEL 9): connect to a TCP or
// UDP port and copy stdin to it and it to stdout, or listen (-l) for one connection (-k: many).
// Messages follow ncat_connect.c/ncat_listen.c: `Ncat: Connected to IP:PORT.` and the closing
// byte count with -v, `Ncat: Connection refused.` always, and `… QUITTING.` with status 2 for
// usage errors. At end of stdin ncat half-closes and keeps reading until the peer closes, so a
// terminal with nothing typed holds the connection open (watch it with ipvsadm -Lnc).

import { formatIp, type Ip } from '../../../net/addr.ts'
import { byteLength } from '../../../net/packet.ts'
import { MS, SECOND } from '../../../sim/engine.ts'
import { Interrupt, race, Signal as SignalOf, type Proc, type Signal, wait } from '../../../sim/task.ts'
import type { TcpSocket } from '../../../host/tcp.ts'
import type { UdpSocket } from '../../../host/udp.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { ERRNO, resolveHost } from '../resolve.ts'
import { Stdin } from '../terminal-input.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 2,
  tryHelp: () => "Ncat: Try `--help' or man(1) ncat for more information, usage options and help. QUITTING.\n",
  options: {
    ipv4: { short: '4' },
    ipv6: { short: '6' },
    crlf: { short: 'C', long: 'crlf' },
    keep: { short: 'k', long: 'keep-open' },
    listen: { short: 'l', long: 'listen' },
    port: { short: 'p', long: 'source-port', arg: 'required' },
    source: { short: 's', long: 'source', arg: 'required' },
    udp: { short: 'u', long: 'udp' },
    verbose: { short: 'v', long: 'verbose' },
    wait: { short: 'w', long: 'wait', arg: 'required' },
    idle: { short: 'i', long: 'idle-timeout', arg: 'required' },
    nodns: { short: 'n', long: 'nodns' },
    zero: { short: 'z' },
    sendOnly: { long: 'send-only' },
    recvOnly: { long: 'recv-only' },
    noShutdown: { long: 'no-shutdown' },
    help: { short: 'h', long: 'help' },
    version: { long: 'version' },
  },
})

const BANNER = 'Ncat: Version 7.92 ( https://nmap.org/ncat )\n'

/** ncat's timeouts: seconds with an optional unit (ms, s, m, h). */
function parseTime(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text)
  if (!m) return null
  const mult = { ms: MS, s: SECOND, m: 60 * SECOND, h: 3600 * SECOND }[m[2] ?? 's']!
  return Math.round(Number(m[1]) * mult)
}

function validPort(text: string): number | null {
  return /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : null
}

function* tcpConnect(ctx: CommandContext, o: Opts, ip: Ip, port: number, bind?: Ip): Proc<number> {
  const started = ctx.engine.now
  const sock = ctx.host.tcp.connect(ip, port, bind)
  if (typeof sock === 'string') {
    ctx.err(`Ncat: ${ERRNO[sock].text}.\n`)
    return 1
  }
  const limit = o.wait !== null ? ctx.sleep(o.wait) : null
  try {
    while (sock.state === 'SYN_SENT') {
      const r = yield* wait(race(limit ? [sock.next(), limit] : [sock.next()]))
      if (r.index === 1) {
        sock.abort()
        ctx.err('Ncat: TIMEOUT.\n')
        return 1
      }
    }
    if ((sock.state as string) === 'CLOSED') {
      ctx.err(`Ncat: ${ERRNO[sock.error ?? 'ECONNREFUSED'].text}.\n`)
      return 1
    }
    if (o.verbose) ctx.err(`Ncat: Connected to ${formatIp(ip)}:${port}.\n`)
    const status = o.zero ? 0 : yield* exchange(ctx, o, sock)
    if (o.zero) sock.close()
    if (o.verbose && status === 0) ctx.err(`Ncat: ${o.sent} bytes sent, ${o.received} bytes received in ${((ctx.engine.now - started) / SECOND).toFixed(2)} seconds.\n`)
    return status
  } catch (e) {
    if (e instanceof Interrupt) sock.state === 'SYN_SENT' ? sock.abort() : sock.close()
    throw e
  }
}

interface Opts {
  verbose: boolean
  zero: boolean
  wait: number | null
  idle: number | null
  crlf: boolean
  keep: boolean
  sendOnly: boolean
  recvOnly: boolean
  noShutdown: boolean
  sent: number
  received: number
  stdin: Stdin
  /** Is the terminal the input (rather than piped text)? */
  terminal: boolean
}

/**
 * Copies stdin to the connection and the connection to stdout. Piped input goes at once, then end
 * of input half-closes the connection (unless --no-shutdown); ncat ends when the peer closes.
 */
function* exchange(ctx: CommandContext, o: Opts, sock: TcpSocket): Proc<number> {
  const send = (text: string) => {
    const data = o.crlf ? text.replace(/\n/g, '\r\n') : text
    o.sent += byteLength(data)
    sock.send(data)
  }
  const endInput = () => {
    o.stdin.ended = true
    if (!o.noShutdown) sock.close()
  }
  sock.onData = (text) => {
    o.received += byteLength(text)
    if (!o.sendOnly) ctx.out(text)
  }
  sock.onPeerClose = () => {}
  if (o.recvOnly) o.stdin.ended = true
  else if (!o.terminal) {
    const text = o.stdin.takePiped()
    if (text) send(text)
    endInput()
  }
  while (sock.state !== 'CLOSED' && !sock.peerClosed) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- signals of any payload race
    const waits: Signal<any>[] = [sock.next()]
    const reading = o.terminal && !o.stdin.ended
    if (reading) waits.push(o.stdin.nextKey())
    const idle = o.idle !== null ? ctx.sleep(o.idle) : null
    if (idle) waits.push(idle)
    const r = yield* wait(race(waits))
    if (reading && r.index === 1) {
      const lines = o.stdin.feed(r.value as string)
      if (lines === 'interrupt' || lines === 'escape') {
        sock.close()
        return 130
      }
      for (const l of lines) send(l)
      if (o.stdin.ended) endInput()
    } else if (idle && r.index === waits.length - 1) {
      sock.close()
      ctx.err('Ncat: Idle timeout expired (' + o.idle! / MS + ' ms).\n')
      return 1
    }
  }
  if (sock.error === 'ECONNRESET') {
    ctx.err('Ncat: Connection reset by peer.\n')
    return 1
  }
  if (sock.state !== 'CLOSED') sock.close()
  return 0
}

function* udpConnect(ctx: CommandContext, o: Opts, ip: Ip, port: number): Proc<number> {
  const started = ctx.engine.now
  const sock = ctx.host.udp.connect(ip, port)
  if (typeof sock === 'string') {
    ctx.err(`Ncat: ${ERRNO[sock].text}.\n`)
    return 1
  }
  if (o.verbose) ctx.err(`Ncat: Connected to ${formatIp(ip)}:${port}.\n`)
  try {
    if (!o.zero) {
      const text = o.terminal ? '' : o.stdin.takePiped()
      for (const line of text.split(/(?<=\n)/).filter(Boolean)) {
        o.sent += byteLength(line)
        sock.send(line)
        yield* drainUdp(ctx, o, sock, 10 * MS)
        if (sock.error) break
      }
      // With stdin at its end ncat still listens for answers until it is interrupted or -w passes.
      if (!sock.error) yield* drainUdp(ctx, o, sock, o.wait ?? Infinity)
    }
    if (sock.error) {
      ctx.err('Ncat: Connection refused.\n')
      return 1
    }
    if (o.verbose) ctx.err(`Ncat: ${o.sent} bytes sent, ${o.received} bytes received in ${((ctx.engine.now - started) / SECOND).toFixed(2)} seconds.\n`)
    return 0
  } finally {
    sock.close()
  }
}

/** Prints datagrams as they come for up to `us` of quiet; an error ends it early. */
function* drainUdp(ctx: CommandContext, o: Opts, sock: UdpSocket, us: number): Proc<void> {
  for (;;) {
    while (sock.queue.length) {
      const d = sock.queue.shift()!
      o.received += byteLength(d.data)
      ctx.out(d.data)
    }
    if (sock.error) return
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- signals of any payload race
    const waits: Signal<any>[] = [sock.next()]
    if (us !== Infinity) waits.push(ctx.sleep(us))
    const r = yield* wait(race(waits))
    if (r.index === 1) return
  }
}

function* listenTcp(ctx: CommandContext, o: Opts, port: number): Proc<number> {
  const tcp = ctx.host.tcp
  if (tcp.listening().includes(port)) {
    ctx.err(`Ncat: bind to 0.0.0.0:${port}: Address already in use. QUITTING.\n`)
    return 2
  }
  if (o.verbose) ctx.err(`Ncat: Listening on :::${port}\nNcat: Listening on 0.0.0.0:${port}\n`)
  const queue: TcpSocket[] = []
  let arrived = new SignalOf<void>()
  tcp.listen(port, (sock) => {
    queue.push(sock)
    arrived.fire()
  })
  try {
    for (;;) {
      while (!queue.length) {
        arrived = new SignalOf<void>()
        yield* wait(arrived)
      }
      const sock = queue.shift()!
      if (o.verbose) ctx.err(`Ncat: Connection from ${formatIp(sock.remoteIp)}.\nNcat: Connection from ${formatIp(sock.remoteIp)}:${sock.remotePort}.\n`)
      const status = yield* exchange(ctx, o, sock)
      if (!o.keep || status === 130) return status
    }
  } finally {
    tcp.unlisten(port)
  }
}

function* listenUdp(ctx: CommandContext, o: Opts, port: number): Proc<number> {
  const sock = ctx.host.udp.bind(port)
  if (typeof sock === 'string') {
    ctx.err(`Ncat: bind to 0.0.0.0:${port}: Address already in use. QUITTING.\n`)
    return 2
  }
  if (o.verbose) ctx.err(`Ncat: Listening on :::${port}\nNcat: Listening on 0.0.0.0:${port}\n`)
  try {
    for (;;) {
      while (sock.queue.length) ctx.out(sock.queue.shift()!.data)
      yield* wait(sock.next())
    }
  } finally {
    sock.close()
  }
}

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const f = a.opts
  if (f.help) {
    ctx.out('Ncat 7.92 ( https://nmap.org/ncat )\nUsage: ncat [options] [hostname] [port]\n')
    return 0
  }
  if (f.version) {
    ctx.err(BANNER)
    return 0
  }
  const quit = (msg: string) => {
    ctx.err(`Ncat: ${msg} QUITTING.\n`)
    return 2
  }
  if (f.ipv6) return quit('IPv6 is not modelled in this lab.')
  const wait = f.wait !== undefined ? parseTime(f.wait) : null
  if (f.wait !== undefined && wait === null) return quit(`Invalid -w timeout (must be greater than 0).`)
  const idle = f.idle !== undefined ? parseTime(f.idle) : null
  if (f.idle !== undefined && idle === null) return quit(`Invalid -i timeout (must be greater than 0).`)
  const stdin = new Stdin(ctx)
  const terminal = yield* stdin.start()
  const o: Opts = { verbose: f.verbose, zero: f.zero, wait, idle, crlf: f.crlf, keep: f.keep, sendOnly: f.sendOnly, recvOnly: f.recvOnly, noShutdown: f.noShutdown, sent: 0, received: 0, stdin, terminal }
  if (f.verbose) ctx.err(BANNER)
  const ops = a.operands
  if (f.listen) {
    const portText = ops.length === 2 ? ops[1] : (ops[0] ?? f.port ?? '31337')
    const port = validPort(portText)
    if (port === null) return quit(`Invalid port number "${portText}".`)
    return f.udp ? yield* listenUdp(ctx, o, port) : yield* listenTcp(ctx, o, port)
  }
  if (!ops.length) return quit('You must specify a host to connect to.')
  if (ops.length > 2) return quit('Got more than one port specification: ' + ops.slice(1).join(' ') + '.')
  const portText = ops[1] ?? '31337'
  const port = validPort(portText)
  if (port === null) return quit(`Invalid port number "${portText}".`)
  if (f.port !== undefined) return quit('A source port (-p) for a connection is not modelled in this lab.')
  if (f.source !== undefined && f.udp) return quit('A source address (-s) with -u is not modelled in this lab.')
  let bind: Ip | undefined
  if (f.source !== undefined) {
    const s = /^[\d.]+$/.test(f.source) ? resolveHost(ctx, f.source) : null
    if (s === null || !ctx.host.ip.isLocal(s)) {
      ctx.err(`Ncat: bind to ${f.source}:0: Cannot assign requested address. QUITTING.\n`)
      return 2
    }
    bind = s
  }
  // -n: numeric addresses only (getaddrinfo with AI_NUMERICHOST).
  const ip = f.nodns && !/^[\d.]+$/.test(ops[0]) ? null : resolveHost(ctx, ops[0])
  if (ip === null) return quit(`Could not resolve hostname "${ops[0]}": Name or service not known.`)
  return f.udp ? yield* udpConnect(ctx, o, ip, port) : yield* tcpConnect(ctx, o, ip, port, bind)
}

export const ncat: CommandDef = { name: 'ncat', path: '/usr/bin/ncat', summary: 'Concatenate and redirect sockets', pkg: 'nmap-ncat', args: ARGS, run }
export const nc: CommandDef = { ...ncat, name: 'nc', path: '/usr/bin/nc' }


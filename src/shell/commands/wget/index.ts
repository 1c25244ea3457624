// wget 1.21.1 (RHEL 9) for HTTP/1.1 over the simulated TCP: the log on stderr as http.c and
// progress.c write it (`--DATE--  URL`, `Connecting to …... connected.`, the status, `Length:`,
// `Saving to: ‘FILE’`, the progress, the saved line), index.html.N when the name is taken, -O, -q,
// -S, -T, -t. Progress is the dot style when stderr is not a terminal and the bar otherwise (laid
// out for the terminal's width as at 80 columns). A refused connection is fatal (exit 4); other
// connect errors are retried up to -t times with wget's growing wait, as --waitretry=10 does.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { byteLength } from '../../../net/packet.ts'
import { TZ_OFFSET, wallSeconds } from '../../../host/clock.ts'
import { SECOND } from '../../../sim/engine.ts'
import { Interrupt, race, type Proc, wait } from '../../../sim/task.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { withListed } from '../../args/listed.ts'
import { ERRNO, resolveHost } from '../resolve.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HELP } from './help.ts'

/** The options the lab models; every other option wget's help lists is known and refused. */
const ARGS = defineArgs({
  usageStatus: 2,
  tryHelp: (prog) => `Usage: ${prog} [OPTION]... [URL]...\n\nTry \`${prog} --help' for more options.\n`,
  options: withListed(
    HELP,
    {
      output: { short: 'O', long: 'output-document', arg: 'required' },
      quiet: { short: 'q', long: 'quiet' },
      serverResponse: { short: 'S', long: 'server-response' },
      timeout: { short: 'T', long: 'timeout', arg: 'required' },
      tries: { short: 't', long: 'tries', arg: 'required' },
    },
    ['-h', '-V', 'help', 'version'],
  ),
  help: { usage: [], raw: HELP },
  /** Only the first line: RHEL 9's build features, paths and compile flags that follow are not known. */
  version: 'GNU Wget 1.21.1 built on linux-gnu.\n',
  helpShort: 'h',
  versionShort: 'V',
})

/** `2024-06-11 10:10:16`, local time. */
function stamp(ctx: CommandContext): string {
  const d = new Date((wallSeconds(ctx.engine.now) + TZ_OFFSET) * 1000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`
}

/** calc_rate() and its units: B, K, M, G per second. */
function rate(bytes: number, us: number): { value: number; unit: number } {
  let v = bytes / Math.max(us / SECOND, 5e-10)
  let unit = 0
  while (v >= 1024 && unit < 3) {
    v /= 1024
    unit++
  }
  return { value: v, unit }
}

const digits = (v: number) => (v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2)

/** retr_rate(): `26.5 KB/s`. */
function longRate(bytes: number, us: number): string {
  const r = rate(bytes, us)
  return `${r.value.toFixed(digits(r.value))} ${['B/s', 'KB/s', 'MB/s', 'GB/s'][r.unit]}`
}

/** print_decimal() for the bar's "in Xs". */
function decimal(n: number): string {
  if (n >= 9.95) return n.toFixed(0)
  if (n >= 0.95) return n.toFixed(1)
  if (n >= 0.001) return String(Number(n.toPrecision(1)))
  if (n >= 0.0005) return n.toFixed(3)
  return '0'
}

/** The size in the bar: bytes below 1 KiB, else 3 significant digits with K/M. */
function humanSize(n: number): string {
  if (n < 1024) return String(n)
  let v = n / 1024
  let unit = 'K'
  if (v >= 1024) {
    v /= 1024
    unit = 'M'
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)}${unit}`
}

/** The finished transfer as progress.c draws it: dot rows off a terminal, the bar on one. */
function progress(ctx: CommandContext, file: string, size: number, us: number): string {
  if (!ctx.term) {
    const dots = Math.floor(size / 1024)
    let row = '\n     0K'
    for (let i = 0; i < 50; i++) {
      if (i % 10 === 0) row += ' '
      row += i < dots ? '.' : ' '
    }
    const r = rate(size, us)
    return `${row}100% ${r.value.toFixed(digits(r.value)).padStart(4)}${' KMG'[r.unit]}=${Math.floor(us / SECOND)}s\n\n`
  }
  const width = ctx.term.cols - 1
  const nameWidth = Math.max(15, Math.floor(ctx.term.cols / 4))
  const bar = Math.max(5, width - (nameWidth + 4 + 2 + 8 + 10 + 15))
  const tail = `    in ${decimal(us / SECOND)}s`.padEnd(15)
  return `\n${file.slice(0, nameWidth).padEnd(nameWidth)}100%[${'='.repeat(bar - 1)}>]${humanSize(size).padStart(8)}  --.-KB/s${tail}\n\n`
}

interface Url {
  host: string
  port: number
  path: string
  text: string
}

function parseUrl(text: string): Url | null {
  const m = /^(?:http:\/\/)?([^/:?#]+)(?::(\d+))?(\/[^#]*)?$/i.exec(text)
  if (!m) return null
  const port = m[2] ? Number(m[2]) : 80
  const path = m[3] ?? '/'
  return { host: m[1], port, path, text: `http://${m[1]}${m[2] ? `:${port}` : ''}${path}` }
}

type Fetched = { ok: true; head: string; body: string; us: number } | { ok: false; error: keyof typeof ERRNO | 'TIMEOUT' }

function* fetch(ctx: CommandContext, url: Url, ip: Ip, o: { timeout: number | null; log: (t: string) => void }): Proc<Fetched> {
  const sock = ctx.host.tcp.connect(ip, url.port)
  if (typeof sock === 'string') return { ok: false, error: sock }
  const limit = o.timeout !== null ? ctx.sleep(o.timeout) : null
  try {
    while (sock.state === 'SYN_SENT') {
      const r = yield* wait(race(limit ? [sock.next(), limit] : [sock.next()]))
      if (r.index === 1) {
        sock.abort()
        return { ok: false, error: 'TIMEOUT' }
      }
    }
    if ((sock.state as string) === 'CLOSED') return { ok: false, error: sock.error ?? 'ECONNREFUSED' }
    o.log('connected.\n')
    const sent = ctx.engine.now
    sock.send(`GET ${url.path} HTTP/1.1\r\nHost: ${url.host}${url.port !== 80 ? `:${url.port}` : ''}\r\nUser-Agent: Wget/1.21.1\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n\r\n`)
    const done = () => {
      const end = sock.received.indexOf('\r\n\r\n')
      if (end < 0) return false
      const len = /\r\nContent-Length: (\d+)/i.exec(sock.received.slice(0, end))
      return len ? byteLength(sock.received.slice(end + 4)) >= Number(len[1]) : sock.peerClosed
    }
    while (!done() && sock.state !== 'CLOSED' && !sock.peerClosed) yield* wait(sock.next())
    const end = sock.received.indexOf('\r\n\r\n')
    sock.close()
    return { ok: true, head: sock.received.slice(0, Math.max(0, end)), body: end < 0 ? '' : sock.received.slice(end + 4), us: ctx.engine.now - sent }
  } catch (e) {
    if (e instanceof Interrupt) sock.state === 'SYN_SENT' ? sock.abort() : sock.close()
    throw e
  }
}

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const f = a.opts
  const log = (t: string) => !f.quiet && ctx.err(t)
  if (!a.operands.length) {
    ctx.err(`${ctx.argv[0]}: missing URL\nUsage: ${ctx.argv[0]} [OPTION]... [URL]...\n\nTry \`${ctx.argv[0]} --help' for more options.\n`)
    return 1
  }
  const tries = f.tries !== undefined ? Number(f.tries) : 20
  const timeout = f.timeout !== undefined ? Math.round(Number(f.timeout) * SECOND) : null
  if (!Number.isFinite(tries) || (timeout !== null && !Number.isFinite(timeout))) {
    ctx.err(`${ctx.argv[0]}: ${f.tries !== undefined && !Number.isFinite(tries) ? `--tries: Invalid number ‘${f.tries}’.` : `--timeout: Invalid time period ‘${f.timeout}’`}\n`)
    return 2
  }
  let status = 0
  for (const text of a.operands) {
    const url = parseUrl(text)
    if (!url) {
      ctx.err(`${text}: Unsupported scheme.\n`)
      status = 1
      continue
    }
    log(`--${stamp(ctx)}--  ${url.text}\n`)
    const numeric = /^[\d.]+$/.test(url.host)
    const ip = resolveHost(ctx, url.host)
    if (!numeric) log(ip === null ? `Resolving ${url.host} (${url.host})... failed: Name or service not known.\n` : `Resolving ${url.host} (${url.host})... ${formatIp(ip!)}\n`)
    if (ip === null) {
      ctx.err(`${ctx.argv[0]}: unable to resolve host address ‘${url.host}’\n`)
      status = 4
      continue
    }
    const where = numeric ? `${url.host}:${url.port}` : `${url.host} (${url.host})|${formatIp(ip)}|:${url.port}`
    let result: Fetched
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) log(`--${stamp(ctx)}--  (try:${String(attempt).padStart(2)})  ${url.text}\n`)
      log(`Connecting to ${where}... `)
      result = yield* fetch(ctx, url, ip, { timeout, log })
      if (result.ok) break
      const why = result.error === 'TIMEOUT' ? 'Connection timed out' : ERRNO[result.error].text
      log(`failed: ${why}.\n`)
      if (result.error === 'ECONNREFUSED' || (tries > 0 && attempt >= tries)) break
      log('Retrying.\n\n')
      yield* wait(ctx.sleep(Math.min(attempt, 10) * SECOND))
    }
    if (!result.ok) {
      if (result.error !== 'ECONNREFUSED') log(`Giving up.\n\n`)
      status = 4
      continue
    }
    const head = result.head
    const statusLine = head.split('\r\n')[0] ?? ''
    const code = Number(statusLine.split(' ')[1])
    const reason = statusLine.split(' ').slice(2).join(' ')
    log('HTTP request sent, awaiting response... ')
    if (f.serverResponse) log('\n' + head.split('\r\n').map((l) => `  ${l}\n`).join(''))
    else log(`${code} ${reason}\n`)
    if (code >= 400) {
      log(`${stamp(ctx)} ERROR ${code}: ${reason}.\n\n`)
      status = 8
      continue
    }
    const len = /\r\nContent-Length: (\d+)/i.exec(head)?.[1]
    const type = /\r\nContent-Type: ([^;\r]*)/i.exec(head)?.[1]
    const n = len ? Number(len) : byteLength(result.body)
    log(`Length: ${len ?? 'unspecified'}${len && n >= 1024 ? ` (${humanSize(n)})` : ''}${type ? ` [${type}]` : ''}\n`)
    let file = f.output ?? (url.path.split('?')[0].split('/').pop() || 'index.html')
    if (f.output === undefined && ctx.host.fs.exists(resolvePath(ctx, file))) {
      let k = 1
      while (ctx.host.fs.exists(resolvePath(ctx, `${file}.${k}`))) k++
      file = `${file}.${k}`
    }
    log(`Saving to: ‘${file === '-' ? 'STDOUT' : file}’\n`)
    if (file === '-') ctx.out(result.body)
    else if (file !== '/dev/null') {
      const e = ctx.host.fs.write(resolvePath(ctx, file), result.body)
      if (e) {
        ctx.err(`${file}: ${e === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`)
        status = 3
        continue
      }
    }
    log(progress(ctx, file, n, result.us))
    log(`${stamp(ctx)} (${longRate(n, result.us)}) - ‘${file}’ saved [${n}/${n}]\n\n`)
  }
  return status
}

function resolvePath(ctx: CommandContext, file: string): string {
  return file.startsWith('/') ? file : `${ctx.session.cwd}/${file}`
}

export const wget: CommandDef = { name: 'wget', path: '/usr/bin/wget', summary: 'the non-interactive network downloader', pkg: 'wget', args: ARGS, run }

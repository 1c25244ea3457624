// ab (ApacheBench 2.3, httpd-tools 2.4.57): load an HTTP server with `-n` requests over `-c`
// concurrent connections and print ab's report, timed on the virtual clock. The copyright banner
// and the report go to stdout, the progress lines ("Completed 100 requests") to stderr, as ab
// writes them. The revision is the one httpd 2.4.55+ ships (ab.c $Revision: 1903618 $).

import { formatIp } from '../../../net/addr.ts'
import { SECOND } from '../../../sim/engine.ts'
import { Interrupt, type Proc, wait } from '../../../sim/task.ts'
import { readInput } from '../files.ts'
import { resolveHost } from '../resolve.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { Bench } from './bench.ts'
import { USAGE, parseAb, type AbOptions } from './options.ts'
import { formatCsv, formatReport, type ReportHead } from './report.ts'

const MAX_CONCURRENCY = 20000
/** The lab's bound on one run: every request is simulated packet by packet in the page. */
const LAB_MAX_REQUESTS = 100_000

const COPYRIGHT = `This is ApacheBench, Version 2.3 <$Revision: 1903618 $>
Copyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/
Licensed to The Apache Software Foundation, http://www.apache.org/

`

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s)
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}

interface Target {
  tls: boolean
  hostname: string
  port: number
  path: string
  /** `:8080` when the port is not the scheme's default (ab's colonhost). */
  colonhost: string
}

/** parse_url(): `[http[s]://]host[:port]/path`; a URL without a path is invalid. */
function parseUrl(url: string): Target | null {
  let rest = url
  let tls = false
  if (rest.length > 7 && rest.startsWith('http://')) rest = rest.slice(7)
  else if (rest.length > 8 && rest.startsWith('https://')) {
    rest = rest.slice(8)
    tls = true
  }
  const slash = rest.indexOf('/')
  if (slash < 0) return null
  const hostPort = rest.slice(0, slash)
  const m = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(hostPort)
  if (!m || (m[2] !== undefined && Number(m[2]) > 65535)) return null
  const port = m[2] !== undefined ? Number(m[2]) : 0
  const effective = port || (tls ? 443 : 80)
  return { tls, hostname: m[1], port: effective, path: rest.slice(slash), colonhost: effective !== (tls ? 443 : 80) ? `:${effective}` : '' }
}

function buildRequest(o: AbOptions, t: Target, body: string | null): string {
  let hdrs = o.headers.map((h) => `${h}\r\n`).join('')
  const has = (name: string) => o.headers.some((h) => h.toLowerCase().startsWith(name))
  if (!has('host:')) hdrs += `Host: ${t.hostname}${t.colonhost}\r\n`
  if (!has('user-agent:')) hdrs += 'User-Agent: ApacheBench/2.3\r\n'
  if (!has('accept:')) hdrs += 'Accept: */*\r\n'
  const ka = o.keepalive ? 'Connection: Keep-Alive\r\n' : ''
  if (body === null) return `${o.method} ${t.path} HTTP/1.0\r\n${ka}${o.cookie}${o.auth}${hdrs}\r\n`
  const len = new TextEncoder().encode(body).length
  return `${o.method} ${t.path} HTTP/1.0\r\n${ka}${o.cookie}${o.auth}Content-length: ${len}\r\nContent-type: ${o.contentType ?? 'text/plain'}\r\n${hdrs}\r\n${body}`
}

function* run(ctx: CommandContext): Proc<number> {
  const parsed = parseAb(ctx.argv, base64)
  if (!parsed.ok) {
    ctx.err(parsed.stderr)
    return parsed.code
  }
  const o = parsed.opts
  for (const d of o.diagnostics) ctx.err(d + '\n')
  if (o.unmodelled.length) {
    ctx.err(`ab: ${o.unmodelled.join(' ')}: HTML tables, gnuplot files, proxies, bind addresses and TLS settings are not modelled in this lab\n`)
    return 1
  }
  if (o.version) {
    ctx.out(COPYRIGHT)
    return 0
  }
  const target = parseUrl(o.url!)
  if (!target) {
    ctx.err(`ab: invalid URL\n${USAGE}`)
    return 22
  }
  if (o.concurrency < 0 || o.concurrency > MAX_CONCURRENCY) {
    ctx.err(`ab: Invalid Concurrency [Range 0..${MAX_CONCURRENCY}]\n${USAGE}`)
    return 22
  }
  if (o.requests > LAB_MAX_REQUESTS) {
    ctx.err(`ab: this lab simulates at most ${LAB_MAX_REQUESTS} requests per run (-n ${o.requests} asked for more)\n`)
    return 1
  }
  if (o.concurrency > o.requests) {
    ctx.err(`ab: Cannot use concurrency level greater than total number of requests\n${USAGE}`)
    return 22
  }
  let body: string | null = null
  if (o.postfile !== null) {
    // ab opens `-` as a file of that name, not stdin.
    const text = yield* readInput(ctx, o.postfile === '-' ? './-' : o.postfile)
    if (typeof text !== 'string') {
      ctx.err(`ab: Could not open POST data file (${o.postfile}): ${text.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`)
      return 1
    }
    body = text
  }
  const heartbeat = o.heartbeat && o.requests > 150 ? Math.max(100, Math.floor(o.requests / 10)) : 0
  ctx.out(COPYRIGHT)
  const request = buildRequest(o, target, body)
  if (o.verbosity >= 2) ctx.out(`INFO: ${o.method} header == \n---\n${request}\n---\n`)
  ctx.out(`Benchmarking ${target.hostname} (be patient)${heartbeat ? '\n' : '...'}`)
  const ip = resolveHost(ctx, target.hostname)
  if (ip === null) {
    ctx.err(`apr_sockaddr_info_get() for ${target.hostname}: Name or service not known (670002)\n`)
    return 670002 & 255
  }
  const bench = new Bench(ctx.host.tcp, ctx.engine, {
    ip, port: target.port, request, requests: o.requests, concurrency: Math.max(1, o.concurrency), keepalive: o.keepalive, head: o.method === 'HEAD',
    variableLength: o.variableLength, recvErrorsOk: o.recvErrorsOk, timelimit: o.timelimit ? o.timelimit * SECOND : Infinity,
    timeout: o.timeout * SECOND, heartbeat, verbosity: o.verbosity,
  }, ctx.err, ctx.out)
  const head: ReportHead = {
    hostname: target.hostname, port: target.port, path: target.path, tls: target.tls ? { sni: ip !== null && formatIp(ip) === target.hostname ? null : target.hostname } : null,
    concurrency: o.concurrency, keepalive: o.keepalive, variableLength: o.variableLength, sendBody: body !== null, percentiles: o.percentiles, confidence: o.confidence,
  }
  bench.run()
  try {
    yield* wait(bench.finished)
  } catch (e) {
    bench.closeAll()
    if (!(e instanceof Interrupt)) throw e
    ctx.out(formatReport(head, bench.result, ctx.engine.now))
    return 1
  }
  bench.closeAll()
  const r = bench.result
  if (r.fatal) {
    ctx.err(r.fatal.text + '\n')
    if (r.done) ctx.out(`Total of ${r.done} requests completed\n`)
    return r.fatal.code
  }
  if (heartbeat) ctx.err(`Finished ${r.done} requests\n`)
  else ctx.out('..done\n')
  ctx.out(formatReport(head, r, r.lasttime))
  if (o.csvFile !== null && r.done > 0) ctx.host.fs.write(o.csvFile.startsWith('/') ? o.csvFile : `${ctx.session.cwd}/${o.csvFile}`, formatCsv(r.stats))
  return 0
}

export const ab: CommandDef = {
  name: 'ab',
  path: '/usr/bin/ab',
  summary: 'Apache HTTP server benchmarking tool',
  pkg: 'httpd-tools',
  completions: ['-n', '-c', '-k', '-t', '-s', '-H', '-i', '-l', '-r', '-q', '-d', '-S', '-V', '-h'],
  run,
}

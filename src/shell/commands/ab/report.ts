// ab.c output_results(): the report's lines, the Connection Times table (min, mean and sample
// standard deviation, ab's own median rule, max, each rounded to ms as ap_round_ms does) with its
// SANE() warnings, and the percentile table read from the requests sorted by total time.

import type { BenchResult, Sample } from './bench.ts'

export interface ReportHead {
  hostname: string
  port: number
  path: string
  /** The TLS lines ab prints for https:// (TLS is not modelled: these are what RHEL 9's mod_ssl negotiates). */
  tls: { sni: string | null } | null
  concurrency: number
  keepalive: boolean
  variableLength: boolean
  sendBody: boolean
  percentiles: boolean
  confidence: boolean
}

const roundMs = (us: number): number => Math.floor((us + 500) / 1000)

/** The median as ab computes it: for an odd count it averages the middle element and the next. */
function median(sorted: number[]): number {
  const n = sorted.length
  const h = Math.floor(n / 2)
  return n > 1 && n % 2 ? Math.floor((sorted[h] + sorted[h + 1]) / 2) : sorted[h]
}

interface Row {
  min: number
  mean: number
  sd: number
  median: number
  max: number
}

function row(values: number[]): Row {
  const n = values.length
  const mean = Math.floor(values.reduce((a, b) => a + b, 0) / n)
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1)) : 0
  const sorted = [...values].sort((a, b) => a - b)
  return { min: roundMs(sorted[0]), mean: roundMs(mean), sd: sd / 1000, median: roundMs(median(sorted)), max: roundMs(sorted[n - 1]) }
}

const pad = (v: number | string, w: number) => String(v).padStart(w)

export function formatReport(h: ReportHead, r: BenchResult, lasttime: number): string {
  const taken = (lasttime - r.start) / 1e6
  const out: string[] = ['', '']
  out.push(`Server Software:        ${r.servername}`)
  out.push(`Server Hostname:        ${h.hostname}`)
  out.push(`Server Port:            ${h.port}`)
  if (h.tls) {
    out.push('SSL/TLS Protocol:       TLSv1.3,TLS_AES_256_GCM_SHA384,2048,256')
    out.push('Server Temp Key:        X25519 253 bits')
    if (h.tls.sni) out.push(`TLS Server Name:        ${h.tls.sni}`)
  }
  out.push('')
  out.push(`Document Path:          ${h.path}`)
  out.push(h.variableLength ? 'Document Length:        Variable' : `Document Length:        ${r.doclen} bytes`)
  out.push('')
  out.push(`Concurrency Level:      ${h.concurrency}`)
  out.push(`Time taken for tests:   ${taken.toFixed(3)} seconds`)
  out.push(`Complete requests:      ${r.done}`)
  out.push(`Failed requests:        ${r.bad}`)
  if (r.bad) out.push(`   (Connect: ${r.errConn}, Receive: ${r.errRecv}, Length: ${r.errLength}, Exceptions: ${r.errExcept})`)
  if (r.errResponse) out.push(`Non-2xx responses:      ${r.errResponse}`)
  if (h.keepalive) out.push(`Keep-Alive requests:    ${r.doneka}`)
  out.push(`Total transferred:      ${r.totalread} bytes`)
  if (h.sendBody) out.push(`Total body sent:        ${r.totalposted}`)
  out.push(`HTML transferred:       ${r.totalbread} bytes`)
  if (taken && r.done) {
    out.push(`Requests per second:    ${(r.done / taken).toFixed(2)} [#/sec] (mean)`)
    out.push(`Time per request:       ${((h.concurrency * taken * 1000) / r.done).toFixed(3)} [ms] (mean)`)
    out.push(`Time per request:       ${((taken * 1000) / r.done).toFixed(3)} [ms] (mean, across all concurrent requests)`)
    out.push(`Transfer rate:          ${(r.totalread / 1024 / taken).toFixed(2)} [Kbytes/sec] received`)
    if (h.sendBody) {
      out.push(`                        ${(r.totalposted / 1024 / taken).toFixed(2)} kb/s sent`)
      out.push(`                        ${((r.totalread + r.totalposted) / 1024 / taken).toFixed(2)} kb/s total`)
    }
  }
  if (r.done > 0) out.push(...connectionTimes(h, r.stats))
  return out.join('\n') + '\n'
}

function connectionTimes(h: ReportHead, stats: Sample[]): string[] {
  const con = row(stats.map((s) => s.ctime))
  const proc = row(stats.map((s) => s.time - s.ctime))
  const wait = row(stats.map((s) => s.waittime))
  const total = row(stats.map((s) => s.time))
  const out = ['', 'Connection Times (ms)']
  if (h.confidence) {
    const line = (label: string, x: Row) => `${label}${pad(x.min, 5)} ${pad(x.mean, 4)} ${pad(x.sd.toFixed(1), 5)} ${pad(x.median, 6)} ${pad(x.max, 7)}`
    out.push('              min  mean[+/-sd] median   max')
    out.push(line('Connect:    ', con), line('Processing: ', proc), line('Waiting:    ', wait), line('Total:      ', total))
    const sane = (what: string, x: Row) => {
      const d = Math.abs(x.mean - x.median)
      if (d > 2 * x.sd) out.push(`ERROR: The median and mean for ${what} are more than twice the standard`, '       deviation apart. These results are NOT reliable.')
      else if (d > x.sd) out.push(`WARNING: The median and mean for ${what} are not within a normal deviation`, '        These results are probably not that reliable.')
    }
    sane('the initial connection time', con)
    sane('the processing time', proc)
    sane('the waiting time', wait)
    sane('the total time', total)
  } else {
    const line = (label: string, x: Row) => `${label}${pad(x.min, 5)} ${pad(x.mean, 5)}${pad(x.max, 5)}`
    out.push('              min   avg   max')
    out.push(line('Connect:    ', con), line('Processing: ', proc), line('Waiting:    ', wait), line('Total:      ', total))
  }
  if (h.percentiles && stats.length > 1) {
    const times = stats.map((s) => s.time).sort((a, b) => a - b)
    out.push('', 'Percentage of the requests served within a certain time (ms)')
    for (const p of [50, 66, 75, 80, 90, 95, 98, 99]) out.push(`  ${p}%  ${pad(roundMs(times[Math.floor((times.length * p) / 100)]), 5)}`)
    out.push(` 100%  ${pad(roundMs(times[times.length - 1]), 5)} (longest request)`)
  }
  return out
}

/** ab -e FILE: the CSV of the time under which each whole percentage of requests was served. */
export function formatCsv(stats: Sample[]): string {
  const times = stats.map((s) => s.time).sort((a, b) => a - b)
  const lines = ['Percentage served,Time in ms']
  for (let i = 0; i <= 100; i++) {
    const t = i === 0 ? times[0] : i === 100 ? times[times.length - 1] : times[Math.min(times.length - 1, Math.floor(0.5 + (times.length * i) / 100))]
    lines.push(`${i},${(t / 1000).toFixed(3)}`)
  }
  return lines.join('\n') + '\n'
}

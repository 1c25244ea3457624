// Traffic probes (lessons/FORMAT.md): N requests from a host to a URL, one after another, on a copy
// of the learner's world. Each request is a real `curl -sS -m T` through the simulated network;
// what it answered (or how it failed), the IPVS decisions of its time and the drops of the failed
// requests give the result, so a failure reads as the packets saw it: "4 of 8 requests got no
// answer: RS2's replies went to its default gateway 192.168.0.254, not through the director lvs …".

import { localizeReason } from '../../i18n/reasons.ts'
import { directorOf } from '../../ipvs/index.ts'
import { formatIp } from '../../net/addr.ts'
import { SECOND } from '../../sim/engine.ts'
import type { TraceRecord } from '../../sim/trace.ts'
import type { Lab } from '../lab.ts'
import type { ProbeCheck } from '../lessons/schema.ts'
import { joinTexts, same, say, type LocalText, type Locale, type Outcome } from './text.ts'

type Failure = 'timeout' | 'refused' | 'reset' | 'unreachable' | 'other'

export interface Request {
  /** The answer's body, trimmed, or null when curl got none. */
  body: string | null
  failure: Failure | null
  /** curl's error line (`curl: (28) Connection timed out after 2001 milliseconds`). */
  error: string
  /** Hosts where IPVS scheduled or rewrote one of its packets. */
  directors: Set<string>
}

function classify(code: number, stderr: string): Failure | null {
  if (code === 0) return null
  if (code === 28) return 'timeout'
  if (code === 56) return 'reset'
  if (code === 7) return /Connection refused/.test(stderr) ? 'refused' : 'unreachable'
  return 'other'
}

type Drop = Extract<TraceRecord, { type: 'drop' }>

/** How long after the last request drops are still collected: past ARP's 3 s of retries. */
const SETTLE = 5 * SECOND

/**
 * Why a packet of this probe was dropped, if it tells why a request failed: IP packets only (an ARP
 * request a host rightly ignores is how DR and TUN are meant to work; when ARP really fails, the
 * packet waiting for it is dropped), and not at the probing host itself, where only the aftermath
 * of a request curl already gave up on arrives (a late reply to a closed port).
 */
const explains = (rec: TraceRecord, from: string): rec is Drop => rec.type === 'drop' && rec.packet.kind === 'ipv4' && rec.host.toLowerCase() !== from

/** Sends the probe's requests from `from` on `lab` (a copy: this changes it), with the drops that explain the failures. */
export function sendRequests(lab: Lab, p: ProbeCheck): { requests: Request[]; drops: Drop[] } {
  const secure = p.url.startsWith('https:') ? ' -k' : ''
  const line = `curl -sS${secure} -m ${p.timeout ?? 2} '${p.url.replace(/'/g, '')}'`
  const from = lab.host(p.from)?.hostname.toLowerCase() ?? p.from
  const out: Request[] = []
  const drops: Drop[] = []
  for (let i = 0; i < p.requests; i++) {
    const mark = lab.engine.trace.lastId
    const r = lab.run(p.from, line)
    const records = lab.engine.trace.since(mark)
    const directors = new Set<string>()
    for (const rec of records) if (rec.type === 'sched' || (rec.type === 'rewrite' && rec.reason.code.startsWith('ipvs.'))) directors.add(rec.host.toLowerCase())
    if (r.exitCode !== 0) for (const rec of records) if (explains(rec, from)) drops.push(rec)
    out.push({
      body: r.exitCode === 0 ? r.stdout.trim() : null,
      failure: classify(r.exitCode, r.stderr),
      error: r.stderr.trim(),
      directors,
    })
  }
  // A packet given up on after curl (ARP retries for 3 s) is dropped after its request's time:
  // when the failed requests' own time explains nothing, the next seconds may.
  const mark = lab.engine.trace.lastId
  lab.idle(SETTLE)
  if (!drops.length && out.some((r) => r.body === null)) for (const rec of lab.engine.trace.since(mark)) if (explains(rec, from)) drops.push(rec)
  return { requests: out, drops }
}

const FAILS: Record<'timeout' | 'refused' | 'reset', LocalText> = {
  timeout: { en: 'a timeout', 'zh-Hans': '超时', 'zh-Hant': '逾時' },
  refused: { en: 'Connection refused', 'zh-Hans': 'Connection refused（连接被拒绝）', 'zh-Hant': 'Connection refused（連線被拒絕）' },
  reset: { en: 'Connection reset by peer', 'zh-Hans': 'Connection reset by peer（连接被重置）', 'zh-Hant': 'Connection reset by peer（連線被重設）' },
}

/** `8 × "RS1 - 192.168.0.10", 4 × "RS2 - 192.168.0.20"`, most frequent first. */
function tally(bodies: string[]): string {
  const counts = new Map<string, number>()
  for (const b of bodies) counts.set(b, (counts.get(b) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([b, n]) => `${n} × "${b}"`).join(', ')
}

/** A drop's reason in every locale. */
function reasonText(d: Drop): LocalText {
  const text = (loc: Locale) => localizeReason(d.reason, loc)
  return { en: text('en'), 'zh-Hans': text('zh-Hans'), 'zh-Hant': text('zh-Hant') }
}

/**
 * What the NAT lab teaches, said when it happens: a real server of a masquerading service sent its
 * reply to the client towards a gateway that is not the director, so it never came back through
 * the director to be rewritten. Null for any other drop.
 */
function detour(lab: Lab, from: string, d: Drop): LocalText | null {
  const pkt = d.packet
  if (pkt.kind !== 'ipv4') return null
  // Wherever it was dropped (at the server, a router, the client): a packet from a real server's
  // own address to the client is a reply that skipped the director's rewrite.
  const client = lab.host(from)
  const server = lab.hosts.find((h) => h.ip.ifaceOf(pkt.src))
  if (!client || !server || !client.ip.isLocal(pkt.dst)) return null
  const director = lab.hosts.find((h) => directorOf(h)?.services.some((svc) => svc.dests.some((dest) => dest.fwd === 'masq' && dest.addr === pkt.src)))
  const gateway = server.ip.route(pkt.dst)?.via
  if (!director || gateway === undefined || director.ip.isLocal(gateway)) return null
  return say(
    { en: "{rs}'s replies went to its default gateway {gw}, not through the director {dir} ({why})", 'zh-Hans': '{rs} 的回应送往它的默认网关 {gw}，没有经过调度器 {dir}（{why}）', 'zh-Hant': '{rs} 的回應送往它的預設閘道 {gw}，沒有經過調度器 {dir}（{why}）' },
    { rs: server.hostname, gw: formatIp(gateway), dir: director.hostname, why: reasonText(d) },
  )
}

/** Why requests from `from` failed: the distinct reasons of their drops, else curl's own errors. */
export function failureReasons(lab: Lab, from: string, failed: Pick<Request, 'error'>[], drops: Drop[]): LocalText {
  const seen = new Map<string, LocalText>()
  for (const d of drops) {
    const key = d.reason.code + d.reason.text
    if (!seen.has(key)) seen.set(key, detour(lab, from, d) ?? reasonText(d))
  }
  if (!seen.size) for (const r of failed) if (!seen.has(r.error)) seen.set(r.error, same(r.error || 'curl failed'))
  return joinTexts([...seen.values()].slice(0, 3))
}

/** `director`: the trace's hostname of the probe's `viaDirector` host (lower case), if any. */
export function probeOutcome(lab: Lab, p: ProbeCheck, { requests, drops }: { requests: Request[]; drops: Drop[] }, director: string | null): Outcome {
  const n = p.requests
  const base = say({ en: '{n} requests from {from} to {url}', 'zh-Hans': '从 {from} 向 {url} 发出 {n} 个请求', 'zh-Hant': '從 {from} 向 {url} 送出 {n} 個請求' }, { n, from: p.from, url: p.url })
  const answered = requests.filter((r) => r.body !== null)
  const failed = requests.filter((r) => r.body === null)
  const bodies = answered.map((r) => r.body!)
  const e = p.expect

  // What came back, the same for every kind of expectation.
  const answeredText = answered.length
    ? answered.length === n
      ? say({ en: 'all {n} answered: {tally}', 'zh-Hans': '{n} 个请求都有回应：{tally}', 'zh-Hant': '{n} 個請求都有回應：{tally}' }, { n, tally: tally(bodies) })
      : say({ en: '{a} of {n} answered: {tally}', 'zh-Hans': '{n} 个请求中 {a} 个有回应：{tally}', 'zh-Hant': '{n} 個請求中 {a} 個有回應：{tally}' }, { a: answered.length, n, tally: tally(bodies) })
    : null
  const failedText = !failed.length
    ? null
    : failed.length === n
      ? say({ en: 'none of the {n} requests got an answer: {why}', 'zh-Hans': '{n} 个请求都没有回应：{why}', 'zh-Hant': '{n} 個請求都沒有回應：{why}' }, { n, why: failureReasons(lab, p.from, failed, drops) })
      : say({ en: '{f} of {n} requests got no answer: {why}', 'zh-Hans': '{n} 个请求中有 {f} 个没有回应：{why}', 'zh-Hant': '{n} 個請求中有 {f} 個沒有回應：{why}' }, { f: failed.length, n, why: failureReasons(lab, p.from, failed, drops) })
  const found = joinTexts([failedText, answeredText].filter((t): t is LocalText => t !== null))

  if (e.answered !== undefined) {
    const want = e.answered === 'all' ? n : e.answered === 'none' ? 0 : e.answered
    const expected =
      e.answered === 'all'
        ? say({ en: '{base}: every one gets an answer', 'zh-Hans': '{base}：每个都有回应', 'zh-Hant': '{base}：每個都有回應' }, { base })
        : want === 0
          ? say({ en: '{base}: none gets an answer', 'zh-Hans': '{base}：都没有回应', 'zh-Hant': '{base}：都沒有回應' }, { base })
          : say({ en: '{base}: {k} of them get an answer', 'zh-Hans': '{base}：其中 {k} 个有回应', 'zh-Hant': '{base}：其中 {k} 個有回應' }, { base, k: want })
    return { passed: answered.length === want, expected, found }
  }
  if (e.distribution !== undefined) {
    const want = new Map(Object.entries(e.distribution))
    const got = new Map<string, number>()
    for (const b of bodies) got.set(b, (got.get(b) ?? 0) + 1)
    const ok = failed.length === 0 && got.size === want.size && [...want].every(([b, k]) => got.get(b) === k)
    const dist = [...want].map(([b, k]) => `${k} × "${b}"`).join(', ')
    return { passed: ok, expected: say({ en: '{base} are answered {dist}', 'zh-Hans': '{base}，回应为 {dist}', 'zh-Hant': '{base}，回應為 {dist}' }, { base, dist }), found }
  }
  if (e.same !== undefined) {
    const ok = failed.length === 0 && new Set(bodies).size === 1
    return { passed: ok, expected: say({ en: '{base}: every answer is the same', 'zh-Hans': '{base}：每次回应都相同', 'zh-Hant': '{base}：每次回應都相同' }, { base }), found }
  }
  if (e.viaDirector !== undefined) {
    const through = requests.filter((r) => director !== null && r.directors.has(director))
    const ok = through.length === n
    const via = say({ en: '{k} of {n} went through {dir}', 'zh-Hans': '{n} 个中有 {k} 个经过 {dir}', 'zh-Hant': '{n} 個中有 {k} 個經過 {dir}' }, { k: through.length, n, dir: e.viaDirector })
    return { passed: ok, expected: say({ en: '{base}: every request goes through {dir}', 'zh-Hans': '{base}：每个请求都经过 {dir}', 'zh-Hant': '{base}：每個請求都經過 {dir}' }, { base, dir: e.viaDirector }), found: joinTexts([via, found]) }
  }
  const how = e.fails!
  const ok = requests.every((r) => r.failure === how)
  const errors = [...new Set(failed.map((r) => r.error).filter(Boolean))].slice(0, 2).join(' | ')
  const foundFails = failed.length && errors ? joinTexts([found, same(errors)]) : found
  return { passed: ok, expected: say({ en: '{base}: every request fails with {how}', 'zh-Hans': '{base}：每个请求都以{how}失败', 'zh-Hant': '{base}：每個請求都以{how}失敗' }, { base, how: FAILS[how] }), found: foundFails }
}

export function evaluateProbe(lab: Lab, p: ProbeCheck): Outcome {
  const director = p.expect.viaDirector === undefined ? null : (lab.host(p.expect.viaDirector)?.hostname.toLowerCase() ?? null)
  return probeOutcome(lab, p, sendRequests(lab, p), director)
}

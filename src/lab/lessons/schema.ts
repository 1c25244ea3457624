// The schema of a lesson's front matter (lessons/FORMAT.md), in valibot: lesson files are untrusted
// input, so every field is checked here and nowhere by hand. A check is an object with exactly one
// kind key; its fields are named as the tools print them (`ip route`, `ipvsadm`, `sysctl -n`).
// Node only (build time, CLI, tests): the browser gets the compiled lessons, not this module.

import * as v from 'valibot'

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const ip = v.pipe(v.string('expected an IPv4 address'), v.regex(IPV4, 'expected an IPv4 address'))
const ipPort = v.pipe(
  v.string('expected IP:PORT'),
  v.check((s) => /^[\d.]+:\d{1,5}$/.test(s) && IPV4.test(s.split(':')[0]) && Number(s.split(':')[1]) <= 65535, 'expected IP:PORT'),
)
const ipMaybePort = v.pipe(
  v.string('expected IP or IP:PORT'),
  v.check((s) => IPV4.test(s.split(':')[0]) && (!s.includes(':') || (/^\d{1,5}$/.test(s.split(':')[1]) && Number(s.split(':')[1]) <= 65535)), 'expected IP or IP:PORT'),
)
const cidr = v.pipe(
  v.string('expected ADDRESS/PREFIX'),
  v.check((s) => /^[\d.]+\/\d{1,2}$/.test(s) && IPV4.test(s.split('/')[0]) && Number(s.split('/')[1]) <= 32, 'expected ADDRESS/PREFIX'),
)
const slug = v.pipe(v.string('expected a name'), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes'))
const name = v.pipe(v.string('expected a name'), v.nonEmpty('expected a name'))
const host = name
const bool = v.boolean('expected true or false')
const count = v.pipe(v.number('expected a number'), v.integer('expected a whole number'), v.minValue(0, 'expected a number ≥ 0'))
const text = v.pipe(v.string('expected text'), v.nonEmpty('expected text'))

export const SVC_FLAGS = ['sh-port', 'sh-fallback', 'mh-port', 'mh-fallback', 'flag-1', 'flag-2', 'flag-3'] as const

const service = v.pipe(
  v.strictObject({
    host,
    proto: v.optional(v.picklist(['tcp', 'udp'], 'expected tcp or udp')),
    addr: v.optional(ipPort),
    fwmark: v.optional(v.pipe(count, v.minValue(1, 'expected a mark ≥ 1'))),
    scheduler: v.optional(name),
    persistent: v.optional(v.union([bool, v.pipe(count, v.minValue(1, 'expected seconds ≥ 1'))], 'expected seconds, true or false')),
    netmask: v.optional(ip),
    flags: v.optional(v.array(v.picklist(SVC_FLAGS, `expected one of ${SVC_FLAGS.join(', ')}`), 'expected a list of flags')),
    absent: v.optional(bool),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const s = dataset.value
    if ((s.addr === undefined) === (s.fwmark === undefined)) addIssue({ message: 'expected proto with addr, or fwmark' })
    else if (s.addr !== undefined && s.proto === undefined) addIssue({ message: 'expected proto (tcp or udp) with addr' })
  }),
)

const svcRef = v.pipe(
  v.string('expected tcp IP:PORT, udp IP:PORT or fwmark N'),
  v.check((s) => {
    const m = /^(tcp|udp) (\S+)$/.exec(s)
    if (m) return /^[\d.]+:\d{1,5}$/.test(m[2]) && IPV4.test(m[2].split(':')[0])
    return /^fwmark [1-9]\d*$/.test(s)
  }, 'expected tcp IP:PORT, udp IP:PORT or fwmark N'),
)

const dest = v.strictObject({
  host,
  service: svcRef,
  addr: ipMaybePort,
  method: v.optional(v.picklist(['masq', 'droute', 'tunnel', 'fullnat'], 'expected masq, droute, tunnel or fullnat')),
  weight: v.optional(count),
  absent: v.optional(bool),
})

const sysctl = v.strictObject({
  host,
  key: v.pipe(v.string('expected a sysctl key'), v.regex(/^[\w.\/-]+$/, 'expected a sysctl key')),
  value: v.union([v.string(), v.number()], 'expected a value'),
})

const file = v.strictObject({
  host,
  path: v.pipe(v.string('expected an absolute path'), v.startsWith('/', 'expected an absolute path')),
  matches: v.optional(
    v.pipe(
      v.string('expected a regular expression'),
      // Short patterns only: a lesson is untrusted, and a pathological pattern could stall the worker.
      v.maxLength(200, 'expected a regular expression of at most 200 characters'),
      v.check((s) => {
        try {
          new RegExp(s, 'm')
          return true
        } catch {
          return false
        }
      }, 'expected a valid regular expression'),
    ),
  ),
  mode: v.optional(v.pipe(v.string('expected an octal mode such as "600"'), v.regex(/^[0-7]{3,4}$/, 'expected an octal mode such as "600"'))),
  absent: v.optional(bool),
})

const unit = v.strictObject({ host, name, active: v.optional(bool), enabled: v.optional(bool) })
const pkg = v.strictObject({ host, name, installed: v.optional(bool) })
const address = v.strictObject({ host, iface: name, addr: cidr, absent: v.optional(bool) })

const route = v.strictObject({
  host,
  to: v.union([v.literal('default'), cidr, ip], 'expected default, ADDRESS/PREFIX or an address'),
  via: v.optional(ip),
  dev: v.optional(name),
  table: v.optional(v.picklist(['main', 'local'], 'expected main or local')),
  absent: v.optional(bool),
})

const module_ = v.strictObject({ host, name, loaded: v.optional(bool) })

const FIREWALLD_SETTINGS = ['service', 'port', 'masquerade', 'forward', 'protocol'] as const
const firewalld = v.pipe(
  v.strictObject({
    host,
    running: v.optional(bool),
    permanent: v.optional(bool),
    zone: v.optional(name),
    service: v.optional(name),
    port: v.optional(v.pipe(v.string('expected PORT/PROTO such as 80/tcp'), v.regex(/^\d{1,5}(-\d{1,5})?\/(tcp|udp|sctp)$/, 'expected PORT/PROTO such as 80/tcp'))),
    masquerade: v.optional(bool),
    forward: v.optional(bool),
    protocol: v.optional(name),
    absent: v.optional(bool),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const set = FIREWALLD_SETTINGS.filter((k) => dataset.value[k] !== undefined)
    if (set.length > 1) addIssue({ message: `expected at most one of ${FIREWALLD_SETTINGS.join(', ')}` })
    if (!set.length && dataset.value.running === undefined) addIssue({ message: `expected running or one of ${FIREWALLD_SETTINGS.join(', ')}` })
  }),
)

const iptables = v.strictObject({
  host,
  table: v.optional(v.picklist(['filter', 'nat', 'mangle', 'raw'], 'expected filter, nat, mangle or raw')),
  chain: name,
  rule: text,
  absent: v.optional(bool),
})

const arptables = v.strictObject({ host, chain: v.picklist(['INPUT', 'OUTPUT'], 'expected INPUT or OUTPUT'), rule: text, absent: v.optional(bool) })

const PROBE_EXPECT = ['answered', 'distribution', 'same', 'viaDirector', 'fails'] as const
const probe = v.strictObject({
  from: host,
  url: v.pipe(v.string('expected an http:// or https:// URL'), v.regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected an http:// or https:// URL')),
  requests: v.pipe(count, v.minValue(1, 'expected at least 1 request'), v.maxValue(100, 'expected at most 100 requests')),
  timeout: v.optional(v.pipe(count, v.minValue(1, 'expected seconds ≥ 1'), v.maxValue(30, 'expected at most 30 seconds'))),
  expect: v.pipe(
    v.strictObject({
      answered: v.optional(v.union([v.picklist(['all', 'none']), count], 'expected all, none or a number')),
      distribution: v.optional(v.record(v.string(), count, 'expected answer bodies and their counts')),
      same: v.optional(v.literal(true, 'expected true')),
      viaDirector: v.optional(host),
      fails: v.optional(v.picklist(['timeout', 'refused', 'reset'], 'expected timeout, refused or reset')),
    }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const set = PROBE_EXPECT.filter((k) => dataset.value[k] !== undefined)
      if (set.length !== 1) addIssue({ message: `expected exactly one of ${PROBE_EXPECT.join(', ')}` })
    }),
  ),
})

/**
 * The header fields a `predict` check asks about, of the frame the director sends: `ip.*` and
 * `tcp.*` are the client's own packet (inside the tunnel for TUN), `outer.*` the header TUN puts
 * around it.
 */
export const PREDICT_FIELDS = ['eth.src', 'eth.dst', 'ip.src', 'ip.dst', 'ip.ttl', 'tcp.sport', 'tcp.dport', 'tcp.toa', 'outer.src', 'outer.dst', 'outer.proto'] as const
export type PredictField = (typeof PREDICT_FIELDS)[number]

const predict = v.strictObject({
  host,
  from: host,
  url: probe.entries.url,
  timeout: v.optional(probe.entries.timeout),
  packet: v.optional(v.picklist(['syn', 'ack', 'data'], 'expected syn, ack or data')),
  fields: v.pipe(
    v.array(v.picklist(PREDICT_FIELDS, `expected one of ${PREDICT_FIELDS.join(', ')}`), 'expected a list of fields'),
    v.minLength(1, 'expected at least one field'),
    v.check((f) => new Set(f).size === f.length, 'expected each field once'),
  ),
})

/** Every check kind and its fields: the state predicates first, then the traffic probe and the prediction. */
export const CHECK_KINDS = {
  service,
  dest,
  sysctl,
  file,
  unit,
  package: pkg,
  address,
  route,
  module: module_,
  firewalld,
  iptables,
  arptables,
  probe,
  predict,
} as const

export type CheckKind = keyof typeof CHECK_KINDS
const KIND_NAMES = Object.keys(CHECK_KINDS) as CheckKind[]

const check = v.pipe(
  v.strictObject({
    id: v.optional(slug),
    afterReboot: v.optional(bool),
    service: v.optional(service),
    dest: v.optional(dest),
    sysctl: v.optional(sysctl),
    file: v.optional(file),
    unit: v.optional(unit),
    package: v.optional(pkg),
    address: v.optional(address),
    route: v.optional(route),
    module: v.optional(module_),
    firewalld: v.optional(firewalld),
    iptables: v.optional(iptables),
    arptables: v.optional(arptables),
    probe: v.optional(probe),
    predict: v.optional(predict),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const kinds = KIND_NAMES.filter((k) => dataset.value[k] !== undefined)
    if (kinds.length !== 1) addIssue({ message: `expected exactly one check kind (${KIND_NAMES.join(', ')}), found ${kinds.length ? kinds.join(', ') : 'none'}` })
  }),
)

const localText = v.strictObject({ en: text, 'zh-Hans': text, 'zh-Hant': text }, 'expected a text per locale: en, zh-Hans, zh-Hant')

export const FRONT_MATTER = v.strictObject({
  id: slug,
  lab: name,
  level: v.picklist(['beginner', 'intermediate', 'advanced'], 'expected beginner, intermediate or advanced'),
  minutes: v.pipe(count, v.minValue(1, 'expected minutes ≥ 1')),
  requires: v.optional(v.array(slug, 'expected a list of lesson ids'), []),
  exam: v.optional(bool, false),
  order: v.optional(count, 100),
  title: localText,
  steps: v.pipe(
    v.array(
      v.strictObject({
        id: slug,
        checks: v.pipe(v.array(check, 'expected a list of checks'), v.minLength(1, 'expected at least one check')),
      }),
      'expected a list of steps',
    ),
    v.minLength(1, 'expected at least one step'),
  ),
})

export type FrontMatter = v.InferOutput<typeof FRONT_MATTER>
export type CheckSpec = v.InferOutput<typeof check>
export type ServiceCheck = v.InferOutput<typeof service>
export type DestCheck = v.InferOutput<typeof dest>
export type SysctlCheck = v.InferOutput<typeof sysctl>
export type FileCheck = v.InferOutput<typeof file>
export type UnitCheck = v.InferOutput<typeof unit>
export type PackageCheck = v.InferOutput<typeof pkg>
export type AddressCheck = v.InferOutput<typeof address>
export type RouteCheck = v.InferOutput<typeof route>
export type ModuleCheck = v.InferOutput<typeof module_>
export type FirewalldCheck = v.InferOutput<typeof firewalld>
export type IptablesCheck = v.InferOutput<typeof iptables>
export type ArptablesCheck = v.InferOutput<typeof arptables>
export type ProbeCheck = v.InferOutput<typeof probe>
export type PredictCheck = v.InferOutput<typeof predict>

export { KIND_NAMES }

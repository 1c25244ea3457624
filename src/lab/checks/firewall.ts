// Packet-filter state predicates: firewalld (running, and a setting of the public zone at runtime
// or in the permanent configuration), an iptables rule as `iptables -S` prints it and an arptables
// rule as `arptables-save` prints it, both without the leading `-A CHAIN`.

import { PROTOCOLS } from '../../host/netfilter/firewalld.ts'
import type { IptTable } from '../../host/netfilter/iptables.ts'
import type { Host } from '../../host/host.ts'
import { ruleText as arpRuleText } from '../../shell/commands/arptables/index.ts'
import { save as iptSave } from '../../shell/commands/iptables/index.ts'
import type { ArptablesCheck, FirewalldCheck, IptablesCheck } from '../lessons/schema.ts'
import { joinTexts, quote, say, same, type LocalText, type Outcome } from './text.ts'

const RUNNING: [LocalText, LocalText] = [
  { en: 'firewalld is running', 'zh-Hans': 'firewalld 正在运行', 'zh-Hant': 'firewalld 正在執行' },
  { en: 'firewalld is not running', 'zh-Hans': 'firewalld 没有运行', 'zh-Hant': 'firewalld 沒有執行' },
]

/** A protocol as firewalld stores it (`4`, `ipencap`) to its number, so either spelling matches. */
const protoNumber = (p: string) => (/^\d+$/.test(p) ? Number(p) : (PROTOCOLS.get(p) ?? -1))

export function firewalldCheck(host: Host, c: FirewalldCheck): Outcome {
  const fw = host.netfilter.firewalld
  const parts: LocalText[] = []
  let ok = true
  if (c.running !== undefined) {
    parts.push(RUNNING[c.running ? 0 : 1])
    ok &&= fw.running === c.running
  }
  const setting = c.service !== undefined ? 'service' : c.port !== undefined ? 'port' : c.protocol !== undefined ? 'protocol' : c.masquerade !== undefined ? 'masquerade' : c.forward !== undefined ? 'forward' : null
  let found: LocalText = RUNNING[fw.running ? 0 : 1]
  if (setting) {
    const zone = c.zone ?? 'public'
    const permanent = c.permanent ?? false
    // A stopped firewalld has no runtime configuration; the permanent one stays on disk.
    const z = permanent || fw.running ? (zone === 'public' ? (permanent ? fw.permanent : fw.runtime) : null) : null
    let has = false
    let what = ''
    let listing = ''
    if (setting === 'service') {
      what = `service ${c.service}`
      has = !!z?.services.has(c.service!)
      listing = `services: ${z ? [...z.services].sort().join(' ') : ''}`
    } else if (setting === 'port') {
      what = `port ${c.port}`
      has = !!z?.ports.has(c.port!)
      listing = `ports: ${z ? [...z.ports].join(' ') : ''}`
    } else if (setting === 'protocol') {
      what = `protocol ${c.protocol}`
      has = !!z && [...z.protocols].some((p) => protoNumber(p) === protoNumber(c.protocol!))
      listing = `protocols: ${z ? [...z.protocols].sort().join(' ') : ''}`
    } else if (setting === 'masquerade') {
      what = `masquerade ${c.masquerade ? 'yes' : 'no'}`
      has = !!z && z.masquerade === c.masquerade
      listing = `masquerade: ${z?.masquerade ? 'yes' : 'no'}`
    } else {
      // firewalld 1.x's public zone forwards within the zone; the model has no switch for it.
      what = `forward ${c.forward ? 'yes' : 'no'}`
      has = !!z && c.forward === true
      listing = 'forward: yes'
    }
    const negate = setting !== 'masquerade' && setting !== 'forward' && c.absent === true
    const where = permanent ? { en: ' (permanent)', 'zh-Hans': '（永久配置）', 'zh-Hant': '（永久設定）' } : { en: ' (runtime)', 'zh-Hans': '（运行时）', 'zh-Hant': '（執行時）' }
    parts.push(
      negate
        ? say({ en: 'zone {zone} does not have {what}{where}', 'zh-Hans': '区域 {zone} 中没有 {what}{where}', 'zh-Hant': '區域 {zone} 中沒有 {what}{where}' }, { zone, what, where })
        : say({ en: 'zone {zone} has {what}{where}', 'zh-Hans': '区域 {zone} 中有 {what}{where}', 'zh-Hant': '區域 {zone} 中有 {what}{where}' }, { zone, what, where }),
    )
    ok &&= negate ? !has : has
    found = z ? say({ en: 'firewall-cmd{perm} --list-all: {listing}', 'zh-Hans': 'firewall-cmd{perm} --list-all：{listing}', 'zh-Hant': 'firewall-cmd{perm} --list-all：{listing}' }, { perm: permanent ? ' --permanent' : '', listing }) : zone !== 'public' ? same(`zone ${zone}: no interfaces`) : RUNNING[1]
  }
  const expected = say({ en: 'on {host}: {what}', 'zh-Hans': '{host} 上：{what}', 'zh-Hant': '{host} 上：{what}' }, { host: c.host, what: joinTexts(parts) })
  return { passed: ok, expected, found }
}

const norm = (rule: string) => rule.trim().replace(/\s+/g, ' ')

export function iptablesCheck(host: Host, c: IptablesCheck): Outcome {
  const table = (c.table ?? 'filter') as IptTable
  const rules = host.netfilter.iptables.chain(table, c.chain).map((r) => iptSave(r, c.chain).replace(`-A ${c.chain} `, ''))
  const has = rules.some((r) => norm(r) === norm(c.rule))
  const cmd = `iptables -t ${table} -S ${c.chain}`
  return {
    passed: c.absent ? !has : has,
    expected: c.absent
      ? say({ en: '{host} has no rule "{rule}" in {table} {chain}', 'zh-Hans': '{host} 的 {table} 表 {chain} 链中没有规则 "{rule}"', 'zh-Hant': '{host} 的 {table} 表 {chain} 鏈中沒有規則 "{rule}"' }, { host: c.host, rule: c.rule, table, chain: c.chain })
      : say({ en: '{host} has the rule "{rule}" in {table} {chain}', 'zh-Hans': '{host} 的 {table} 表 {chain} 链中有规则 "{rule}"', 'zh-Hant': '{host} 的 {table} 表 {chain} 鏈中有規則 "{rule}"' }, { host: c.host, rule: c.rule, table, chain: c.chain }),
    found: say({ en: '{cmd} shows: {rules}', 'zh-Hans': '{cmd} 显示：{rules}', 'zh-Hant': '{cmd} 顯示：{rules}' }, { cmd, rules: quote([`-P ${c.chain} ACCEPT`, ...rules.map((r) => `-A ${c.chain} ${r}`)]) }),
  }
}

export function arptablesCheck(host: Host, c: ArptablesCheck): Outcome {
  const rules = host.netfilter.arptables.chains[c.chain].map(arpRuleText)
  const has = rules.some((r) => norm(r) === norm(c.rule))
  return {
    passed: c.absent ? !has : has,
    expected: c.absent
      ? say({ en: '{host} has no arptables rule "{rule}" in {chain}', 'zh-Hans': '{host} 的 arptables {chain} 链中没有规则 "{rule}"', 'zh-Hant': '{host} 的 arptables {chain} 鏈中沒有規則 "{rule}"' }, { host: c.host, rule: c.rule, chain: c.chain })
      : say({ en: '{host} has the arptables rule "{rule}" in {chain}', 'zh-Hans': '{host} 的 arptables {chain} 链中有规则 "{rule}"', 'zh-Hant': '{host} 的 arptables {chain} 鏈中有規則 "{rule}"' }, { host: c.host, rule: c.rule, chain: c.chain }),
    found: rules.length
      ? say({ en: 'arptables-save shows: {rules}', 'zh-Hans': 'arptables-save 显示：{rules}', 'zh-Hant': 'arptables-save 顯示：{rules}' }, { rules: quote(rules.map((r) => `-A ${c.chain} ${r}`)) })
      : say({ en: 'arptables {chain} has no rules', 'zh-Hans': 'arptables {chain} 链中没有规则', 'zh-Hant': 'arptables {chain} 鏈中沒有規則' }, { chain: c.chain }),
  }
}

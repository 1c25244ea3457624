// State predicates on the machine itself: a sysctl's runtime value (as `sysctl -n` prints it), a
// file's content and mode, a systemd unit's active/enabled state, an installed package, a loaded
// kernel module. Each reads the host's own model, not a command's output.

import type { Host } from '../../host/host.ts'
import { nevra } from '../../host/packages.ts'
import type { FileCheck, ModuleCheck, PackageCheck, SysctlCheck, UnitCheck } from '../lessons/schema.ts'
import { joinTexts, quote, same, say, type LocalText, type Outcome } from './text.ts'

const YES_NO = {
  active: [
    { en: 'active', 'zh-Hans': '运行中（active）', 'zh-Hant': '執行中（active）' },
    { en: 'not active', 'zh-Hans': '未运行', 'zh-Hant': '未執行' },
  ],
  enabled: [
    { en: 'enabled', 'zh-Hans': '开机启动（enabled）', 'zh-Hant': '開機啟動（enabled）' },
    { en: 'not enabled', 'zh-Hans': '不开机启动', 'zh-Hant': '不開機啟動' },
  ],
} as const

export function sysctlCheck(host: Host, c: SysctlCheck): Outcome {
  const key = c.key.replace(/\//g, '.')
  const want = String(c.value)
  const value = host.sysctl.get(key)
  return {
    passed: value !== undefined && value.trim() === want,
    expected: say({ en: '{host} has {key} = {value}', 'zh-Hans': '{host} 上 {key} = {value}', 'zh-Hant': '{host} 上 {key} = {value}' }, { host: c.host, key, value: want }),
    found:
      value === undefined
        ? say({ en: 'sysctl: cannot stat /proc/sys/{path}: No such file or directory', 'zh-Hans': '{host} 上没有 {key}（sysctl: cannot stat /proc/sys/{path}）', 'zh-Hant': '{host} 上沒有 {key}（sysctl: cannot stat /proc/sys/{path}）' }, { host: c.host, key, path: key.replace(/\./g, '/') })
        : say({ en: 'sysctl {key} shows {value}', 'zh-Hans': 'sysctl {key} 显示 {value}', 'zh-Hant': 'sysctl {key} 顯示 {value}' }, { key, value }),
  }
}

export function fileCheck(host: Host, c: FileCheck): Outcome {
  const content = host.fs.read(c.path)
  const exists = typeof content === 'string'
  if (c.absent) {
    return {
      passed: !exists,
      expected: say({ en: '{host} has no file {path}', 'zh-Hans': '{host} 上没有文件 {path}', 'zh-Hant': '{host} 上沒有檔案 {path}' }, { host: c.host, path: c.path }),
      found: exists ? say({ en: '{path} exists', 'zh-Hans': '{path} 存在', 'zh-Hant': '{path} 存在' }, { path: c.path }) : say({ en: 'no {path}', 'zh-Hans': '没有 {path}', 'zh-Hant': '沒有 {path}' }, { path: c.path }),
    }
  }
  const wants: LocalText[] = []
  if (c.matches !== undefined) wants.push(say({ en: 'a line matching /{re}/', 'zh-Hans': '有符合 /{re}/ 的内容', 'zh-Hant': '有符合 /{re}/ 的內容' }, { re: c.matches }))
  if (c.mode !== undefined) wants.push(say({ en: 'mode {mode}', 'zh-Hans': '权限 {mode}', 'zh-Hant': '權限 {mode}' }, { mode: c.mode }))
  const expected = wants.length
    ? say({ en: '{host} has {path} with {what}', 'zh-Hans': '{host} 上有 {path}，{what}', 'zh-Hant': '{host} 上有 {path}，{what}' }, { host: c.host, path: c.path, what: joinTexts(wants, { en: ' and ', 'zh-Hans': '，', 'zh-Hant': '，' }) })
    : say({ en: '{host} has the file {path}', 'zh-Hans': '{host} 上有文件 {path}', 'zh-Hant': '{host} 上有檔案 {path}' }, { host: c.host, path: c.path })
  if (!exists) {
    return { passed: false, expected, found: say({ en: '{host} has no {path}', 'zh-Hans': '{host} 上没有 {path}', 'zh-Hant': '{host} 上沒有 {path}' }, { host: c.host, path: c.path }) }
  }
  const mode = (host.fs.stat(c.path)?.mode ?? 0) & 0o7777
  const matches = c.matches === undefined || new RegExp(c.matches, 'm').test(content)
  const modeOk = c.mode === undefined || mode === parseInt(c.mode, 8)
  const body = quote(content.split('\n'))
  const found: LocalText[] = []
  if (c.mode !== undefined) found.push(say({ en: 'mode {mode}', 'zh-Hans': '权限 {mode}', 'zh-Hant': '權限 {mode}' }, { mode: mode.toString(8).padStart(3, '0') }))
  if (c.matches !== undefined) found.push(body ? say({ en: 'it holds: {body}', 'zh-Hans': '内容：{body}', 'zh-Hant': '內容：{body}' }, { body }) : same('(empty)'))
  return { passed: matches && modeOk, expected, found: found.length ? joinTexts(found) : say({ en: '{path} exists', 'zh-Hans': '{path} 存在', 'zh-Hant': '{path} 存在' }, { path: c.path }) }
}

export function unitCheck(host: Host, c: UnitCheck): Outcome {
  const unit = `${c.name.replace(/\.service$/, '')}.service`
  const wants: LocalText[] = []
  if (c.active !== undefined) wants.push(YES_NO.active[c.active ? 0 : 1])
  if (c.enabled !== undefined) wants.push(YES_NO.enabled[c.enabled ? 0 : 1])
  const and = { en: ' and ', 'zh-Hans': '且', 'zh-Hant': '且' }
  const expected = say({ en: '{unit} on {host} is {what}', 'zh-Hans': '{host} 上的 {unit} {what}', 'zh-Hant': '{host} 上的 {unit} {what}' }, { host: c.host, unit, what: wants.length ? joinTexts(wants, and) : same('installed') })
  const def = host.systemd.resolve(c.name)
  if (!def) {
    return {
      passed: c.active !== true && c.enabled !== true && wants.length > 0,
      expected,
      found: say({ en: 'Unit {unit} could not be found.', 'zh-Hans': '{host} 上没有 {unit}（Unit {unit} could not be found.）', 'zh-Hant': '{host} 上沒有 {unit}（Unit {unit} could not be found.）' }, { host: c.host, unit }),
    }
  }
  const st = host.systemd.state(def)
  const active = st.active === 'active'
  const ok = (c.active === undefined || active === c.active) && (c.enabled === undefined || st.enabled === c.enabled)
  const state = st.active === 'failed' ? same('failed') : YES_NO.active[active ? 0 : 1]
  return { passed: ok, expected, found: say({ en: '{unit} is {state} and {enabled}', 'zh-Hans': '{unit} {state}，{enabled}', 'zh-Hant': '{unit} {state}，{enabled}' }, { unit, state, enabled: YES_NO.enabled[st.enabled ? 0 : 1] }) }
}

export function packageCheck(host: Host, c: PackageCheck): Outcome {
  const want = c.installed ?? true
  const has = host.isInstalled(c.name)
  const text = (yes: boolean) =>
    yes
      ? say({ en: '{host} has the package {name} installed', 'zh-Hans': '{host} 已安装软件包 {name}', 'zh-Hant': '{host} 已安裝套件 {name}' }, { host: c.host, name: c.name })
      : say({ en: '{host} does not have {name} installed', 'zh-Hans': '{host} 没有安装 {name}', 'zh-Hant': '{host} 沒有安裝 {name}' }, { host: c.host, name: c.name })
  // As rpm answers: the package itself, or (for a name another package provides) --whatprovides.
  const own = host.installed.get(c.name)
  const provider = own ? undefined : [...host.installed.values()].find((p) => p.provides?.includes(c.name))
  const found = own ? `rpm -q ${c.name}: ${nevra(own)}` : provider ? `rpm -q --whatprovides ${c.name}: ${nevra(provider)}` : `rpm -q ${c.name}: package ${c.name} is not installed`
  return { passed: has === want, expected: text(want), found: same(found) }
}

export function moduleCheck(host: Host, c: ModuleCheck): Outcome {
  const want = c.loaded ?? true
  const loaded = host.modules.includes(c.name)
  return {
    passed: loaded === want,
    expected: want
      ? say({ en: '{host} has the kernel module {name} loaded', 'zh-Hans': '{host} 已加载内核模块 {name}', 'zh-Hant': '{host} 已載入核心模組 {name}' }, { host: c.host, name: c.name })
      : say({ en: '{host} does not have the kernel module {name} loaded', 'zh-Hans': '{host} 没有加载内核模块 {name}', 'zh-Hant': '{host} 沒有載入核心模組 {name}' }, { host: c.host, name: c.name }),
    found: loaded
      ? say({ en: 'lsmod lists {name}', 'zh-Hans': 'lsmod 列出了 {name}', 'zh-Hant': 'lsmod 列出了 {name}' }, { name: c.name })
      : say({ en: 'lsmod does not list {name}', 'zh-Hans': 'lsmod 中没有 {name}', 'zh-Hant': 'lsmod 中沒有 {name}' }, { name: c.name }),
  }
}

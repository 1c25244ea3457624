// Every check kind of lessons/FORMAT.md against a real lab: what holds, what does not, and the
// exact words of `expected` and `found`; probes run on a copy and explain failures with the
// trace's reasons; after-reboot checks see what a reboot keeps.

import { describe, expect, it } from 'vitest'
import { evaluateCheck, evaluateLesson } from '../../src/lab/checks/index.ts'
import { rebootedCopy } from '../../src/lab/checks/world.ts'
import { Lab } from '../../src/lab/lab.ts'
import type { Check, KindArgs } from '../../src/lab/lessons/types.ts'
import { compileLesson } from '../../src/lab/lessons/compile.ts'
import { scriptWorld } from '../../src/lab/lessons/world.ts'
import { runScript } from '../../src/lab/script.ts'

function check<K extends Check['kind']>(kind: K, args: KindArgs[K], afterReboot = false): Check {
  return { kind, args, id: `${kind}-1`, step: 's', afterReboot } as Check
}

/** en, then zh-Hant: the result as a learner reads it. */
function run(lab: Lab, c: Check) {
  const o = evaluateCheck(c, lab)
  return { passed: o.passed, expected: o.expected.en, found: o.found.en, hant: o.found['zh-Hant'] }
}

function nat(script = ''): Lab {
  const lab = Lab.create('nat')
  runScript(lab, script)
  return lab
}

describe('state checks', () => {
  const lab = nat(`[root@lvs ~]# dnf install -y ipvsadm
[root@lvs ~]# ipvsadm -A -t 172.25.254.200:80 -s wrr -p 120
[root@lvs ~]# ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.10 -m -w 3
[root@lvs ~]# ipvsadm -A -f 66 -s sh -b sh-port
[root@lvs ~]# sysctl -w net.ipv4.ip_forward=1
[root@lvs ~]# iptables -t mangle -A PREROUTING -d 172.25.254.200 -p tcp -m multiport --dports 80,443 -j MARK --set-mark 66
[root@lvs ~]# firewall-cmd --add-service=http
[root@rs1 ~]# arptables -A INPUT -d 172.25.254.200 -j DROP
[root@rs1 ~]# ip addr add 172.25.254.200/32 dev lo
[root@rs1 ~]# ip route add default via 192.168.0.100
[root@rs1 ~]# dnf install -y httpd
[root@rs1 ~]# echo hello > /var/www/html/index.html
[root@rs1 ~]# systemctl start httpd
[root@rs1 ~]# modprobe ipip`)

  it('service: protocol, address, scheduler, persistence and flags', () => {
    expect(run(lab, check('service', { host: 'lvs', proto: 'tcp', addr: '172.25.254.200:80', scheduler: 'wrr', persistent: 120 }))).toEqual({ passed: true, expected: 'lvs has the IPVS service TCP 172.25.254.200:80 wrr persistent 120', found: 'ipvsadm -Ln: TCP  172.25.254.200:80 wrr persistent 120', hant: 'ipvsadm -Ln: TCP  172.25.254.200:80 wrr persistent 120' })
    expect(run(lab, check('service', { host: 'lvs', proto: 'tcp', addr: '172.25.254.200:80', scheduler: 'rr', persistent: false }))).toMatchObject({ passed: false, expected: 'lvs has the IPVS service TCP 172.25.254.200:80 rr, not persistent' })
    expect(run(lab, check('service', { host: 'lvs', fwmark: 66, scheduler: 'sh', flags: ['sh-port'] }))).toMatchObject({ passed: true, found: 'ipvsadm -Ln: FWM  66 sh (sh-port)' })
    expect(run(lab, check('service', { host: 'lvs', proto: 'udp', addr: '172.25.254.200:53' }))).toEqual({ passed: false, expected: 'lvs has the IPVS service UDP 172.25.254.200:53', found: 'no service UDP 172.25.254.200:53; lvs has: TCP  172.25.254.200:80 wrr persistent 120; FWM  66 sh (sh-port)', hant: '沒有服務 UDP 172.25.254.200:53；lvs 上有：TCP  172.25.254.200:80 wrr persistent 120; FWM  66 sh (sh-port)' })
    expect(run(lab, check('service', { host: 'lvs', fwmark: 1, absent: true }))).toMatchObject({ passed: true, expected: 'lvs has no IPVS service FWM 1' })
    expect(run(nat(), check('service', { host: 'lvs', fwmark: 1 }))).toMatchObject({ passed: false, found: 'lvs has no IPVS virtual services (ipvsadm -Ln lists none)' })
  })

  it('dest: address, method and weight', () => {
    expect(run(lab, check('dest', { host: 'lvs', service: 'tcp 172.25.254.200:80', addr: '192.168.0.10:80', method: 'masq', weight: 3 }))).toEqual({ passed: true, expected: "lvs's service TCP 172.25.254.200:80 has the real server 192.168.0.10:80 Masq weight 3", found: 'TCP 172.25.254.200:80 has real servers: 192.168.0.10:80 Masq weight 3', hant: 'TCP 172.25.254.200:80 的真實伺服器：192.168.0.10:80 Masq weight 3' })
    expect(run(lab, check('dest', { host: 'lvs', service: 'tcp 172.25.254.200:80', addr: '192.168.0.10', method: 'droute' }))).toMatchObject({ passed: false })
    expect(run(lab, check('dest', { host: 'lvs', service: 'fwmark 66', addr: '192.168.0.20' }))).toMatchObject({ passed: false, found: 'FWM 66 has no real servers' })
    expect(run(lab, check('dest', { host: 'lvs', service: 'tcp 172.25.254.200:80', addr: '192.168.0.20', absent: true }))).toMatchObject({ passed: true })
  })

  it('sysctl: the runtime value, dots or slashes', () => {
    expect(run(lab, check('sysctl', { host: 'lvs', key: 'net/ipv4/ip_forward', value: 1 }))).toEqual({ passed: true, expected: 'lvs has net.ipv4.ip_forward = 1', found: 'sysctl net.ipv4.ip_forward shows 1', hant: 'sysctl net.ipv4.ip_forward 顯示 1' })
    expect(run(lab, check('sysctl', { host: 'rs1', key: 'net.ipv4.conf.all.arp_ignore', value: '1' }))).toMatchObject({ passed: false, found: 'sysctl net.ipv4.conf.all.arp_ignore shows 0' })
    expect(run(lab, check('sysctl', { host: 'rs1', key: 'net.ipv4.conf.tunl9.rp_filter', value: 0 }))).toMatchObject({ passed: false, found: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/tunl9/rp_filter: No such file or directory' })
  })

  it('file: content by regular expression, mode, absence', () => {
    expect(run(lab, check('file', { host: 'rs1', path: '/var/www/html/index.html', matches: '^hello$' }))).toEqual({ passed: true, expected: 'rs1 has /var/www/html/index.html with a line matching /^hello$/', found: 'it holds: hello', hant: '內容：hello' })
    expect(run(lab, check('file', { host: 'rs1', path: '/etc/NetworkManager/system-connections/eth0.nmconnection', mode: '600', matches: 'address1=192\\.168\\.0\\.10/24,192\\.168\\.0\\.100' }))).toMatchObject({ passed: false, found: 'mode 600; it holds: [connection] | id=eth0 | type=ethernet | interface-name=eth0 | [ipv4] | method=manual | …' })
    expect(run(lab, check('file', { host: 'rs2', path: '/var/www/html/index.html' }))).toMatchObject({ passed: false, found: 'rs2 has no /var/www/html/index.html' })
    expect(run(lab, check('file', { host: 'rs2', path: '/etc/sysconfig/ipvsadm', absent: true }))).toMatchObject({ passed: true, expected: 'rs2 has no file /etc/sysconfig/ipvsadm' })
  })

  it('unit and package', () => {
    expect(run(lab, check('unit', { host: 'rs1', name: 'httpd', active: true, enabled: true }))).toEqual({ passed: false, expected: 'httpd.service on rs1 is active and enabled', found: 'httpd.service is active and not enabled', hant: 'httpd.service 執行中（active），不開機啟動' })
    expect(run(lab, check('unit', { host: 'rs2', name: 'httpd.service', active: true }))).toMatchObject({ passed: false, found: 'Unit httpd.service could not be found.' })
    expect(run(lab, check('unit', { host: 'rs2', name: 'firewalld', enabled: true }))).toMatchObject({ passed: true })
    expect(run(lab, check('package', { host: 'rs1', name: 'httpd' }))).toEqual({ passed: true, expected: 'rs1 has the package httpd installed', found: 'rpm -q httpd: httpd-2.4.57-5.el9.x86_64', hant: 'rpm -q httpd: httpd-2.4.57-5.el9.x86_64' })
    expect(run(lab, check('package', { host: 'rs1', name: 'arptables' }))).toMatchObject({ passed: true, found: 'rpm -q --whatprovides arptables: iptables-nft-1.8.10-4.el9_4.x86_64' })
    expect(run(lab, check('package', { host: 'rs2', name: 'httpd', installed: false }))).toMatchObject({ passed: true, expected: 'rs2 does not have httpd installed', found: 'rpm -q httpd: package httpd is not installed' })
  })

  it('address, route and module', () => {
    expect(run(lab, check('address', { host: 'rs1', iface: 'lo', addr: '172.25.254.200/32' }))).toEqual({ passed: true, expected: 'rs1 has 172.25.254.200/32 on lo', found: 'ip addr shows on lo: 127.0.0.1/8, 172.25.254.200/32', hant: 'ip addr 顯示 lo 上有：127.0.0.1/8, 172.25.254.200/32' })
    expect(run(lab, check('address', { host: 'rs2', iface: 'tunl0', addr: '172.25.254.200/32' }))).toMatchObject({ passed: false, found: 'rs2 has no interface tunl0 (Device "tunl0" does not exist.)' })
    expect(run(lab, check('route', { host: 'rs1', to: 'default', via: '192.168.0.100' }))).toEqual({ passed: true, expected: 'rs1 has a default route via 192.168.0.100', found: 'rs1 has a default route via 192.168.0.100 (ip route shows: default via 192.168.0.100 dev eth0 | 192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.10 metric 100)', hant: 'rs1 有預設路由 via 192.168.0.100（ip route 顯示：default via 192.168.0.100 dev eth0 | 192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.10 metric 100）' })
    expect(run(lab, check('route', { host: 'rs2', to: 'default', via: '192.168.0.100' }))).toMatchObject({ passed: false, found: 'rs2 has no default route via 192.168.0.100 (ip route shows: 192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.20 metric 100)' })
    expect(run(lab, check('route', { host: 'rs1', to: '192.168.0.0/24', dev: 'eth0' }))).toMatchObject({ passed: true, expected: 'rs1 has a route 192.168.0.0/24 dev eth0' })
    expect(run(lab, check('route', { host: 'rs1', table: 'local', to: '172.25.254.200' }))).toMatchObject({ passed: true, found: 'rs1 has a route 172.25.254.200 (ip route show table local shows: local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 | local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 | broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 | local 172.25.254.200 dev lo proto kernel scope host src 172.25.254.200 | local 192.168.0.10 dev eth0 proto kernel scope host src 192.168.0.10 | broadcast 192.168.0.255 dev eth0 proto kernel scope link src 192.168.0.10)' })
    expect(run(lab, check('module', { host: 'rs1', name: 'ipip' }))).toEqual({ passed: true, expected: 'rs1 has the kernel module ipip loaded', found: 'lsmod lists ipip', hant: 'lsmod 列出了 ipip' })
    expect(run(lab, check('module', { host: 'rs2', name: 'ip_vs', loaded: false }))).toMatchObject({ passed: true, expected: 'rs2 does not have the kernel module ip_vs loaded' })
  })

  it('firewalld, iptables and arptables', () => {
    expect(run(lab, check('firewalld', { host: 'lvs', service: 'http' }))).toEqual({ passed: true, expected: 'on lvs: zone public has service http (runtime)', found: 'firewall-cmd --list-all: services: cockpit dhcpv6-client http ssh', hant: 'firewall-cmd --list-all：services: cockpit dhcpv6-client http ssh' })
    expect(run(lab, check('firewalld', { host: 'lvs', service: 'http', permanent: true }))).toMatchObject({ passed: false, found: 'firewall-cmd --permanent --list-all: services: cockpit dhcpv6-client ssh' })
    expect(run(lab, check('firewalld', { host: 'lvs', running: true, protocol: 'ipencap', absent: true }))).toMatchObject({ passed: true, expected: 'on lvs: firewalld is running; zone public does not have protocol ipencap (runtime)' })
    expect(run(lab, check('iptables', { host: 'lvs', table: 'mangle', chain: 'PREROUTING', rule: '-d 172.25.254.200/32 -p tcp -m multiport --dports 80,443 -j MARK --set-xmark 0x42/0xffffffff' }))).toEqual({ passed: true, expected: 'lvs has the rule "-d 172.25.254.200/32 -p tcp -m multiport --dports 80,443 -j MARK --set-xmark 0x42/0xffffffff" in mangle PREROUTING', found: 'iptables -t mangle -S PREROUTING shows: -P PREROUTING ACCEPT | -A PREROUTING -d 172.25.254.200/32 -p tcp -m multiport --dports 80,443 -j MARK --set-xmark 0x42/0xffffffff', hant: 'iptables -t mangle -S PREROUTING 顯示：-P PREROUTING ACCEPT | -A PREROUTING -d 172.25.254.200/32 -p tcp -m multiport --dports 80,443 -j MARK --set-xmark 0x42/0xffffffff' })
    expect(run(lab, check('arptables', { host: 'rs1', chain: 'INPUT', rule: '-j DROP -d 172.25.254.200' }))).toEqual({ passed: true, expected: 'rs1 has the arptables rule "-j DROP -d 172.25.254.200" in INPUT', found: 'arptables-save shows: -A INPUT -j DROP -d 172.25.254.200', hant: 'arptables-save 顯示：-A INPUT -j DROP -d 172.25.254.200' })
    expect(run(lab, check('arptables', { host: 'rs2', chain: 'OUTPUT', rule: '-j mangle -s 172.25.254.200 --mangle-ip-s 192.168.0.20' }))).toMatchObject({ passed: false, found: 'arptables OUTPUT has no rules' })
  })

  it('a host the lab does not have is a failed check, not an exception', () => {
    expect(run(lab, check('module', { host: 'nowhere', name: 'ipip' }))).toMatchObject({ passed: false, found: 'no host nowhere in this lab' })
  })
})

describe('after reboot', () => {
  const build = () => nat(`[root@lvs ~]# sysctl -w net.ipv4.ip_forward=1
[root@rs1 ~]# echo net.ipv4.conf.all.arp_ignore=1 >> /etc/sysctl.conf
[root@rs1 ~]# sysctl -p`)
  const lab = build()
  const rebooted = rebootedCopy({ lab, copy: build })

  it('runtime settings are lost, files come back; the world itself is untouched', () => {
    expect(run(rebooted, check('sysctl', { host: 'lvs', key: 'net.ipv4.ip_forward', value: 1 }, true))).toMatchObject({ passed: false, found: 'sysctl net.ipv4.ip_forward shows 0' })
    expect(run(rebooted, check('sysctl', { host: 'rs1', key: 'net.ipv4.conf.all.arp_ignore', value: 1 }, true))).toMatchObject({ passed: true })
    expect(run(lab, check('sysctl', { host: 'lvs', key: 'net.ipv4.ip_forward', value: 1 }))).toMatchObject({ passed: true })
  })
})

describe('probes', () => {
  const build = () => nat(`[root@rs1 ~]# systemctl stop firewalld
[root@rs2 ~]# systemctl stop firewalld
[root@rs2 ~]# dnf install -y httpd
[root@rs2 ~]# echo rs2 > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd`)
  const lab = build()
  const probe = (url: string, expect: KindArgs['probe']['expect'], requests = 2) => run(build(), check('probe', { from: 'lvs', url, requests, expect }))

  it('fails: refused, timeout; each failure with the trace reason and the curl error', () => {
    expect(probe('http://192.168.0.10/', { fails: 'refused' })).toEqual({ passed: true, expected: '2 requests from lvs to http://192.168.0.10/: every request fails with Connection refused', found: 'none of the 2 requests got an answer: RS1: nothing listens on TCP port 80, so the kernel answers with RST; curl: (7) Failed to connect to 192.168.0.10 port 80: Connection refused', hant: '2 個請求都沒有回應：RS1：TCP 連接埠 80 上沒有程式監聽，核心回應 RST；curl: (7) Failed to connect to 192.168.0.10 port 80: Connection refused' })
    expect(probe('http://192.168.0.20/', { fails: 'timeout' })).toMatchObject({ passed: false, found: 'all 2 answered: 2 × "rs2"' })
    expect(probe('http://192.168.0.20/', { answered: 1 })).toMatchObject({ passed: false, expected: '2 requests from lvs to http://192.168.0.20/: 1 of them get an answer' })
    expect(probe('http://192.168.0.20/', { same: true }, 3)).toMatchObject({ passed: true, found: 'all 3 answered: 3 × "rs2"' })
  })

  it('runs on a copy: the learner\'s world sends nothing', () => {
    const before = lab.engine.trace.lastId
    const at = lab.engine.now
    evaluateCheck(check('probe', { from: 'lvs', url: 'http://192.168.0.20/', requests: 3, expect: { answered: 'all' } }), build())
    expect(lab.engine.trace.lastId).toBe(before)
    expect(lab.engine.now).toBe(at)
  })
})

describe('a lesson that asks for persistence', () => {
  const text = ['en', 'zh-Hans', 'zh-Hant'].map((l) => `## ${l}\n\nIntro.\n\n### Forward\n\nForward, for good.\n\n#### Hint\n\nsysctl.conf.\n`).join('\n')
  const front = `id: keep\nlab: nat\nlevel: beginner\nminutes: 5\ntitle: { en: K, zh-Hans: K, zh-Hant: K }\nsteps:\n  - id: forward\n    checks:\n      - { id: now, sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }\n      - { id: after-reboot, afterReboot: true, sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }\n`
  const lesson = compileLesson({ dir: 'lessons/keep', id: 'keep', files: { 'lesson.md': `---\n${front}---\n\n${text}`, 'solution.script': 'x\n' } }).lesson!
  const results = (script: string) => evaluateLesson(lesson, scriptWorld(lesson, 1, script), { all: false })[0].checks.map((c) => [c.id, c.passed, c.expected.en, c.found.en])

  it('sysctl -w holds now but not after a reboot; sysctl.conf holds after it too', () => {
    expect(results('[root@lvs ~]# sysctl -w net.ipv4.ip_forward=1')).toEqual([
      ['now', true, 'lvs has net.ipv4.ip_forward = 1', 'sysctl net.ipv4.ip_forward shows 1'],
      ['after-reboot', false, 'lvs has net.ipv4.ip_forward = 1 (after a reboot)', 'sysctl net.ipv4.ip_forward shows 0'],
    ])
    expect(results('[root@lvs ~]# echo net.ipv4.ip_forward = 1 >> /etc/sysctl.conf\n[root@lvs ~]# sysctl -p')).toEqual([
      ['now', true, 'lvs has net.ipv4.ip_forward = 1', 'sysctl net.ipv4.ip_forward shows 1'],
      ['after-reboot', true, 'lvs has net.ipv4.ip_forward = 1 (after a reboot)', 'sysctl net.ipv4.ip_forward shows 1'],
    ])
  })

  it('waits for the step\'s state before rebooting a copy', () => {
    expect(results('[root@lvs ~]# true')).toEqual([
      ['now', false, 'lvs has net.ipv4.ip_forward = 1', 'sysctl net.ipv4.ip_forward shows 0'],
      ['after-reboot', null, '', ''],
    ])
  })
})

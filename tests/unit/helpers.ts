// Test helpers: a booted lab and a way to run several command lines on its hosts.

import { readFileSync } from 'node:fs'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'
import { Tty } from '../../src/shell/tty.ts'
import type { createApi } from '../../src/worker/api.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'

export function natLab(seed = 1): Lab {
  return Lab.create('nat', seed)
}

/** Runs lines on one host and returns the last result; throws on a line that fails unexpectedly. */
export function sh(lab: Lab, host: string, ...lines: string[]) {
  let last = lab.run(host, 'true')
  for (const line of lines) last = lab.run(host, line)
  return last
}

/** A NAT lab brought to the tutorial's working state, with the given real servers added in order. */
export function workingNat(scheduler = 'rr', servers: [string, number][] = [['192.168.0.10', 1], ['192.168.0.20', 1]]): Lab {
  const lab = natLab()
  for (const [rs, ip] of [['rs1', '192.168.0.10'], ['rs2', '192.168.0.20']]) {
    sh(lab, rs, 'systemctl disable --now firewalld', 'dnf install -y httpd', `echo ${rs.toUpperCase()} - ${ip} > /var/www/html/index.html`, 'systemctl enable --now httpd', 'nmcli connection modify eth0 ipv4.gateway 192.168.0.100', 'nmcli connection up eth0')
  }
  sh(lab, 'lvs', 'systemctl disable --now firewalld', 'sysctl -w net.ipv4.ip_forward=1', 'dnf install -y ipvsadm', `ipvsadm -A -t 172.25.254.200:80 -s ${scheduler}`)
  for (const [rs, w] of servers) sh(lab, 'lvs', `ipvsadm -a -t 172.25.254.200:80 -r ${rs}:80 -m -w ${w}`)
  return lab
}

/** Which real server answered each of n requests (the body names it). */
export function picks(lab: Lab, n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const r = lab.run('client', 'curl -s 172.25.254.200')
    out.push(r.stdout.trim().split(' ')[0])
    lab.idle(1_000_000)
  }
  return out
}

/** A lab after its tutorial script (lessons/ID/tutorial.script), as the tutorial leaves it. */
export function tutorialLab(id: string): Lab {
  const lab = Lab.create(id)
  runTranscript(lab, readFileSync(new URL(`../../lessons/${id}/tutorial.script`, import.meta.url), 'utf8'))
  return lab
}

/** Types each chunk into a fresh terminal of `rows` rows on `host`, returning what the terminal
 *  received for each (the lab idles 1 ms of virtual time after every chunk). */
export function screens(lab: Lab, host: string, rows: number, chunks: string[]): string[] {
  let screen = ''
  const tty = new Tty(lab.host(host)!, lab.shellEnv(), (d) => (screen += d))
  tty.rows = rows
  return chunks.map((k) => {
    screen = ''
    tty.input(k)
    lab.idle(1000)
    return screen
  })
}

/** What a worker API pushes: each host's terminal output so far, and every `saved` event. */
export function collect(api: ReturnType<typeof createApi>) {
  const out = new Map<string, string>()
  const saved: WorkerEvent[] = []
  api.subscribe((events) => {
    for (const e of events) {
      if (e.type === 'output') out.set(e.host, (out.get(e.host) ?? '') + e.data)
      if (e.type === 'saved') saved.push(e)
    }
  })
  return { out, saved }
}

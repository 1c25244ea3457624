// The worker's API object: one lab at a time, a terminal (Tty) per host, keystrokes logged with
// their virtual time and replayed on load, output and trace pushed to the UI in batches. Plain
// object, so tests can call it in Node without a worker.

import { formatIp } from '../net/addr.ts'
import { Lab } from '../lab/lab.ts'
import { LABS } from '../lab/labs/index.ts'
import { Tty } from '../shell/tty.ts'
import type { KeyEvent, LabApi, LabSummary, SavedSession, TopologyView, WorkerEvent } from './protocol.ts'

export interface ApiOptions {
  /** A lab was loaded (the browser's real-time driver restarts its clock from the lab's time). */
  onLoad?(lab: Lab): void
}

export function createApi(options: ApiOptions = {}) {
  let lab: Lab | null = null
  let ttys = new Map<string, Tty>()
  let keyLog: KeyEvent[] = []
  let seed = 1
  let listener: ((events: WorkerEvent[]) => void) | null = null
  let queue: WorkerEvent[] = []
  let traceCursor = 0
  let replaying = false

  const summary = (id: string): LabSummary => ({ id, title: LABS[id].title, summary: LABS[id].summary })

  const topology = (): TopologyView => {
    const l = lab!
    return {
      lab: summary(l.def.id),
      start: l.def.start,
      networks: l.def.networks.map((n) => ({ ...n })),
      hosts: l.def.hosts.map((h) => {
        const host = l.host(h.hostname)!
        return {
          name: h.hostname,
          role: h.role,
          x: h.x,
          y: h.y,
          ifaces: h.ifaces.map((f) => {
            const iface = host.ip.iface(f.name)!
            return { name: f.name, network: f.network, mac: iface.mac, addrs: iface.addrs.map((a) => `${formatIp(a.ip)}/${a.plen}`) }
          }),
        }
      }),
    }
  }

  const tty = (name: string): Tty => {
    const host = lab!.host(name)
    if (!host) throw new Error(`no host ${name}`)
    let t = ttys.get(host.hostname)
    if (!t) {
      t = new Tty(host, lab!.shellEnv(), (data) => queue.push({ type: 'output', host: host.hostname, data }), (h, line) => lab!.record(h, line))
      ttys.set(host.hostname, t)
      t.login()
    }
    return t
  }

  const saved = (): SavedSession => ({ version: 1, lab: lab!.def.id, seed, keys: keyLog })

  const api = {
    labs: (): LabSummary[] => Object.keys(LABS).map(summary),

    load(id: string, session?: SavedSession | null): TopologyView {
      if (!LABS[id]) throw new Error(`unknown lab ${id}`)
      seed = session?.lab === id ? session.seed : 1
      lab = new Lab(LABS[id], seed)
      ttys = new Map()
      keyLog = []
      queue = []
      traceCursor = 0
      for (const h of lab.hosts) tty(h.hostname)
      if (session && session.lab === id && session.version === 1) {
        replaying = true
        for (const k of session.keys) {
          lab.engine.advanceTo(k.t)
          keyLog.push(k)
          tty(k.host).input(k.data)
        }
        replaying = false
      }
      options.onLoad?.(lab)
      api.flush()
      return topology()
    },

    subscribe(l: (events: WorkerEvent[]) => void): void {
      listener = l
    },

    keys(host: string, data: string): void {
      if (!lab) return
      const t = tty(host)
      keyLog.push({ t: lab.engine.now, host: t.host.hostname, data })
      t.input(data)
      if (!replaying) queue.push({ type: 'saved', session: saved() })
      api.flush()
    },

    resize(host: string, cols: number, rows: number): void {
      if (!lab) return
      const t = tty(host)
      t.cols = cols
      t.rows = rows
    },

    run(host: string, command: string): { stdout: string; exitCode: number } {
      if (!lab) throw new Error('no lab loaded')
      const r = lab.run(host, command)
      api.flush()
      return { stdout: r.stdout, exitCode: r.exitCode }
    },

    trace: (since = 0) => lab?.engine.trace.since(since) ?? [],

    setTrace(enabled: boolean): void {
      if (lab) lab.engine.trace.enabled = enabled
    },

    /** Sends what accumulated since the last batch: output, new trace records. */
    flush(): void {
      if (!lab) return
      const records = lab.engine.trace.since(traceCursor)
      if (records.length) {
        traceCursor = records[records.length - 1].id
        queue.push({ type: 'trace', records })
      }
      if (!queue.length || !listener) return
      const batch = queue
      queue = []
      listener(batch)
    },

    /** The loaded lab, for tests. */
    current: () => lab,
  } satisfies LabApi & Record<string, unknown>

  return api
}

export type Api = ReturnType<typeof createApi>

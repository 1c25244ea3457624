// What a lab is: its machines (with their interfaces, keyfiles and /etc/hosts), the L2 networks
// joining them, and where the picture draws them. One file per lab under labs/.

import type { HostSpec } from '../host/host.ts'

export interface NetworkDef {
  id: string
  cidr: string
  /** Position of the network's bus in the picture (0..1 of the canvas). */
  x: number
  y: number
}

export interface HostDef {
  hostname: string
  /** Extra files the machine was installed with (path, content, mode). */
  files?: [string, string, number][]
  aliases: string[]
  role: 'client' | 'director' | 'real-server' | 'router'
  dpvs?: boolean
  ifaces: { name: string; network: string; keyfile: string }[]
  x: number
  y: number
}

export interface LabDef {
  id: string
  title: string
  summary: string
  networks: NetworkDef[]
  hosts: HostDef[]
  /** The host whose terminal opens first. */
  start: string
  /** Runs after boot, for the few steps a lab's tutorial takes before the learner starts. */
  setup?: (exec: (host: string, line: string) => void) => void
}

/** A tutorial-style keyfile: manual IPv4 with optional gateway, no uuid, no [ipv6]. */
export function keyfile(ifname: string, address: string, gateway?: string, dns?: string): string {
  return `[connection]\nid=${ifname}\ntype=ethernet\ninterface-name=${ifname}\n\n[ipv4]\nmethod=manual\naddress1=${address}${gateway ? `,${gateway}` : ''}\n${dns ? `dns=${dns}\n` : ''}`
}

export type { HostSpec }

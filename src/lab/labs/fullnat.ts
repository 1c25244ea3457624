// Lab 4, FULLNAT (labs.md), as DPVS does it (not in the mainline kernel): the director fnat runs
// DPVS and its ipvsadm; requests leave from a local address (LIP) on eth1 to the real servers,
// whose gateway 192.168.0.254 is not the director: replies reach the director because they are
// addressed to the LIP. The real servers carry the toa module (built out of tree) so they can see
// the client behind the LIP once it is loaded.

import { keyfile, type LabDef } from '../topology.ts'

const TOA: [string, string, number] = ['/lib/modules/5.14.0-427.13.1.el9_4.x86_64/extra/toa.ko', '', 0o644]

export const fullnat: LabDef = {
  id: 'fullnat',
  title: 'FULLNAT (DPVS)',
  summary: 'Not in the mainline kernel: the director rewrites source and destination, so real servers anywhere routable reply to its local address; TOA carries the client address.',
  networks: [
    { id: 'public', cidr: '172.25.254.0/24', x: 0.26, y: 0.5 },
    { id: 'private', cidr: '192.168.0.0/24', x: 0.74, y: 0.5 },
  ],
  hosts: [
    { hostname: 'client', aliases: [], role: 'client', ifaces: [{ name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.111/24') }], x: 0.04, y: 0.5 },
    {
      hostname: 'fnat',
      aliases: ['lvs', 'director'],
      role: 'director',
      dpvs: true,
      ifaces: [
        { name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.200/24') },
        { name: 'eth1', network: 'private', keyfile: keyfile('eth1', '192.168.0.100/24') },
      ],
      x: 0.5,
      y: 0.5,
    },
    { hostname: 'RS1', aliases: ['rs1'], role: 'real-server', files: [TOA], ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.10/24', '192.168.0.254') }], x: 0.96, y: 0.25 },
    { hostname: 'RS2', aliases: ['rs2'], role: 'real-server', files: [TOA], ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.20/24', '192.168.0.254') }], x: 0.96, y: 0.75 },
  ],
  start: 'fnat',
}

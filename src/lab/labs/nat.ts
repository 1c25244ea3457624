// Lab 1, LVS-NAT (labs.md): client 172.25.254.111, director lvs with the VIP 172.25.254.200 on
// eth0 and the DIP 192.168.0.100 on eth1, real servers rs1 192.168.0.10 and rs2 192.168.0.20 with
// no gateway yet. Firewalld runs everywhere, ip_forward is 0, httpd and ipvsadm are not installed.

import { keyfile, type LabDef } from '../topology.ts'

export const nat: LabDef = {
  id: 'nat',
  title: 'LVS-NAT',
  summary: 'The director rewrites the destination of each request to a real server and the source of each reply back to the VIP; the real servers route their replies through it.',
  networks: [
    { id: 'public', cidr: '172.25.254.0/24', x: 0.26, y: 0.5 },
    { id: 'private', cidr: '192.168.0.0/24', x: 0.74, y: 0.5 },
  ],
  hosts: [
    { hostname: 'client', aliases: [], role: 'client', ifaces: [{ name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.111/24') }], x: 0.04, y: 0.5 },
    {
      hostname: 'lvs',
      aliases: ['director'],
      role: 'director',
      ifaces: [
        { name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.200/24') },
        { name: 'eth1', network: 'private', keyfile: keyfile('eth1', '192.168.0.100/24') },
      ],
      x: 0.5,
      y: 0.5,
    },
    { hostname: 'RS1', aliases: ['rs1'], role: 'real-server', ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.10/24') }], x: 0.96, y: 0.25 },
    { hostname: 'RS2', aliases: ['rs2'], role: 'real-server', ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.20/24') }], x: 0.96, y: 0.75 },
  ],
  start: 'lvs',
}

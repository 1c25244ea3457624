// Lab 2, LVS-DR (labs.md): the client reaches the VIP 192.168.0.220 through the router luyou; the
// director dr-lvs only rewrites the destination MAC; rs1 and rs2 hold the VIP on lo and answer the
// client directly through the router. Every machine is addressed as the tutorial's keyfiles say,
// minus the VIPs, sysctls, packages and rules the tutorial adds.

import { keyfile, type LabDef } from '../topology.ts'

export const dr: LabDef = {
  id: 'dr',
  title: 'LVS-DR',
  summary: 'The director forwards each request to a real server by changing only the destination MAC; the real servers, holding the VIP on lo, reply straight to the client.',
  networks: [
    { id: 'public', cidr: '172.25.254.0/24', x: 0.2, y: 0.5 },
    { id: 'private', cidr: '192.168.0.0/24', x: 0.6, y: 0.5 },
  ],
  hosts: [
    { hostname: 'client', aliases: [], role: 'client', ifaces: [{ name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.111/24', '172.25.254.100', '8.8.8.8') }], x: 0.04, y: 0.5 },
    {
      hostname: 'luyou',
      aliases: ['router'],
      role: 'router',
      ifaces: [
        { name: 'eth0', network: 'public', keyfile: keyfile('eth0', '172.25.254.100/24') },
        { name: 'eth1', network: 'private', keyfile: keyfile('eth1', '192.168.0.100/24') },
      ],
      x: 0.4,
      y: 0.5,
    },
    { hostname: 'dr-lvs', aliases: ['lvs', 'director'], role: 'director', ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.200/24', '192.168.0.100', '8.8.8.8') }], x: 0.8, y: 0.12 },
    { hostname: 'RS1', aliases: ['rs1'], role: 'real-server', ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.10/24', '192.168.0.100', '8.8.8.8') }], x: 1, y: 0.55 },
    { hostname: 'RS2', aliases: ['rs2'], role: 'real-server', ifaces: [{ name: 'eth0', network: 'private', keyfile: keyfile('eth0', '192.168.0.20/24', '192.168.0.100', '8.8.8.8') }], x: 1, y: 0.9 },
  ],
  start: 'dr-lvs',
}

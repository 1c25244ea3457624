// Lab 3, LVS-TUN (labs.md): director lvs-tun whose own address 192.168.0.100 is the VIP; it wraps
// each request in IPIP to rs1/rs2, which decapsulate it on tunl0 (VIP on lo) and reply directly.
// All four machines share one LAN, as in the tutorial.

import { keyfile, type LabDef } from '../topology.ts'

export const tun: LabDef = {
  id: 'tun',
  title: 'LVS-TUN',
  summary: 'The director encapsulates each request in an IPIP packet to the real server, which decapsulates it on tunl0 and answers the client itself.',
  networks: [{ id: 'lan', cidr: '192.168.0.0/24', x: 0.25, y: 0.5 }],
  hosts: [
    { hostname: 'client', aliases: [], role: 'client', ifaces: [{ name: 'eth0', network: 'lan', keyfile: keyfile('eth0', '192.168.0.111/24') }], x: 0, y: 0.5 },
    { hostname: 'lvs-tun', aliases: ['lvs', 'director'], role: 'director', ifaces: [{ name: 'eth0', network: 'lan', keyfile: keyfile('eth0', '192.168.0.100/24') }], x: 0.5, y: 0.5 },
    { hostname: 'rs1', aliases: [], role: 'real-server', ifaces: [{ name: 'eth0', network: 'lan', keyfile: keyfile('eth0', '192.168.0.10/24') }], x: 1, y: 0.15 },
    { hostname: 'rs2', aliases: [], role: 'real-server', ifaces: [{ name: 'eth0', network: 'lan', keyfile: keyfile('eth0', '192.168.0.20/24') }], x: 1, y: 0.85 },
  ],
  start: 'lvs-tun',
}

/**
 * TUN across a router (the cross-site case TUN exists for): the real servers sit in 10.0.1.0/24
 * behind router rt. The router is infrastructure and comes configured: it forwards, with loose
 * reverse-path filtering so the real servers' replies sourced from the VIP may pass, as an edge
 * router for a VIP announced elsewhere must.
 */
export const tunRouted: LabDef = {
  id: 'tun-routed',
  title: 'LVS-TUN across a router',
  summary: 'The same tunnelling with the real servers in another network behind a router: only the outer IPIP header is routed to them.',
  networks: [
    { id: 'site-a', cidr: '192.168.0.0/24', x: 0.18, y: 0.5 },
    { id: 'site-b', cidr: '10.0.1.0/24', x: 0.76, y: 0.5 },
  ],
  hosts: [
    { hostname: 'client', aliases: [], role: 'client', ifaces: [{ name: 'eth0', network: 'site-a', keyfile: keyfile('eth0', '192.168.0.111/24', '192.168.0.254') }], x: 0, y: 0.5 },
    { hostname: 'lvs-tun', aliases: ['lvs', 'director'], role: 'director', ifaces: [{ name: 'eth0', network: 'site-a', keyfile: keyfile('eth0', '192.168.0.100/24', '192.168.0.254') }], x: 0.36, y: 0.15 },
    {
      hostname: 'rt',
      aliases: ['router'],
      role: 'router',
      ifaces: [
        { name: 'eth0', network: 'site-a', keyfile: keyfile('eth0', '192.168.0.254/24') },
        { name: 'eth1', network: 'site-b', keyfile: keyfile('eth1', '10.0.1.254/24') },
      ],
      files: [['/etc/sysctl.d/90-router.conf', 'net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter = 2\n', 0o644]],
      x: 0.56,
      y: 0.65,
    },
    { hostname: 'rs1', aliases: [], role: 'real-server', ifaces: [{ name: 'eth0', network: 'site-b', keyfile: keyfile('eth0', '10.0.1.10/24', '10.0.1.254') }], x: 1, y: 0.25 },
    { hostname: 'rs2', aliases: [], role: 'real-server', ifaces: [{ name: 'eth0', network: 'site-b', keyfile: keyfile('eth0', '10.0.1.20/24', '10.0.1.254') }], x: 1, y: 0.75 },
  ],
  start: 'lvs-tun',
  setup: (exec) => exec('rt', 'systemctl disable --now firewalld'),
}

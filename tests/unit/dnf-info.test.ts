// dnf info (dnf 4.14): the available and installed layouts (`Repository   : @System`, `From repo`),
// the epoch line, sizes as format_number prints them, and descriptions filled by dnf's
// textwrap_fill: ipvsadm's feature list with its items indented, tcpdump's paragraphs reflowed
// with the blank line kept as ` : `. The metadata line goes to stderr, as dnf's logger sends it.

import { describe, expect, it } from 'vitest'
import { natLab } from './helpers.ts'

const lab = natLab()

const CASES: [string, string, string, number][] = [
  ["dnf info httpd","Available Packages\nName         : httpd\nVersion      : 2.4.57\nRelease      : 5.el9\nArchitecture : x86_64\nSize         : 46 k\nSource       : httpd-2.4.57-5.el9.src.rpm\nRepository   : appstream\nSummary      : Apache HTTP Server\nURL          : https://httpd.apache.org/\nLicense      : ASL 2.0\nDescription  : The Apache HTTP Server is a powerful, efficient, and extensible\n             : web server.\n\n","Last metadata expiration check: 0:07:12 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n",0],
  ["dnf install -y ipvsadm > /dev/null; dnf info ipvsadm tcpdump","Installed Packages\nName         : ipvsadm\nVersion      : 1.31\nRelease      : 6.el9\nArchitecture : x86_64\nSize         : 92 k\nSource       : ipvsadm-1.31-6.el9.src.rpm\nRepository   : @System\nFrom repo    : appstream\nSummary      : Utility to administer the Linux Virtual Server\nURL          : https://kernel.org/pub/linux/utils/kernel/ipvsadm/\nLicense      : GPLv2+\nDescription  : ipvsadm is used to setup, maintain, and inspect the virtual\n             : server table in the Linux kernel. The Linux Virtual Server can be\n             : used to build scalable network services based on a cluster of two\n             : or more nodes. The active node of the cluster redirects service\n             : requests to a collection of server hosts that will actually\n             : perform the services. Supported Features include:\n             :   - two transport layer (layer-4) protocols (TCP and UDP)\n             :   - three packet-forwarding methods (NAT, tunneling, and direct\n             :     routing)\n             :   - eight load balancing algorithms (round robin, weighted round\n             :     robin, least-connection, weighted least-connection,\n             :     locality-based least-connection, locality-based\n             :     least-connection with replication, destination-hashing, and\n             :     source-hashing)\n\nAvailable Packages\nName         : tcpdump\nEpoch        : 14\nVersion      : 4.99.0\nRelease      : 9.el9\nArchitecture : x86_64\nSize         : 542 k\nSource       : tcpdump-4.99.0-9.el9.src.rpm\nRepository   : appstream\nSummary      : A network traffic monitoring tool\nURL          : http://www.tcpdump.org\nLicense      : BSD with advertising\nDescription  : Tcpdump is a command-line tool for monitoring network traffic.\n             : Tcpdump can capture and display the packet headers on a\n             : particular network interface or on all interfaces.  Tcpdump can\n             : display all of the packet headers, or just the ones that match\n             : particular criteria.\n             : \n             : Install tcpdump if you need a program to monitor network traffic.\n\n","Last metadata expiration check: 0:07:12 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n",0],
  ["dnf info nosuch","","Last metadata expiration check: 0:07:12 ago on Tue 11 Jun 2024 10:03:02 AM CST.\nError: No matching Packages to list\n",1],
  ["dnf info apr","","Last metadata expiration check: 0:07:12 ago on Tue 11 Jun 2024 10:03:02 AM CST.\ndnf info: the package headers of apr are not modelled in this lab\n",1],
]

describe('dnf info', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('lvs', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })
})

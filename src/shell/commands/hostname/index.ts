// hostname (hostname 3.23, Debian's net-tools offshoot RHEL 9 ships): the host name, -s its short
// form, -I the addresses of every interface but loopback. The name-service options, NIS and
// setting the name are declared and refused as not simulated. getopt_long's errors and -h alike
// print usage() on stdout and exit 255.

import { formatIp } from '../../../net/addr.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'
import { USAGE } from './usage.ts'

const ARGS = defineArgs({
  usageStatus: 255,
  tryHelp: () => '',
  // hostname.c's longopts order.
  longOrder: ['domain', 'file', 'fqdn', 'help', 'long', 'short', 'version', 'alias', 'ip-address', 'all-ip-addresses', 'all-fqdns', 'nis', 'yp', 'boot'],
  options: {
    alias: { short: 'a', long: 'alias', unsimulated: true },
    allFqdns: { short: 'A', long: 'all-fqdns', unsimulated: true },
    boot: { short: 'b', long: 'boot', unsimulated: true },
    domain: { short: 'd', long: 'domain', unsimulated: true },
    fqdn: { short: 'f', long: ['fqdn', 'long'], unsimulated: true },
    file: { short: 'F', long: 'file', arg: 'required', unsimulated: true },
    help: { short: 'h', long: 'help' },
    question: { short: '?' },
    ipAddress: { short: 'i', long: 'ip-address', unsimulated: true },
    allIpAddresses: { short: 'I', long: 'all-ip-addresses' },
    short: { short: 's', long: 'short' },
    version: { short: 'V', long: 'version' },
    nis: { short: 'y', long: ['yp', 'nis'], unsimulated: true },
  },
})

export const hostname: CommandDef = {
  name: 'hostname',
  path: '/usr/bin/hostname',
  summary: 'show the system host name',
  args: ARGS,
  run(ctx) {
    let refused = ''
    const a = parseArgs({ argv: ctx.argv, out: ctx.out, err: (t) => (refused += t) }, ARGS)
    if (typeof a === 'number') {
      ctx.err(refused)
      // A getopt error is followed by usage(); an option the lab does not model is not one.
      if (!refused.includes('is not simulated')) ctx.out(USAGE)
      return a === 255 && refused.includes('is not simulated') ? 1 : a
    }
    const o = a.opts
    if (o.help || o.question) {
      ctx.out(USAGE)
      return 255
    }
    if (o.version) {
      ctx.out('hostname 3.23\n')
      return 0
    }
    if (a.operands.length) {
      ctx.err('hostname: setting the host name is not simulated in LVS Lab\n')
      return 1
    }
    if (o.allIpAddresses) {
      const ips = ctx.host.ip.ifaces.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addrs.map((x) => formatIp(x.ip)))
      ctx.out(ips.join(' ') + ' \n')
      return 0
    }
    ctx.out((o.short ? ctx.host.hostname.split('.')[0] : ctx.host.hostname) + '\n')
    return 0
  },
}

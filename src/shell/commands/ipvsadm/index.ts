// ipvsadm: administer the IPVS table (ipvsadm 1.31 as RHEL 9 ships it).

import type { CommandDef } from '../types.ts'
import { ipvsadm } from './run.ts'

export const ipvsadmCommand: CommandDef = {
  name: 'ipvsadm',
  path: '/usr/sbin/ipvsadm',
  summary: 'Linux Virtual Server administration',
  pkg: 'ipvsadm',
  completions: ['-A', '-E', '-D', '-C', '-R', '-S', '-a', '-e', '-d', '-L', '-Ln', '-Lnc', '-Z', '--set', '-t', '-u', '-f', '-s', '-p', '-r', '-g', '-i', '-m', '-w', '--stats', '--rate', '--timeout', '-h'],
  *run(ctx) {
    // Only -R reads stdin: any other invocation must not wait for a writer that may never close.
    const restore = ctx.argv.some((a) => a === '-R' || a === '--restore')
    return ipvsadm(ctx.host, ctx.argv, restore ? yield* ctx.stdin.readAll() : '', ctx)
  },
}

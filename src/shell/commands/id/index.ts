// id (GNU coreutils 8.32): user and group IDs. Lab sessions are root; the users are those of a
// minimal Rocky 9 /etc/passwd (root, bin, daemon, nobody, and apache once httpd is installed),
// and root's line carries the SELinux context RHEL 9 prints for a login shell.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

interface User {
  name: string
  uid: number
  gid: number
  group: string
  groups: [number, string][]
}

const USERS: User[] = [
  { name: 'root', uid: 0, gid: 0, group: 'root', groups: [[0, 'root']] },
  { name: 'bin', uid: 1, gid: 1, group: 'bin', groups: [[1, 'bin']] },
  { name: 'daemon', uid: 2, gid: 2, group: 'daemon', groups: [[2, 'daemon']] },
  { name: 'apache', uid: 48, gid: 48, group: 'apache', groups: [[48, 'apache']] },
  { name: 'nobody', uid: 65534, gid: 65534, group: 'nobody', groups: [[65534, 'nobody']] },
]

const CONTEXT = 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    a: { short: 'a', help: 'ignore, for compatibility with other versions' },
    context: { short: 'Z', long: 'context', help: 'print only the security context of the process' },
    group: { short: 'g', long: 'group', help: 'print only the effective group ID' },
    groups: { short: 'G', long: 'groups', help: 'print all group IDs' },
    name: { short: 'n', long: 'name', help: 'print a name instead of a number, for -ugG' },
    real: { short: 'r', long: 'real', help: 'print the real ID instead of the effective ID, with -ugG' },
    user: { short: 'u', long: 'user', help: 'print only the effective user ID' },
    zero: { short: 'z', long: 'zero', help: 'delimit entries with NUL characters, not whitespace;\n  not permitted in default format' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [USER]...'],
    intro: 'Print user and group information for each specified USER,\nor (when USER omitted) for the current user.\n\n',
    column: 17,
    outro: '\nWithout any OPTION, print some useful set of identified information.\n' + coreutilsFooter('id'),
  },
  version: coreutilsVersion('id', 'Arnold Robbins and David MacKenzie'),
})

export const id: CommandDef = {
  name: 'id',
  path: '/usr/bin/id',
  rpm: 'coreutils',
  summary: 'print real and effective user and group IDs',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const picks = [o.user, o.group, o.groups, o.context].filter(Boolean).length
    if (picks > 1) {
      ctx.err(`${prog}: cannot print "only" of more than one choice\n`)
      return 1
    }
    if (o.name && !picks) {
      ctx.err(`${prog}: cannot print only names or real IDs in default format\n`)
      return 1
    }
    const names = a.operands.length ? a.operands : [null]
    let status = 0
    for (const n of names) {
      const u = n === null ? USERS[0] : USERS.find((x) => x.name === n || String(x.uid) === n)
      if (!u) {
        ctx.err(`${prog}: ${quote(n!)}: no such user\n`)
        status = 1
        continue
      }
      const end = o.zero ? '\0' : '\n'
      if (o.context) ctx.out(CONTEXT + end)
      else if (o.user) ctx.out((o.name ? u.name : String(u.uid)) + end)
      else if (o.group) ctx.out((o.name ? u.group : String(u.gid)) + end)
      else if (o.groups) ctx.out(u.groups.map(([g, gn]) => (o.name ? gn : String(g))).join(o.zero ? '\0' : ' ') + end)
      else ctx.out(`uid=${u.uid}(${u.name}) gid=${u.gid}(${u.group}) groups=${u.groups.map(([g, gn]) => `${g}(${gn})`).join(',')}${n === null ? ` context=${CONTEXT}` : ''}\n`)
    }
    return status
  },
}

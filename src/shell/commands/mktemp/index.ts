// mktemp (GNU coreutils 8.32): a new file (mode 0600) or directory (-d, 0700) named after TEMPLATE
// with its trailing X's (at least three) replaced by random letters and digits, and its name
// printed; without TEMPLATE `tmp.XXXXXXXXXX` in $TMPDIR or /tmp. The letters come from the lab's
// seeded random numbers, so a replay makes the same names.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, errText, quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    directory: { short: 'd', long: 'directory', help: 'create a directory, not a file' },
    dryRun: { short: 'u', long: 'dry-run', help: 'do not create anything; merely print a name (unsafe)' },
    quiet: { short: 'q', long: 'quiet', help: 'suppress diagnostics about file/dir-creation failure' },
    suffix: { long: 'suffix', arg: 'required', argName: 'SUFF', help: 'append SUFF to TEMPLATE; SUFF must not contain a slash.\n  This option is implied if TEMPLATE does not end in X' },
    p: { short: 'p', arg: 'required', argName: 'DIR' },
    tmpdir: { long: 'tmpdir', arg: 'optional', argName: 'DIR', bare: '', label: '-p DIR, --tmpdir[=DIR]', help: 'interpret TEMPLATE relative to DIR; if DIR is not\n  specified, use $TMPDIR if set, else /tmp.  With\n  this option, TEMPLATE must not be an absolute name;\n  unlike with -t, TEMPLATE may contain slashes, but\n  mktemp creates only the final component' },
    t: { short: 't', help: 'interpret TEMPLATE as a single file name component,\n  relative to a directory: $TMPDIR, if set; else the\n  directory specified via -p; else /tmp [deprecated]' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [TEMPLATE]'],
    column: 22,
    intro: "Create a temporary file or directory, safely, and print its name.\nTEMPLATE must contain at least 3 consecutive 'X's in last component.\nIf TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.\nFiles are created u+rw, and directories u+rwx, minus umask restrictions.\n\n",
    outro: coreutilsFooter('mktemp'),
  },
  version: coreutilsVersion('mktemp', 'Jim Meyering and Eric Blake'),
})

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const mktemp: CommandDef = {
  name: 'mktemp',
  path: '/usr/bin/mktemp',
  rpm: 'coreutils',
  summary: 'create a temporary file or directory',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (a.operands.length > 1) return usageError(ctx, ARGS, 'too many templates')
    const env = ctx.session.environment()
    const TMPDIR = env.find(([k]) => k === 'TMPDIR')?.[1] || '/tmp'
    let template = a.operands[0]
    // With no TEMPLATE, --tmpdir is implied; -p and --tmpdir=DIR name the directory.
    const dirOpt = o.p ?? (o.tmpdir === '' ? TMPDIR : o.tmpdir)
    let dir: string | undefined = template === undefined ? (dirOpt ?? TMPDIR) : dirOpt
    template ??= 'tmp.XXXXXXXXXX'
    const fail = (message: string) => {
      ctx.err(`${prog}: ${message}\n`)
      return 1
    }
    if (o.t) {
      if (template.includes('/')) return fail(`invalid template, ${quote(template)}, contains directory separator`)
      dir = env.find(([k]) => k === 'TMPDIR')?.[1] || dirOpt || '/tmp'
    } else if (dir !== undefined && template.startsWith('/')) return fail(`invalid template, ${quote(template)}; with --tmpdir, it may not be absolute`)
    let suffix = o.suffix ?? ''
    if (suffix.includes('/')) return fail(`invalid suffix ${quote(suffix)}, contains directory separator`)
    if (o.suffix !== undefined && !template.endsWith('X')) return fail(`with --suffix, template ${quote(template)} must end in X`)
    if (o.suffix === undefined) {
      // A template not ending in X takes what follows its last X as the suffix.
      const m = /X*([^X]*)$/.exec(template.slice(template.lastIndexOf('/') + 1))!
      suffix = m[1]
      template = template.slice(0, template.length - suffix.length)
    }
    const xs = /X*$/.exec(template)![0].length
    if (xs < 3) return fail(`too few X's in template ${quote(template + (o.suffix === undefined ? suffix : ''))}`)
    const name = `${template.slice(0, template.length - xs)}${Array.from({ length: xs }, () => LETTERS[ctx.engine.rng.nextU32() % LETTERS.length]).join('')}${suffix}`
    const shown = dir !== undefined ? `${dir.replace(/\/+$/, '')}/${name}` : name
    if (!o.dryRun) {
      const fs = ctx.host.fs
      const path = abs(ctx, shown)
      const e = o.directory ? fs.mkdir(path, 0o700 & ~fs.umask) : fs.exists(path.slice(0, path.lastIndexOf('/')) || '/') ? fs.write(path, '', 0o600 & ~fs.umask) : 'ENOENT'
      if (e) {
        if (!o.quiet) ctx.err(`${prog}: failed to create ${o.directory ? 'directory' : 'file'} via template ${quote(shown.replace(name, template + suffix))}: ${errText(e)}\n`)
        return 1
      }
    }
    ctx.out(shown + '\n')
    return 0
  },
}

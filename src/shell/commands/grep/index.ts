// grep (GNU 3.6): basic and extended regular expressions over files or stdin, with -i -v -n -c -E
// -F -w -o -q -l -r and the exit status 0 (match), 1 (none), 2 (error).

import type { CommandDef } from '../types.ts'
import { abs, flagsAndOperands } from '../files.ts'

/** BRE to JS: in a basic expression `\|`, `\(`, `\)`, `\{`, `\}`, `\+`, `\?` are the operators. */
function breToJs(p: string): string {
  let out = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i]
      out += '|(){}+?'.includes(n) ? n : `\\${n}`
    } else if ('|(){}+?'.includes(c)) out += `\\${c}`
    else out += c
  }
  return out
}

export const grep: CommandDef = {
  name: 'grep',
  path: '/usr/bin/grep',
  summary: 'print lines that match patterns',
  *run(ctx) {
    const { flags, values, operands } = flagsAndOperands(ctx.argv.slice(1), ['e'])
    const patternText = values.get('e') ?? operands.shift()
    if (patternText === undefined) {
      ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
      return 2
    }
    const extended = flags.has('E') || ctx.argv[0].endsWith('egrep')
    const fixed = flags.has('F')
    let source = fixed ? patternText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? patternText : breToJs(patternText)
    if (flags.has('w')) source = `\\b(?:${source})\\b`
    if (flags.has('x')) source = `^(?:${source})$`
    let re: RegExp
    try {
      re = new RegExp(source, flags.has('i') ? 'i' : '')
    } catch {
      ctx.err('grep: Unmatched ( or \\(\n')
      return 2
    }
    const files: { name: string; text: string }[] = []
    let status = 1
    let error = false
    if (!operands.length) files.push({ name: '(standard input)', text: yield* ctx.stdin.readAll() })
    for (const op of operands) {
      const path = abs(ctx, op)
      const node = ctx.host.fs.stat(path)
      if (node?.type === 'dir') {
        if (flags.has('r') || flags.has('R')) {
          const walk = (dir: string, shown: string) => {
            for (const n of ctx.host.fs.list(dir) ?? []) {
              const p = `${dir === '/' ? '' : dir}/${n}`
              const st = ctx.host.fs.stat(p)
              if (st?.type === 'dir') walk(p, `${shown}/${n}`)
              else if (st) files.push({ name: `${shown}/${n}`, text: st.content })
            }
          }
          walk(path, op.replace(/\/$/, ''))
        } else {
          ctx.err(`grep: ${op}: Is a directory\n`)
          error = true
        }
        continue
      }
      const r = ctx.host.fs.read(path)
      if (typeof r !== 'string') {
        ctx.err(`grep: ${op}: No such file or directory\n`)
        error = true
        continue
      }
      files.push({ name: op, text: r })
    }
    const prefixName = files.length > 1 && !flags.has('h')
    for (const f of files) {
      const lines = f.text.split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      let count = 0
      for (let i = 0; i < lines.length; i++) {
        const hit = re.test(lines[i]) !== flags.has('v')
        if (!hit) continue
        count++
        status = 0
        if (flags.has('q')) return 0
        if (flags.has('c') || flags.has('l')) continue
        const pre = (prefixName ? `${f.name}:` : '') + (flags.has('n') ? `${i + 1}:` : '')
        if (flags.has('o') && !flags.has('v')) {
          const g = new RegExp(re.source, re.flags + 'g')
          for (const m of lines[i].matchAll(g)) ctx.out(`${pre}${m[0]}\n`)
        } else ctx.out(`${pre}${lines[i]}\n`)
      }
      if (flags.has('c')) ctx.out(`${prefixName ? `${f.name}:` : ''}${count}\n`)
      if (flags.has('l') && count) ctx.out(`${f.name}\n`)
    }
    return error && status ? 2 : status
  },
}

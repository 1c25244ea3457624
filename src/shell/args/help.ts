// What the declaration gives besides parsing: the `--help` text (usage lines, the option list
// aligned the way GNU tools align theirs by hand, the closing paragraphs) and the words tab
// completion offers after the command name.

import { longNames, type ArgSpec, type OptDef } from './spec.ts'

/** `-n, --lines=NUM`, `    --color[=WHEN]`, `-e`: the left column of one option's help line. */
function optionLabel(def: OptDef): string {
  const longs = longNames(def)
  const arg = def.arg ? (def.argName ?? 'ARG') : ''
  const longArg = !def.arg ? '' : def.arg === 'optional' ? `[=${arg}]` : `=${arg}`
  const parts = longs.map((l, i) => `--${l}${i === longs.length - 1 ? longArg : ''}`)
  if (def.short) return [`-${def.short}${!longs.length && arg ? ` ${arg}` : ''}`, ...parts].join(', ')
  return `    ${parts.join(', ')}`
}

/** RHEL 9's coreutils 8.32 prints these two lines at a fixed width (9.x aligns them to the list). */
const HELP_VERSION_LINES = '      --help     display this help and exit\n      --version  output version information and exit\n'

export function helpText(spec: ArgSpec, prog: string): string {
  const h = spec.help
  if (!h) return ''
  if (h.raw !== undefined) return h.raw.replaceAll('%s', prog)
  const column = h.column ?? 27
  let text = h.usage.map((u) => u.replaceAll('%s', prog) + '\n').join('')
  if (h.intro) text += h.intro.replaceAll('%s', prog)
  const defs = Object.values(spec.options)
  const indent = ' '.repeat(h.indent ?? 2)
  for (const def of defs) if (!def.afterStandard) text += optionHelp(def, column, indent)
  if (h.beforeStandard) text += h.beforeStandard
  if (h.standard !== undefined) text += h.standard
  else if (spec.version)
    text += h.standardAligned ? optionHelp({ long: 'help', help: 'display this help and exit' }, column, indent) + optionHelp({ long: 'version', help: 'output version information and exit' }, column, indent) : HELP_VERSION_LINES
  for (const def of defs) if (def.afterStandard) text += optionHelp(def, column, indent)
  if (h.outro) text += typeof h.outro === 'string' ? h.outro.replaceAll('%s', prog) : h.outro(prog)
  return text
}

/** One option's lines: what precedes it, its label and description, the continuation lines. A
 *  description starting with a newline goes under a label too long to share its line. */
function optionHelp(def: OptDef, column: number, indent: string): string {
  const before = def.before ?? ''
  if (def.help === undefined) return before
  const col = def.column ?? column
  const label = indent + (def.label ?? optionLabel(def))
  const [first, ...more] = def.help.split('\n')
  let text = before + (first === '' ? `${label}\n` : (label.length + 2 > col ? label + ' '.repeat(def.gap ?? 2) : label.padEnd(col)) + first + '\n')
  for (const m of more) text += ' '.repeat(col) + m + '\n'
  return text
}

/** Option words for tab completion: every long name, then every short letter. */
export function optionWords(spec: ArgSpec | undefined): string[] {
  if (!spec) return []
  const defs = Object.values(spec.options)
  const words = defs.flatMap((d) => longNames(d).map((l) => `--${l}`))
  if (spec.version) words.push('--help', '--version')
  return [...words, ...defs.flatMap((d) => (d.short ? [`-${d.short}`] : []))]
}

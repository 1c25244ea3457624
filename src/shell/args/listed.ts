// Option declarations read from a tool's own help text, for the tools whose --help is a fixed text
// (systemd's, kmod's): every option line the text lists (`  -t --type=TYPE`, `\t-C, --config=FILE`,
// `     --now`, `  -b --boot[=ID]`) becomes a declaration the lab does not model, so the one
// parser knows every option the real tool has and refuses the ones the lab does not simulate.

import { longNames, type OptDef, type Options } from './spec.ts'

const OPTION_LINE = /^(?: {2}|\t)(?:-([A-Za-z0-9]),? ?)? *(?:--([a-z0-9-]+)(\[=|=)?)?/

/** Every option a help text lists: short letter, long name, and whether it takes an argument
 *  (`=ARG` required, `[=ARG]` optional). */
export function listedOptions(help: string): Options {
  const out: Options = Object.create(null)
  for (const line of help.split('\n')) {
    const m = OPTION_LINE.exec(line)
    if (!m || (!m[1] && !m[2])) continue
    const def: OptDef = m[3] ? { arg: m[3] === '=' ? 'required' : 'optional', unsimulated: true } : { unsimulated: true }
    if (m[1]) def.short = m[1]
    if (m[2]) def.long = m[2]
    out[`listed ${m[2] ?? m[1]}`] = def
  }
  return out
}

/** The options the lab models, then the rest the help lists: a modelled option replaces a listed
 *  one of the same long name or letter, and `skip` drops the ones the parser itself answers. */
export function withListed<O extends Options>(help: string, modelled: O, skip: readonly string[] = []): O {
  const taken = new Set([...skip, ...Object.values(modelled).flatMap((d) => [...(d.short ? [`-${d.short}`] : []), ...longNames(d)])])
  const rest = Object.entries(listedOptions(help)).filter(([, d]) => !(d.short && taken.has(`-${d.short}`)) && !longNames(d).some((l) => taken.has(l)))
  return { ...modelled, ...Object.fromEntries(rest) }
}

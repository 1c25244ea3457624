// `[[ s =~ re ]]` as bash 5.1's sh_regmatch does it: the right side, its quoted parts made literal
// with a backslash before each ERE operator, goes to regcomp(REG_EXTENDED) and regexec, so the
// match is glibc's leftmost-longest (text/posix-regexp.ts, the engine grep, sed and awk use) with
// regcomp's strict syntax (an operator with nothing before it, or a `{` that opens no interval, is
// an error: status 2, nothing printed). BASH_REMATCH holds the match and every group, an unmatched
// group as ''; nocasematch makes it REG_ICASE. In the browser this module loads with the builtins, after the first prompt.

import type { Word } from '../ast.ts'
import type { Proc } from '../../sim/task.ts'
import { expandSingle } from '../expand.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { compile } from '../text/regex.ts'

/** What regcomp reads as an operator in an ERE: a quoted one gets a backslash. */
const ERE_SPECIAL = /[.[\]\\*^$()+?{}|]/g

/** True or false as the match goes; null when regcomp refuses the expression. */
export function* regexMatch(sh: Shell, subject: string, w: Word, io: Io): Proc<boolean | null> {
  const env = sh.expandEnv(io)
  let src = ''
  for (const p of w.parts) {
    if (p.t === 'lit' && !p.quoted) src += p.v
    else {
      const text = p.t === 'lit' ? p.v : yield* expandSingle({ parts: [p] }, env)
      src += p.t !== 'lit' && p.t !== 'tilde' && !p.quoted ? text : text.replace(ERE_SPECIAL, '\\$&')
    }
  }
  const re = compile(src, { extended: true, regcomp: true, unicode: true, ignoreCase: sh.session.shopts.has('nocasematch') })
  if ('error' in re) return null
  const m = re.exec(subject)
  sh.session.vars.set('BASH_REMATCH', { array: new Map(m ? m.map((g, i) => [i, g ?? '']) : []) })
  return m !== null
}

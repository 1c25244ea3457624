// bash's extended patterns (shopt -s extglob; lib/glob/sm_loop.c's extmatch): `?(p|q)` zero or one
// of the alternatives, `*(…)` any number, `+(…)` one or more, `@(…)` exactly one, `!(…)` anything
// that none of them matches, nested, beside `*`, `?`, brackets (glob.ts's) and backslash escapes.
// One compiler serves pathname expansion, `case`, `[[ == ]]` and `${v#pat}`/`${v//pat/}`, as
// bash's strmatch does. It loads with the deferred builtins: only a pattern with a group needs it.

import { bracketAt } from './glob.ts'

/** What every compiled pattern offers (a RegExp from glob.ts does too). */
export interface Matcher {
  test(s: string): boolean
}

type Node =
  | { k: 'char'; c: string }
  | { k: 'any' }
  | { k: 'star' }
  | { k: 'class'; re: RegExp }
  | { k: 'group'; id: number; op: string; alts: Seq[] }

type Group = Extract<Node, { k: 'group' }>

/** A run of nodes, numbered so the matcher can remember what it found for each. */
interface Seq {
  id: number
  nodes: Node[]
}

/**
 * Parses a pattern into sequences of nodes. An opener `?*+@!` followed by `(` starts a group only
 * if its `)` comes (bash reads `@(a` as plain text); `|` splits alternatives at the group's level.
 */
function parse(p: string, nocase: boolean): Seq {
  let ids = 0
  const seq = (from: number, to: number): Seq => {
    const nodes: Node[] = []
    for (let i = from; i < to; i++) {
      const c = p[i]
      if (c === '\\' && i + 1 < to) nodes.push({ k: 'char', c: p[++i] })
      else if ('?*+@!'.includes(c) && p[i + 1] === '(' && closing(p, i + 1, to) >= 0) {
        const end = closing(p, i + 1, to)
        nodes.push({ k: 'group', id: ids++, op: c, alts: split(p, i + 2, end).map(([a, b]) => seq(a, b)) })
        i = end
      } else if (c === '*') {
        if (nodes.at(-1)?.k !== 'star') nodes.push({ k: 'star' })
      } else if (c === '?') nodes.push({ k: 'any' })
      else if (c === '[' && bracketAt(p.slice(0, to), i)) {
        const b = bracketAt(p.slice(0, to), i)!
        nodes.push({ k: 'class', re: new RegExp(`^${b.source}$`, nocase ? 'ui' : 'u') })
        i = b.end
      } else nodes.push({ k: 'char', c })
    }
    return { id: ids++, nodes }
  }
  return seq(0, p.length)
}

/** The `)` closing the `(` at `open`, past escapes, brackets and nested groups; -1 if none. */
function closing(p: string, open: number, to: number): number {
  let depth = 0
  for (let i = open; i < to; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '[') {
      const b = bracketAt(p.slice(0, to), i)
      if (b) i = b.end
    } else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

/** The alternatives between `from` and `to`: spans split at `|` outside nested groups and brackets. */
function split(p: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = []
  let depth = 0
  let start = from
  for (let i = from; i < to; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '[') {
      const b = bracketAt(p.slice(0, to), i)
      if (b) i = b.end
    } else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      out.push([start, i])
      start = i + 1
    }
  }
  out.push([start, to])
  return out
}

/**
 * Compiles `pattern` (with nocase: letters match either case, as nocaseglob and nocasematch ask).
 * Matching runs forward over the text's characters (code points): for a run of nodes and a start,
 * the set of places where it can end, remembered for each, as a nondeterministic automaton would
 * step. A group's ends are its alternatives'; `*(…)` and `+(…)` repeat from each end found (a
 * repetition must move on); `!(…)` ends everywhere none of its alternatives does. The whole
 * pattern matches when its run can end at the text's end. A text of n characters costs about
 * n² steps per node at worst, never the exponential search of trying every way to cut it.
 */
export function compileExtglob(pattern: string, nocase: boolean): Matcher {
  const root = parse(pattern, nocase)
  return {
    test(s: string): boolean {
      const text = [...(nocase ? s.toLowerCase() : s)]
      const n = text.length
      const memo = new Map<number, ReadonlySet<number>>()
      const groups = new Map<number, ReadonlySet<number>>()
      const none: ReadonlySet<number> = new Set()
      /** Where the alternatives of a group starting at `at` end. */
      const groupEnds = (g: Group, at: number): ReadonlySet<number> => {
        const key = g.id * (n + 1) + at
        let found = groups.get(key)
        if (!found) {
          const all = new Set<number>()
          for (const alt of g.alts) for (const e of ends(alt, 0, at)) all.add(e)
          groups.set(key, (found = all))
        }
        return found
      }
      /** The places a repeated group can have reached from the starts given, each repetition moving on. */
      const repeated = (g: Group, starts: Iterable<number>): Set<number> => {
        const seen = new Set(starts)
        for (const p of seen) for (const e of groupEnds(g, p)) if (e > p) seen.add(e)
        return seen
      }
      const ends = (seq: Seq, ni: number, at: number): ReadonlySet<number> => {
        if (ni === seq.nodes.length) return new Set([at])
        const key = (seq.id * (pattern.length + 2) + ni) * (n + 1) + at
        const known = memo.get(key)
        if (known) return known
        const out = new Set<number>()
        const rest = (from: Iterable<number>) => {
          for (const p of from) for (const e of ends(seq, ni + 1, p)) out.add(e)
        }
        const node = seq.nodes[ni]
        const here = text[at]
        switch (node.k) {
          case 'char':
            if (at < n && here === (nocase ? node.c.toLowerCase() : node.c)) rest([at + 1])
            break
          case 'any':
            if (at < n) rest([at + 1])
            break
          case 'class':
            if (at < n && node.re.test(here)) rest([at + 1])
            break
          case 'star':
            if (ni === seq.nodes.length - 1) for (let j = at; j <= n; j++) out.add(j)
            else for (let j = at; j <= n; j++) rest([j])
            break
          case 'group': {
            const hits = groupEnds(node, at)
            if (node.op === '@') rest(hits)
            else if (node.op === '?') rest([at, ...hits])
            else if (node.op === '*') rest(repeated(node, [at]))
            else if (node.op === '+') rest(repeated(node, hits))
            else for (let j = at; j <= n; j++) if (!hits.has(j)) rest([j])
          }
        }
        const result = out.size ? out : none
        memo.set(key, result)
        return result
      }
      return ends(root, 0, 0).has(n)
    },
  }
}

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
  | { k: 'group'; op: string; alts: Seq[] }

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
        nodes.push({ k: 'group', op: c, alts: split(p, i + 2, end).map(([a, b]) => seq(a, b)) })
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
 * Matching is by backtracking over characters (code points), as extmatch does: a group tries every
 * end for each alternative, `!(…)` every end none of them reaches. What was found for a sequence
 * from one position to another is remembered, so a pattern costs at most cubic time in the text.
 */
export function compileExtglob(pattern: string, nocase: boolean): Matcher {
  const root = parse(pattern, nocase)
  return {
    test(s: string): boolean {
      const text = [...(nocase ? s.toLowerCase() : s)]
      const memo = new Map<string, boolean>()
      const from = (seq: Seq, ni: number, si: number, end: number): boolean => {
        const key = `${seq.id},${ni},${si},${end}`
        const known = memo.get(key)
        if (known !== undefined) return known
        const r = step(seq, ni, si, end)
        memo.set(key, r)
        return r
      }
      const whole = (seq: Seq, si: number, end: number) => from(seq, 0, si, end)
      const anyAlt = (alts: Seq[], si: number, end: number) => alts.some((a) => whole(a, si, end))
      // `*(…)` from si: nothing more, or one non-empty repetition and again.
      const repeat = (g: Seq[], seq: Seq, ni: number, si: number, end: number): boolean => {
        if (from(seq, ni + 1, si, end)) return true
        for (let j = si + 1; j <= end; j++) if (anyAlt(g, si, j) && repeat(g, seq, ni, j, end)) return true
        return false
      }
      const step = (seq: Seq, ni: number, si: number, end: number): boolean => {
        if (ni === seq.nodes.length) return si === end
        const n = seq.nodes[ni]
        switch (n.k) {
          case 'char':
            return si < end && text[si] === (nocase ? n.c.toLowerCase() : n.c) && from(seq, ni + 1, si + 1, end)
          case 'any':
            return si < end && from(seq, ni + 1, si + 1, end)
          case 'class':
            return si < end && n.re.test(text[si]) && from(seq, ni + 1, si + 1, end)
          case 'star':
            for (let j = si; j <= end; j++) if (from(seq, ni + 1, j, end)) return true
            return false
          case 'group': {
            if (n.op === '*') return repeat(n.alts, seq, ni, si, end)
            if (n.op === '?' && from(seq, ni + 1, si, end)) return true
            for (let j = si; j <= end; j++) {
              const hit = anyAlt(n.alts, si, j)
              if (n.op === '!' ? !hit && from(seq, ni + 1, j, end) : hit && (n.op === '+' ? repeat(n.alts, seq, ni, j, end) : from(seq, ni + 1, j, end))) return true
            }
            return false
          }
        }
      }
      return whole(root, 0, text.length)
    },
  }
}

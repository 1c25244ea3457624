// POSIX's leftmost-longest match, as glibc's regexec gives it to grep, sed and gawk: of the
// matches starting at the leftmost possible place, the longest; its groups are those of the first
// way, in the pattern's order of preference (the earlier alternative, one more iteration), that
// reaches that end (glibc: `(a|ab)(bc|c)` on `abc` sets \1=a, \2=bc).
//
// From each start in turn, a backtracking matcher over the tree's program (text/regex.ts builds
// the tree; each character test and assertion is a sticky JS RegExp of its translated source)
// walks every way in order of preference and keeps the longest end (where JS's own answer is
// provably the same, it is used: see `Kind`). Without back-references it
// never visits an instruction twice at one position, across all the starts of one search (RE2's
// BitState), so it is linear in the text where JS's own backtracking can be exponential
// (`(a*)*b`); with them it is exhaustive under a step budget. A program too big to build
// (`a\{1,30000\}`) falls back on the JS match.

import type { Node } from './regex.ts'

type Inst =
  | { op: 'atom' | 'assert'; re: RegExp }
  | { op: 'ref'; n: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; slot: number }
  | { op: 'mark' | 'progress'; reg: number }
  | { op: 'match' }

interface Program {
  code: Inst[]
  slots: number
  regs: number
  refs: boolean
  ignoreCase: boolean
}

/** Past this many instructions (`a{1,30000}`), the JS match is used as it is. */
const MAX_CODE = 20_000
/** Steps of the exhaustive search (back-references) before it settles for the longest so far. */
const BUDGET = 200_000
/** Above this many (instruction, position) cells, the visited set is not kept (steps are bounded anyway). */
const MAX_CELLS = 1 << 25

class TooBig extends Error {}

function compileProgram(node: Node, flags: string): Program | null {
  const sticky = flags.replace(/[gy]/g, '') + 'y'
  const cache = new Map<string, RegExp>()
  const re = (src: string) => {
    let r = cache.get(src)
    if (!r) cache.set(src, (r = new RegExp(src, sticky)))
    return r
  }
  const code: Inst[] = []
  let slots = 0
  let regs = 0
  let refs = false
  const push = (i: Inst) => {
    if (code.length >= MAX_CODE) throw new TooBig()
    code.push(i)
    return code.length - 1
  }
  const seq = (items: Node[]) => {
    for (const n of items) emit(n)
  }
  const emit = (n: Node): void => {
    switch (n.t) {
      case 'atom':
      case 'assert':
        push({ op: n.t, re: re(n.src) })
        return
      case 'ref':
        refs = true
        push({ op: 'ref', n: n.n })
        return
      case 'group':
        slots = Math.max(slots, 2 * n.n + 2)
        push({ op: 'save', slot: 2 * n.n })
        emit(n.body)
        push({ op: 'save', slot: 2 * n.n + 1 })
        return
      case 'alt': {
        const jumps: Inst[] = []
        n.alts.forEach((alt, i) => {
          if (i === n.alts.length - 1) return seq(alt)
          const split = { op: 'split', x: code.length + 1, y: -1 } as const satisfies Inst
          push(split)
          seq(alt)
          const j = { op: 'jmp', x: -1 } as Inst & { op: 'jmp' }
          push(j)
          jumps.push(j)
          ;(split as { y: number }).y = code.length
        })
        for (const j of jumps) (j as { x: number }).x = code.length
        return
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) emit(n.body)
        if (n.max === Infinity) {
          // An iteration that matched nothing ends the loop (`(a*)*` must not spin).
          const reg = regs++
          const loop = push({ op: 'split', x: code.length + 1, y: -1 })
          push({ op: 'mark', reg })
          emit(n.body)
          push({ op: 'progress', reg })
          push({ op: 'jmp', x: loop })
          ;(code[loop] as { y: number }).y = code.length
          return
        }
        // An optional iteration that matches nothing is not taken either (glibc: `(a|b?){1,2}`
        // on `a` sets \1=a).
        const splits: number[] = []
        for (let k = n.min; k < n.max; k++) {
          const reg = regs++
          splits.push(push({ op: 'split', x: code.length + 1, y: -1 }))
          push({ op: 'mark', reg })
          emit(n.body)
          push({ op: 'progress', reg })
        }
        for (const s of splits) (code[s] as { y: number }).y = code.length
        return
      }
    }
  }
  try {
    emit(node)
    push({ op: 'match' })
  } catch (e) {
    if (e instanceof TooBig) return null
    throw e
  }
  return { code, slots, regs, refs, ignoreCase: flags.includes('i') }
}

const programs = new WeakMap<Node, Map<string, Program | null>>()

function programOf(node: Node, flags: string): Program | null {
  let byFlags = programs.get(node)
  if (!byFlags) programs.set(node, (byFlags = new Map()))
  if (!byFlags.has(flags)) byFlags.set(flags, compileProgram(node, flags))
  return byFlags.get(flags)!
}

/** What one search shares across its start positions: the (instruction, position) cells already
 *  walked, which cannot reach a match once a start has failed, and the step budget. */
interface Walk {
  from: number
  width: number
  visited: Uint8Array | null
  steps: number
}

function walkOf(p: Program, s: string, from: number): Walk {
  const width = s.length - from + 1
  return { from, width, visited: !p.refs && p.code.length * width <= MAX_CELLS ? new Uint8Array(Math.ceil((p.code.length * width) / 8)) : null, steps: 0 }
}

/** The longest match of the program at `start`: its group slots (start, end pairs), or null. */
function longest(p: Program, s: string, start: number, walk: Walk): Int32Array | null {
  const { visited, width, from } = walk
  const caps = new Int32Array(p.slots).fill(-1)
  const marks = new Int32Array(p.regs).fill(-1)
  let best: Int32Array | null = null
  let bestEnd = -1
  // The stack holds threads to try (pc ≥ 0) and the slot or mark values to put back when the
  // thread pushed before them fails (pc = -1 - slot, -1 - slots - reg).
  const stack: number[] = [0, start]
  while (stack.length) {
    const b = stack.pop()!
    let pc = stack.pop()!
    if (pc < 0) {
      const k = -1 - pc
      if (k < p.slots) caps[k] = b
      else marks[k - p.slots] = b
      continue
    }
    let pos = b
    for (;;) {
      if (visited) {
        const cell = pc * width + (pos - from)
        if (visited[cell >> 3] & (1 << (cell & 7))) break
        visited[cell >> 3] |= 1 << (cell & 7)
      } else if (++walk.steps > BUDGET) return best
      const inst = p.code[pc]
      if (inst.op === 'atom') {
        inst.re.lastIndex = pos
        if (!inst.re.test(s)) break
        pos = inst.re.lastIndex
        pc++
      } else if (inst.op === 'assert') {
        inst.re.lastIndex = pos
        if (!inst.re.test(s)) break
        pc++
      } else if (inst.op === 'split') {
        stack.push(inst.y, pos)
        pc = inst.x
      } else if (inst.op === 'jmp') pc = inst.x
      else if (inst.op === 'save') {
        stack.push(-1 - inst.slot, caps[inst.slot])
        caps[inst.slot] = pos
        pc++
      } else if (inst.op === 'mark') {
        stack.push(-1 - p.slots - inst.reg, marks[inst.reg])
        marks[inst.reg] = pos
        pc++
      } else if (inst.op === 'progress') {
        if (marks[inst.reg] === pos) break
        pc++
      } else if (inst.op === 'ref') {
        const a = caps[2 * inst.n]
        const e = caps[2 * inst.n + 1]
        if (a < 0 || e < 0) break
        const want = s.slice(a, e)
        const got = s.slice(pos, pos + want.length)
        if (got.length !== want.length || (p.ignoreCase ? got.toLowerCase() !== want.toLowerCase() : got !== want)) break
        pos += want.length
        pc++
      } else {
        if (pos > bestEnd) {
          bestEnd = pos
          best = caps.slice()
          if (pos === s.length) return best
        }
        break
      }
    }
  }
  return best
}

/** A RegExp whose `exec` (and so `test`, `split`, `replace`, `matchAll`) gives POSIX's
 *  leftmost-longest match and groups; `source` and `flags` are the JS ones. */
export class PosixRegExp extends RegExp {
  readonly node: Node
  private readonly program: Program | null
  /** The JS source's capturing groups and the whole match: the length of exec's array. */
  private readonly groupCount: number
  private readonly kind: Kind

  constructor(pattern: string | RegExp, flags?: string, node?: Node) {
    super(pattern, flags)
    const tree = node ?? (pattern instanceof PosixRegExp ? pattern.node : undefined)
    if (!tree) throw new TypeError('PosixRegExp needs the expression tree')
    this.node = tree
    this.program = programOf(tree, this.flags)
    this.groupCount = countGroups(this.source) + 1
    this.kind = kindOf(tree)
  }

  /** The same expression with other flags (`g` for a global substitution). */
  withFlags(flags: string): PosixRegExp {
    return new PosixRegExp(this.source, flags, this.node)
  }

  override exec(s: string): RegExpExecArray | null {
    const p = this.program
    if (!p || this.kind === 'plain') return super.exec(s)
    const from = this.global || this.sticky ? this.lastIndex : 0
    if (from > s.length) {
      this.lastIndex = 0
      return null
    }
    const walk = walkOf(p, s, from)
    if (this.kind === 'tame') {
      const m = super.exec(s)
      return m && this.found(s, m.index, longest(p, s, m.index, walk), m)
    }
    const unicode = this.unicode
    for (let start = from; start <= s.length; start++) {
      // In unicode mode a match starts on a code point, never inside a surrogate pair.
      if (unicode && start > from && isLowSurrogate(s, start)) continue
      const caps = longest(p, s, start, walk)
      if (caps) return this.found(s, start, caps)
      if (this.sticky || (!walk.visited && walk.steps > BUDGET)) break
    }
    if (this.global || this.sticky) this.lastIndex = 0
    return null
  }

  /** exec's array for the match at `start` (the JS one, `m`, when the walk gave up). */
  private found(s: string, start: number, caps: Int32Array | null, m?: RegExpExecArray): RegExpExecArray | null {
    if (!caps) return m ?? null
    const out = [s.slice(start, caps[1])] as unknown as RegExpExecArray
    for (let k = 1; k < this.groupCount; k++) out.push(caps[2 * k] >= 0 && caps[2 * k + 1] >= 0 ? s.slice(caps[2 * k], caps[2 * k + 1]) : (undefined as unknown as string))
    out.index = start
    out.input = s
    out.groups = undefined
    if (this.global || this.sticky) this.lastIndex = caps[1]
    return out
  }

  has(s: string): boolean {
    return this.kind === 'wild' ? this.exec(s) !== null : super.exec(s) !== null
  }

  override test(s: string): boolean {
    return this.exec(s) !== null
  }
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  const prev = s.charCodeAt(i - 1)
  return c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff
}

/** `re` with other flags, keeping POSIX matching when it has it. */
export function withFlags(re: RegExp, flags: string): RegExp {
  return re instanceof PosixRegExp ? re.withFlags(flags) : new RegExp(re.source, flags)
}

/** Does `s` hold a match anywhere (grep's question)? Where JS's search is safe, it answers. */
export function hasMatch(re: RegExp, s: string): boolean {
  re.lastIndex = 0
  return re instanceof PosixRegExp ? re.has(s) : re.test(s)
}

/** How far JS's own matching can be trusted with an expression. `plain`: no alternative, no
 *  back-reference, nothing but a single character repeated: JS's greedy match is the longest
 *  (checked against the walk on random patterns), so JS does it all. `tame`: no repetition holds
 *  a repetition or an alternative, so JS's search cannot go exponential: it finds the start and
 *  the walk the length. `wild`: the walk does both. */
type Kind = 'plain' | 'tame' | 'wild'

function kindOf(root: Node): Kind {
  let plain = true
  let tame = true
  const visit = (n: Node, inRep: boolean): void => {
    if (n.t === 'ref') plain = false
    else if (n.t === 'group') visit(n.body, inRep)
    else if (n.t === 'alt') {
      if (n.alts.length > 1) {
        plain = false
        if (inRep) tame = false
      }
      for (const a of n.alts) for (const x of a) visit(x, inRep)
    } else if (n.t === 'rep') {
      if (inRep) tame = false
      if (n.body.t !== 'atom') plain = false
      visit(n.body, true)
    }
  }
  visit(root, false)
  return plain ? 'plain' : tame ? 'tame' : 'wild'
}

function countGroups(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1
}

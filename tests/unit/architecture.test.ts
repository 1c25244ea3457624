// The layers of architecture.md §1: imports flow downwards only (net <- sim <- host <- ipvs <- shell
// <- lab <- worker/cli), the UI sees only the worker protocol, and nothing outside the UI and the
// worker's real-time driver reads a real clock or Math.random.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../src/', import.meta.url).pathname
const ORDER = ['net', 'sim', 'host', 'ipvs', 'shell', 'lab', 'worker', 'cli']

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = `${dir}/${f}`
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(f) ? [p] : []
  })
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8')
  return [...text.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)].map((m) => new URL(m[1], `file://${path}`).pathname)
}

const layerOf = (path: string) => path.slice(root.length).split('/')[0]
/** worker and cli are siblings at the top: neither may import the other. */
const rank = (layer: string) => ORDER.indexOf(layer === 'cli' ? 'worker' : layer)

describe('architecture', () => {
  it('engine layers import only layers below them', () => {
    const wrong: string[] = []
    for (const layer of ORDER) {
      for (const f of files(`${root}${layer}`)) {
        for (const target of imports(f)) {
          const to = layerOf(target)
          if (to === 'ui') wrong.push(`${f.slice(root.length)} -> ${target.slice(root.length)}`)
          if (!ORDER.includes(to)) continue
          if (to !== layer && rank(to) >= rank(layer)) wrong.push(`${f.slice(root.length)} -> ${target.slice(root.length)}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('the UI imports only the worker protocol from the engine', () => {
    const wrong: string[] = []
    for (const f of files(`${root}ui`)) {
      for (const target of imports(f)) {
        const to = layerOf(target)
        if (ORDER.includes(to) && target !== `${root}worker/protocol.ts`) wrong.push(`${f.slice(root.length)} -> ${target.slice(root.length)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('the engine reads no real clock and no Math.random', () => {
    const wrong: string[] = []
    for (const layer of ORDER) {
      for (const f of files(`${root}${layer}`)) {
        if (f.endsWith('worker/driver.ts') || f.includes('/cli/')) continue
        const text = readFileSync(f, 'utf8')
        if (/Date\.now\(|Math\.random\(|setTimeout\(|setInterval\(|performance\.now\(|new Date\(\)/.test(text)) wrong.push(f.slice(root.length))
      }
    }
    expect(wrong).toEqual([])
  })
})

// `npm run size`: what the production bundle is made of. Builds the page and the worker with source
// maps into a scratch directory, then gives every byte of each minified chunk to the source module
// its mapping names (Rolldown's maps cover the minified output, so a byte belongs to the module it
// was compiled from), and prints chunks and modules by size, with folders summed. Gzip is measured
// per chunk; a module's gzip share is its chunk's gzip scaled by the module's share of raw bytes.
// The files the first prompt needs are marked and summed as `npm run bench -- page` counts them
// (bench/first-prompt.ts), with index.html.
// `npm run size -- --modules 60` shows more modules; `--json FILE` writes the whole table.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { decode } from '@jridgewell/sourcemap-codec'
import { build } from 'vite'
import { BENCH_LOCALE, bundleFigures } from '../bench/first-prompt.ts'

interface Chunk {
  file: string
  raw: number
  gzip: number
  modules: Map<string, number>
}

const argv = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}
const root = process.cwd()
const out = mkdtempSync(join(tmpdir(), 'lvs-size-'))

/**
 * A source path as a reader wants it: relative to the repo, node_modules collapsed to the package.
 * The worker's maps are written relative to the configured outDir, not the scratch one, so a path
 * that leaves the repo is read from the repo root with its leading `../` dropped.
 */
function moduleName(source: string, mapDir: string): string {
  const clean = source.replace(/^\0/, '').replace(/\?.*$/, '')
  let path = relative(root, resolve(mapDir, clean))
  if (path.startsWith('..')) path = clean.replace(/^(\.\.\/)+/, '')
  const nm = path.lastIndexOf('node_modules/')
  if (nm < 0) return path
  const rest = path.slice(nm + 'node_modules/'.length).split('/')
  return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`
}

/**
 * Attribute each byte of `code` to a source. A mapping segment starts a run of generated columns
 * that ends at the next segment. Bytes before a line's first segment (the continuation lines of a
 * multi-line template literal: help texts, file contents) belong to the run they continue; runs
 * whose segment names no source count as `(generated)` (chunk glue, virtual modules).
 */
function attribute(code: string, map: { sources: string[]; mappings: string }, mapDir: string): Map<string, number> {
  const decoded = decode(map.mappings)
  const sizes = new Map<string, number>()
  const add = (name: string, n: number) => n > 0 && sizes.set(name, (sizes.get(name) ?? 0) + n)
  const names = map.sources.map((s) => moduleName(s, mapDir))
  let current = '(generated)'
  code.split('\n').forEach((line, i) => {
    const segments = decoded[i] ?? []
    // Columns are UTF-16 offsets; count UTF-8 bytes as the file on disk has them.
    const byteAt = (col: number) => Buffer.byteLength(line.slice(0, col))
    add(current, byteAt(segments[0]?.[0] ?? line.length) + 1)
    segments.forEach((seg, j) => {
      const end = j + 1 < segments.length ? segments[j + 1][0] : line.length
      current = seg.length > 1 ? names[seg[1]!] : '(generated)'
      add(current, byteAt(end) - byteAt(seg[0]))
    })
  })
  return sizes
}

await build({
  root,
  logLevel: 'error',
  build: { outDir: out, emptyOutDir: true, sourcemap: true },
  worker: { rollupOptions: { output: { sourcemap: true } } },
})

const chunks: Chunk[] = []
const assets = join(out, 'assets')
for (const f of readdirSync(assets)) {
  if (!/\.(js|css)$/.test(f)) continue
  const code = readFileSync(join(assets, f), 'utf8')
  let modules = new Map<string, number>([['(no source map)', Buffer.byteLength(code)]])
  try {
    modules = attribute(code, JSON.parse(readFileSync(join(assets, `${f}.map`), 'utf8')), assets)
  } catch {
    // CSS from Svelte components and xterm.css has no map here: it is listed whole.
  }
  chunks.push({ file: f, raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, modules })
}
const html = readFileSync(join(out, 'index.html'))
const first = bundleFigures(out)
rmSync(out, { recursive: true, force: true })

const kb = (n: number) => (n / 1024).toFixed(1).padStart(8)
chunks.sort((a, b) => b.gzip - a.gzip)
console.log(`${'chunk (* first prompt)'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)}`)
for (const c of chunks) console.log(`${`${first.files.has(c.file) ? '* ' : '  '}${c.file}`.padEnd(44)} ${kb(c.raw)} ${kb(c.gzip)}`)
const totalGzip = chunks.reduce((s, c) => s + c.gzip, 0) + gzipSync(html, { level: 9 }).length
console.log(`${'all chunks + index.html'.padEnd(44)} ${kb(chunks.reduce((s, c) => s + c.raw, 0) + html.length)} ${kb(totalGzip)}`)
const firstRaw = chunks.filter((c) => first.files.has(c.file)).reduce((s, c) => s + c.raw, 0) + html.length
console.log(`${`first prompt (*) + index.html, ${BENCH_LOCALE}`.padEnd(44)} ${kb(firstRaw)} ${(first.firstPrompt).toFixed(1).padStart(8)}  budget 250\n`)

interface Row {
  name: string
  chunk: string
  raw: number
  gzip: number
}
const rows: Row[] = chunks.flatMap((c) => [...c.modules].map(([name, raw]) => ({ name, chunk: c.file, raw, gzip: (c.gzip * raw) / c.raw })))

/** Folders two levels deep under src/, one line per package. */
const group = (name: string) => (name.startsWith('npm:') || name.startsWith('(') ? name : name.split('/').slice(0, 3).join('/'))
const groups = new Map<string, { raw: number; gzip: number; chunks: Set<string> }>()
for (const r of rows) {
  const key = group(r.name)
  const g = groups.get(key) ?? { raw: 0, gzip: 0, chunks: new Set<string>() }
  g.raw += r.raw
  g.gzip += r.gzip
  g.chunks.add(r.chunk.replace(/-[\w-]{8}\.(js|css)$/, ''))
  groups.set(key, g)
}
console.log(`${'folder or package'.padEnd(44)} ${'raw KB'.padStart(8)} ${'~gzip KB'.padStart(8)}  chunks`)
for (const [name, g] of [...groups].sort((a, b) => b[1].gzip - a[1].gzip)) {
  if (g.raw < 512) continue
  console.log(`${name.padEnd(44)} ${kb(g.raw)} ${kb(g.gzip)}  ${[...g.chunks].join(' ')}`)
}

const top = Number(option('--modules') ?? 30)
console.log(`\n${`largest ${top} modules`.padEnd(44)} ${'raw KB'.padStart(8)} ${'~gzip KB'.padStart(8)}  chunk`)
for (const r of [...rows].sort((a, b) => b.raw - a.raw).slice(0, top)) console.log(`${r.name.padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)}  ${r.chunk}`)

// The same module in two chunks is code the page and the worker both carry.
const seen = new Map<string, string[]>()
for (const r of rows) if (!r.name.startsWith('(')) seen.set(r.name, [...(seen.get(r.name) ?? []), r.chunk])
const twice = [...seen].filter(([, cs]) => cs.length > 1)
if (twice.length) {
  console.log('\nmodules in more than one chunk')
  for (const [name, cs] of twice) console.log(`${name.padEnd(44)} ${cs.join(' ')}`)
}

const json = option('--json')
if (json) writeFileSync(json, JSON.stringify({ chunks: chunks.map((c) => ({ file: c.file, raw: c.raw, gzip: c.gzip })), modules: rows }, null, 1))

// Which files of a production build the page needs to reach its first prompt, read from the build
// itself: bench/browser.ts counts and checks them, and `npm run size` prints the same set, so both
// report one figure.

import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { Locale } from '../src/i18n/locale.ts'

/** The reader's language in the bench's headless Chromium (navigator.language is en-US). */
export const BENCH_LOCALE: Locale = 'en'

/**
 * The files the first prompt needs: index.html's script and styles (and the files it preloads),
 * the chunks the entry script imports and awaits (main.ts's App, Svelte and i18n, with the styles
 * Vite preloads for them), the catalogue of the reader's language, which main.ts awaits before it
 * mounts, the worker's entry, and everything these import statically. A chunk reached only through
 * another chunk's import() (the command packs, the lesson engine, the picture, the share link's
 * decoder), or the catalogue of another language, is not among them; bench/browser.ts checks that
 * the page really gets its prompt with every other file held back.
 */
export function firstPromptFiles(dist: string, locale: Locale = BENCH_LOCALE): Set<string> {
  const html = readFileSync(`${dist}/index.html`, 'utf8')
  const need = new Set<string>()
  const queue: string[] = []
  const add = (f: string) => {
    const name = f.replace(/^(\.\/)?(assets\/)?/, '')
    if (!need.has(name)) {
      need.add(name)
      queue.push(name)
    }
  }
  const entry = /<script type="module"[^>]* src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1]
  if (!entry) throw new Error(`${dist}/index.html has no module script`)
  for (const m of html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)) add(m[1])
  for (const f of readdirSync(`${dist}/assets`)) if (f.startsWith(`catalogue-${locale}-`) && f.endsWith('.js')) add(f)
  while (queue.length) {
    const f = queue.shift()!
    if (!f.endsWith('.js')) continue
    const code = readFileSync(`${dist}/assets/${f}`, 'utf8')
    // Minified output quotes with " or `: static imports `from"./x.js"` and `import"./x.js"`.
    for (const m of code.matchAll(/(?:import|from)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)) add(m[1])
    for (const m of code.matchAll(/new URL\(\s*["'`](?:\.\/)?(worker-[\w-]+\.js)["'`]/g)) add(m[1])
    if (f === entry) {
      // main.ts awaits its dynamic imports before mounting: they and the files Vite preloads
      // with them (__vite__mapDeps) belong to the first prompt.
      for (const m of code.matchAll(/import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)) add(m[1])
      const deps = /m\.f=\[([^\]]*)\]/.exec(code)
      for (const m of deps?.[1].matchAll(/["'`]\.\/([\w.-]+\.(?:js|css))["'`]/g) ?? []) add(m[1])
    }
  }
  return need
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length

/** Gzip bytes (level 9) of index.html and each JS/CSS file, and of the first prompt's. */
export function bundleFigures(dist: string): { firstPrompt: number; all: number; files: Set<string> } {
  const files = firstPromptFiles(dist)
  let first = gz(`${dist}/index.html`)
  let all = first
  for (const f of readdirSync(`${dist}/assets`)) {
    if (!/\.(js|css)$/.test(f)) continue
    const size = gz(`${dist}/assets/${f}`)
    all += size
    if (files.has(f)) first += size
  }
  return { firstPrompt: first / 1024, all: all / 1024, files }
}

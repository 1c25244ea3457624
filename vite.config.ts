/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { readdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, runnerImport, type Plugin } from 'vite'
import { commandManifest } from './src/shell/commands/manifest.ts'
import { LESSONS_ROOT, readLessonsRoot } from './src/cli/lesson-files.ts'
import { compileLessons, formatError } from './src/lab/lessons/compile.ts'
import { lessonVersion } from './src/lab/lessons/version.ts'
import { LOCALES, type Locale } from './src/i18n/locale.ts'

/**
 * `virtual:lvs-lessons`: every lesson of lessons/, compiled at build time by the same loader the CLI
 * uses, so yaml, valibot and marked never reach the browser. A lesson that does not validate fails
 * the build with its file:line:field errors. The summaries go into the bundle; the lessons
 * themselves (text in three languages, checks, scripts) into a JSON asset beside the worker, which
 * reads it the first time a lesson opens, so lesson content does not weigh on the JS budget. The
 * dev server inlines it. With VITE_LVS_LESSON=ID in the environment (`lvs-lab build --lesson ID`) only
 * that lesson is compiled in, and the page opens it (src/ui/boot.ts).
 */
function lessons(): Plugin {
  const id = 'virtual:lvs-lessons'
  const resolved = `\0${id}`
  let build = false
  return {
    name: 'lvs-lessons',
    configResolved(config) {
      build = config.command === 'build'
    },
    resolveId: (source) => (source === id ? resolved : undefined),
    load(source) {
      if (source !== resolved) return undefined
      const inputs = readLessonsRoot()
      const { lessons: all, errors } = compileLessons(inputs)
      if (errors.length) this.error(`lessons do not validate:\n${errors.map(formatError).join('\n')}`)
      const only = process.env.VITE_LVS_LESSON
      const lessons = only ? all.filter((l) => l.summary.id === only) : all
      if (!lessons.length) this.error(`there is no lesson called '${only}'`)
      for (const l of inputs) for (const f of Object.keys(l.files)) this.addWatchFile(`${LESSONS_ROOT}${l.id}/${f}`)
      const summaries = `export const summaries = ${JSON.stringify(lessons.map((l) => l.summary))}\n`
      if (!build) return `${summaries}const lessons = ${JSON.stringify(lessons)}\nexport const loadLessons = () => lessons\n`
      const json = JSON.stringify(lessons)
      const name = `lessons-${lessonVersion({ json })}.json`
      this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: json })
      return `${summaries}export function loadLessons() {
  const xhr = new XMLHttpRequest()
  xhr.open('GET', new URL(${JSON.stringify(name)}, self.location.href).href, false)
  xhr.send()
  if (xhr.status !== 200 && xhr.status !== 0) throw new Error('lessons: HTTP ' + xhr.status)
  return JSON.parse(xhr.responseText)
}
`
    },
  }
}

/**
 * A virtual module written from a real one at build time: `source` is imported through a module
 * runner when the virtual module is first asked for, not with the config, so starting Vite or
 * Vitest does not compile it; the text is made once for the page's build and the worker's.
 */
const generatedText = new Map<string, Promise<string>>()

function generated<M>(id: string, source: string, write: (module: M) => string): Plugin {
  const resolved = `\0${id}`
  return {
    name: `lvs-generated:${id}`,
    resolveId: (s) => (s === id ? resolved : undefined),
    load(s) {
      if (s !== resolved) return undefined
      let text = generatedText.get(id)
      if (!text) generatedText.set(id, (text = runnerImport<M>(source, { configFile: false, logLevel: 'error' }).then(({ module }) => write(module))))
      return text
    },
  }
}

/** `virtual:lvs-commands`: every command's manifest entry (shell/commands/manifest.ts), read from the registry itself. */
const commandsManifest = () =>
  generated<typeof import('./src/shell/commands/index.ts')>('virtual:lvs-commands', '/src/shell/commands/index.ts', (m) => `export const manifest = ${JSON.stringify(commandManifest(m.COMMANDS))}\n`)

/** `virtual:lvs-builtins`: the shell's builtins' names (and which are special), for the worker's deferred builtins (src/worker/deferred/builtins.ts). */
const builtinsManifest = () =>
  generated<typeof import('./src/shell/builtins/index.ts')>(
    'virtual:lvs-builtins',
    '/src/shell/builtins/index.ts',
    (m) => `export const builtinNames = ${JSON.stringify([...m.BUILTINS.keys()])}\nexport const specialBuiltins = ${JSON.stringify([...m.SPECIAL_BUILTINS])}\n`,
  )

/**
 * `virtual:lvs-catalogue/LOCALE`: the page's message catalogue in one language (src/ui/i18n/messages.ts,
 * its parts merged in), so the page loads only the reader's language and another on a switch
 * (src/ui/i18n/catalogue.ts). The build writes each as its strings alone, evaluated from messages.ts
 * through a module runner, a chunk of its own (`catalogue-LOCALE-…js`); the dev server and Vitest
 * re-export it from messages.ts, so an edit reloads.
 */
const CATALOGUE_ID = 'virtual:lvs-catalogue/'
const RESOLVED_CATALOGUE = '\0lvs-catalogue/catalogue-'
const MESSAGES = fileURLToPath(new URL('./src/ui/i18n/messages.ts', import.meta.url))

export function catalogue(): Plugin {
  let build = false
  let messages: Promise<typeof import('./src/ui/i18n/messages.ts')> | null = null
  return {
    name: 'lvs-catalogue',
    configResolved(config) {
      build = config.command === 'build'
    },
    // The resolved id ends in the chunk's name.
    resolveId: (source) => (source.startsWith(CATALOGUE_ID) && (LOCALES as readonly string[]).includes(source.slice(CATALOGUE_ID.length)) ? `${RESOLVED_CATALOGUE}${source.slice(CATALOGUE_ID.length)}` : undefined),
    async load(source) {
      if (!source.startsWith(RESOLVED_CATALOGUE)) return undefined
      const locale = source.slice(RESOLVED_CATALOGUE.length) as Locale
      if (!build) return `import { CATALOGUE } from ${JSON.stringify(MESSAGES)}\nexport default CATALOGUE[${JSON.stringify(locale)}]\n`
      messages ??= runnerImport<typeof import('./src/ui/i18n/messages.ts')>(MESSAGES, { configFile: false, logLevel: 'error' }).then((r) => r.module)
      return `export default ${JSON.stringify((await messages).CATALOGUE[locale])}\n`
    },
  }
}

/**
 * The worker's first chunk boots a lab and shows its prompts; the commands' code and the lesson
 * engine follow after the first prompt. In the worker bundle each module here is replaced, for
 * every importer but its replacement, by a stand-in that loads it with import() (src/worker/deferred/).
 */
const DEFERRED: Record<string, string> = {
  'src/shell/commands/index.ts': 'src/worker/deferred/commands.ts',
  'src/worker/lesson-engine.ts': 'src/worker/deferred/lessons.ts',
  'src/shell/builtins/index.ts': 'src/worker/deferred/builtins.ts',
  'src/worker/conn-view.ts': 'src/worker/deferred/views.ts',
  'src/worker/state-view.ts': 'src/worker/deferred/views.ts',
}

function deferred(): Plugin {
  const root = fileURLToPath(new URL('.', import.meta.url))
  const swap = new Map(Object.entries(DEFERRED).map(([real, standIn]) => [root + real, root + standIn]))
  // Only imports whose file name could be one of the replaced modules are resolved twice.
  const names = new Set(Object.keys(DEFERRED).map((real) => real.slice(real.lastIndexOf('/') + 1)))
  return {
    name: 'lvs-deferred',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !names.has(source.slice(source.lastIndexOf('/') + 1))) return null
      const r = await this.resolve(source, importer, { ...options, skipSelf: true })
      const standIn = r && swap.get(r.id)
      return standIn && importer !== standIn ? standIn : null
    },
  }
}

/**
 * The chunks main.ts awaits before it mounts (Svelte, the App with xterm.js, i18n) are dynamic
 * imports, which the browser would ask for only once the entry has run. The built index.html names
 * them (and what they import, and the App's styles) as preloads, so they download while the
 * entry and the worker start, not after.
 */
function preloadAwaited(): Plugin {
  return {
    name: 'lvs-preload-awaited',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle
        const entry = ctx.chunk
        if (!bundle || !entry) return []
        const files = new Set<string>()
        const styles = new Set<string>()
        const visit = (file: string) => {
          const chunk = bundle[file]
          if (!chunk || chunk.type !== 'chunk' || files.has(file) || file === entry.fileName || entry.imports.includes(file)) return
          files.add(file)
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css)
          for (const f of chunk.imports) visit(f)
        }
        for (const f of entry.dynamicImports) visit(f)
        return [
          ...[...files].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
          ...[...styles].map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
        ]
      },
    },
  }
}

/**
 * The Content-Security-Policy of the built page: scripts only from the page's own files (no inline
 * script, no eval, so nothing in a share link, a lesson or a served page shown in a terminal can run),
 * the worker and its lessons JSON from the same origin, and inline styles, which xterm.js writes for
 * its themes. The built index.html carries it as a meta tag; `vite preview` also sends it as a header,
 * which reaches the worker too (a meta tag does not) and adds what only a header can say. The dev
 * server goes without, since Vite's hot reload needs inline scripts and a websocket.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  // A lesson built for a course platform (`lvs-lab build/package`) reports to the platform's cmi5
  // endpoint, whose origin only the launch URL names: that build may fetch over https too.
  process.env.VITE_LVS_LESSON ? "connect-src 'self' https:" : "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'lvs-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  }
}

/**
 * The list of every file the build wrote (the page, its chunks, the worker's chunks and packs, the
 * lessons, public/), as `precache.json` beside them: public/sw.js caches them all when it installs,
 * so a page that was closed before its later chunks loaded (the packs come after the first prompt)
 * still works offline on the next visit.
 */
function precacheList(): Plugin {
  let outDir = ''
  return {
    name: 'lvs-precache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const files: string[] = []
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(dir, e.name))
          else if (e.name !== 'sw.js' && e.name !== 'precache.json') files.push(relative(outDir, join(dir, e.name)))
        }
      }
      walk(outDir)
      writeFileSync(join(outDir, 'precache.json'), JSON.stringify(['./', ...files.sort().map((f) => `./${f}`)]) + '\n')
    },
  }
}

export default defineConfig({
  base: './',
  plugins: [svelte(), lessons(), commandsManifest(), builtinsManifest(), catalogue(), preloadAwaited(), contentSecurityPolicy(), precacheList()],
  build: { rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !/\/src\/(net|i18n)\//.test(id) } } },
  preview: { headers: { 'Content-Security-Policy': CSP } },
  worker: { format: 'es', plugins: () => [lessons(), commandsManifest(), builtinsManifest(), deferred()] },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/transcripts/**/*.test.ts'],
    environment: 'node',
  },
})

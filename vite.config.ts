/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig, type Plugin } from 'vite'
import { LESSONS_ROOT, readLessonsRoot } from './src/cli/lesson-files.ts'
import { compileLessons, formatError } from './src/lab/lessons/compile.ts'

/**
 * `virtual:lvs-lessons`: every lesson of lessons/, compiled at build time by the same loader the CLI
 * uses, as plain JSON, so yaml, valibot and marked never reach the browser. A lesson that does not
 * validate fails the build with its file:line:field errors.
 */
function lessons(): Plugin {
  const id = 'virtual:lvs-lessons'
  const resolved = `\0${id}`
  return {
    name: 'lvs-lessons',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(source) {
      if (source !== resolved) return undefined
      const inputs = readLessonsRoot()
      const { lessons, errors } = compileLessons(inputs)
      if (errors.length) this.error(`lessons do not validate:\n${errors.map(formatError).join('\n')}`)
      for (const l of inputs) for (const f of Object.keys(l.files)) this.addWatchFile(`${LESSONS_ROOT}${l.id}/${f}`)
      return `export default ${JSON.stringify(lessons)}`
    },
  }
}

export default defineConfig({
  base: './',
  plugins: [svelte(), lessons()],
  worker: { format: 'es', plugins: () => [lessons()] },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/transcripts/**/*.test.ts'],
    environment: 'node',
  },
})

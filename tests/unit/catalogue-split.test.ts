// The page loads the catalogue one locale at a time: the build's chunk for each locale holds exactly
// that locale's merged table (every key of messages.ts and its parts, no other language), and the
// page's loader hands back the same table, once per locale.

import { describe, expect, it } from 'vitest'
import type { Plugin } from 'vite'
import { catalogue } from '../../vite.config.ts'
import { loadCatalogue } from '../../src/ui/i18n/catalogue.ts'
import { CATALOGUE, LOCALES } from '../../src/ui/i18n/messages.ts'

type Hook = (this: unknown, ...args: unknown[]) => unknown
const call = (plugin: Plugin, name: 'configResolved' | 'resolveId' | 'load', ...args: unknown[]) => (plugin[name] as Hook).call({}, ...args)

describe('catalogue per locale', () => {
  it.each(LOCALES)('the build writes %s as its own strings alone', async (locale) => {
    const plugin = catalogue()
    call(plugin, 'configResolved', { command: 'build' })
    const id = call(plugin, 'resolveId', `virtual:lvs-catalogue/${locale}`) as string
    expect(id).toMatch(new RegExp(`/catalogue-${locale}$`))
    const code = (await call(plugin, 'load', id)) as string
    expect(code.startsWith('export default ')).toBe(true)
    expect(JSON.parse(code.slice('export default '.length))).toEqual(CATALOGUE[locale])
  }, 60_000)

  it('an unknown locale is not a catalogue', () => {
    expect(call(catalogue(), 'resolveId', 'virtual:lvs-catalogue/fr')).toBeUndefined()
    expect(call(catalogue(), 'resolveId', 'virtual:lvs-catalogue/constructor')).toBeUndefined()
  })

  it('the page loads each locale once, the same table as the catalogue', async () => {
    for (const locale of LOCALES) {
      const first = loadCatalogue(locale)
      expect(loadCatalogue(locale)).toBe(first)
      expect(await first).toEqual(CATALOGUE[locale])
    }
  })
})

// The README's command list is the registry's (npm run docs:commands writes it).

import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { withCommands } from '../../src/shell/commands/docs.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'

it('README lists the commands of the registry, per package', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  expect(withCommands(readme, COMMANDS)).toBe(readme)
})

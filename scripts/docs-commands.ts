// Writes the README's command list from the registry (src/shell/commands/docs.ts).
// Run: npm run docs:commands

import { readFileSync, writeFileSync } from 'node:fs'
import { withCommands } from '../src/shell/commands/docs.ts'
import { COMMANDS } from '../src/shell/commands/index.ts'

const path = new URL('../README.md', import.meta.url)
writeFileSync(path, withCommands(readFileSync(path, 'utf8'), COMMANDS))
console.log('README.md: command list written')

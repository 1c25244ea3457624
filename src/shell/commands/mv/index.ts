// mv: move (rename) files, sharing cp's implementation.

import type { CommandDef } from '../types.ts'
import { copyOrMove } from '../cp/index.ts'

export const mv: CommandDef = { name: 'mv', path: '/usr/bin/mv', summary: 'move (rename) files', run: (ctx) => copyOrMove(ctx, 'mv') }

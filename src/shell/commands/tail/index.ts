// tail: the last N lines of files or stdin (shares head's slicing).

import type { CommandDef } from '../types.ts'
import { slice } from '../head/index.ts'

export const tail: CommandDef = { name: 'tail', path: '/usr/bin/tail', summary: 'output the last part of files', run: (ctx) => slice(ctx, 'tail') }

// The running command's budget (sim/budget.ts) as the interpreter charges it: a pipe's unread
// bytes, a variable's value, an array's element count and a command substitution's output may
// each grow to the budget's memory limit and no further. Past it the command ends with the
// budget's message (OverBudget travels like Ctrl-C through commands' error boundaries), so a
// pipe nobody reads or a string doubled in a loop stops instead of growing the worker.

import type { Engine } from '../../sim/engine.ts'

export class OverBudget extends Error {
  constructor() {
    super('over budget')
  }
}

/** Refuses (throws OverBudget) a value of `size` characters or elements past the memory limit. */
export function charge(engine: Engine, size: number): void {
  if (!engine.budget.fits(size)) throw new OverBudget()
}

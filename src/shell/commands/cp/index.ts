// cp and mv: copy or move files (into a directory when the target is one), GNU messages.

import { basename } from '../../../host/fs.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { abs, errText, flagsAndOperands } from '../files.ts'

export function copyOrMove(ctx: CommandContext, name: 'cp' | 'mv'): number {
  const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
  if (operands.length < 2) {
    ctx.err(operands.length ? `${name}: missing destination file operand after '${operands[0]}'\n` : `${name}: missing file operand\n`)
    ctx.err(`Try '${name} --help' for more information.\n`)
    return 1
  }
  const fs = ctx.host.fs
  const target = operands.pop()!
  const targetPath = abs(ctx, target)
  const intoDir = fs.isDir(targetPath)
  let status = 0
  for (const src of operands) {
    const path = abs(ctx, src)
    const node = fs.stat(path)
    if (!node) {
      ctx.err(`${name}: cannot stat '${src}': No such file or directory\n`)
      status = 1
      continue
    }
    if (node.type === 'dir' && name === 'cp' && !flags.has('r') && !flags.has('R')) {
      ctx.err(`cp: -r not specified; omitting directory '${src}'\n`)
      status = 1
      continue
    }
    const dest = intoDir ? `${targetPath === '/' ? '' : targetPath}/${basename(path)}` : targetPath
    if (node.type === 'dir') {
      fs.mkdirp(dest)
      if (name === 'mv') fs.removeTree(path)
      continue
    }
    const e = fs.write(dest, node.content, node.mode)
    if (e) {
      ctx.err(`${name}: cannot create regular file '${target}': ${errText(e)}\n`)
      status = 1
      continue
    }
    if (name === 'mv') fs.remove(path)
  }
  return status
}

export const cp: CommandDef = { name: 'cp', path: '/usr/bin/cp', summary: 'copy files and directories', run: (ctx) => copyOrMove(ctx, 'cp') }

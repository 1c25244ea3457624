// `lvs-lab`: the engine headless. `lvs-lab VERB [OPTIONS]`; the verbs are in verbs.ts and
// `lvs-lab --help` lists them. Output is written, and the process exits only once stdout has
// drained, so `lvs-lab run … | head` and `> file` get every byte; a reader that goes away early
// ends the run quietly, as SIGPIPE ends a C program.

import { readFileSync } from 'node:fs'
import { describeError } from '../sim/engine.ts'
import { parseArgs, UsageError, usage, type Io, type Verb } from './args.ts'
import { overview } from './help.ts'
import { EXIT_INTERNAL, EXIT_USAGE } from './status.ts'
import { VERBS } from './verbs.ts'

/** Chunks handed to the OS in one write: small writes are slow, one huge string doubles memory. */
const CHUNK = 1 << 16

/** 128 + SIGPIPE: the status a shell reports for a writer whose reader closed the pipe. */
const EXIT_PIPE = 141

class Stdout {
  private buf: string[] = []
  private size = 0

  write(text: string): void {
    this.buf.push(text)
    this.size += text.length
    if (this.size >= CHUNK) this.flush()
  }

  flush(): void {
    if (!this.size) return
    process.stdout.write(this.buf.join(''))
    this.buf = []
    this.size = 0
  }
}

function io(stdout: Stdout): Io {
  return {
    out: (t) => stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdin: () => readFileSync(0, 'utf8'),
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8')
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        process.stderr.write(`lvs-lab: ${path}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : describeError(e)}\n`)
        return null
      }
    },
  }
}

/** The verb the command line starts with; a verb of two words (`lesson validate`) wins over one. */
function findVerb(argv: readonly string[]): Verb | undefined {
  let best: Verb | undefined
  for (const v of VERBS) {
    const words = v.name.split(' ')
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.name.split(' ').length)) best = v
  }
  return best
}

/** Runs the command line; the exit status, with output already handed to `stdout`. */
async function main(argv: readonly string[], stdout: Stdout): Promise<number> {
  const [name] = argv
  const streams = io(stdout)
  if (name === undefined) {
    process.stderr.write(overview(VERBS))
    return EXIT_USAGE
  }
  if (name === '--help' || name === '-h') {
    streams.out(overview(VERBS))
    return 0
  }
  const verb = findVerb(argv)
  if (!verb) {
    process.stderr.write(`lvs-lab: unknown verb '${name}'\n${overview(VERBS)}`)
    return EXIT_USAGE
  }
  try {
    const args = parseArgs(verb, argv.slice(verb.name.split(' ').length))
    if (args.flags.has('help')) {
      streams.out(usage(verb))
      return 0
    }
    return await verb.main(args, streams)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`lvs-lab ${verb.name}: ${e.message}\n${usage(verb)}`)
    return EXIT_USAGE
  }
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT_PIPE)
  throw e
})

const stdout = new Stdout()
let status: number
try {
  status = await main(process.argv.slice(2), stdout)
} catch (e) {
  process.stderr.write(`lvs-lab: internal error: ${e instanceof Error ? (e.stack ?? describeError(e)) : String(e)}\n`)
  status = EXIT_INTERNAL
}
stdout.flush()
// Not process.exit(): that would drop what the pipe has not taken yet. Node exits when it drained.
process.exitCode = status

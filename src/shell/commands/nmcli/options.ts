// nmcli's global options (src/nmcli/nmcli.c `process_command_line`, `matches_arg`): each is matched
// as a prefix of its name with one `-` kept (`-t`, `-te`, `--terse`, `-terse` are all --terse),
// `--opt=value` or `--opt value`, `-a`/`-s` taken wherever nmcli steps to the next argument
// (utils.c `next_arg`, `parse_global_arg`). An error sets nmcli's text and status 2
// (NMC_RESULT_ERROR_USER_INPUT); --version and --help end the parse with status 0.

import type { NmcConfig } from './print.ts'

/** libnmc-base `matches()`: a non-empty prefix of the pattern. */
export const matches = (word: string | undefined, pattern: string) => !!word && word.length <= pattern.length && pattern.startsWith(word)

/** nmc_arg_is_option: `-x` or `--x`, x a prefix of the option's name. */
export function isOption(word: string | undefined, name: string): boolean {
  if (!word || word[0] !== '-') return false
  const p = word[1] === '-' ? word.slice(2) : word.slice(1)
  return !!p && matches(p, name)
}

/** `-a`/`--ask` and `-s`/`--show-secrets`, accepted between any two arguments. */
export const isGlobalArg = (word: string | undefined) => isOption(word, 'ask') || isOption(word, 'show-secrets')

export type Parsed = { kind: 'run'; cfg: NmcConfig; args: string[] } | { kind: 'version' } | { kind: 'help' } | { kind: 'error'; text: string }

const VALUE_OPTIONS = ['-mode', '-colors', '-escape', '-fields', '-get-values', '-wait']
/** The order nmcli tries them in, which decides what a short prefix means (`-v` is --version). */
const ORDER = ['-overview', '-terse', '-pretty', '-mode', '-colors', '-escape', '-fields', '-get-values', '-nocheck', '-wait', '-version', '-help']

export function parseGlobal(argv: string[]): Parsed {
  const cfg: NmcConfig = { print: 'normal', multiline: false, modeSet: false, escape: true, fields: null }
  let i = 0
  const skipGlobals = () => {
    while (i < argv.length && isGlobalArg(argv[i])) i++
  }
  skipGlobals()
  while (i < argv.length && argv[i][0] === '-') {
    const word = argv[i]
    if (word === '--') {
      i++
      skipGlobals()
      break
    }
    // One leading '-' stays: "--terse" is matched as "-terse".
    let opt = word[1] === '-' ? word.slice(1) : word
    let value: string | null = null
    const eq = opt.indexOf('=')
    const name = ORDER.find((o) => {
      const head = VALUE_OPTIONS.includes(o) && eq >= 0 ? opt.slice(0, eq) : opt
      return matches(head, o)
    })
    if (!name) return { kind: 'error', text: `Error: Option '${word}' is unknown, try 'nmcli -help'.` }
    if (VALUE_OPTIONS.includes(name)) {
      if (eq >= 0) {
        value = opt.slice(eq + 1)
        opt = opt.slice(0, eq)
      } else {
        i++
        if (i >= argv.length) return { kind: 'error', text: `Error: missing argument for '${opt}' option.` }
        value = argv[i]
      }
    }
    // nmcli names the option by the argument it stands on, which after a separate value is the value.
    const shown = eq >= 0 ? word : argv[i]
    switch (name) {
      case '-terse':
        if (cfg.print === 'terse') return { kind: 'error', text: "Error: Option '--terse' is specified the second time." }
        if (cfg.print === 'pretty') return { kind: 'error', text: "Error: Option '--terse' is mutually exclusive with '--pretty'." }
        cfg.print = 'terse'
        break
      case '-pretty':
        if (cfg.print === 'pretty') return { kind: 'error', text: "Error: Option '--pretty' is specified the second time." }
        if (cfg.print === 'terse') return { kind: 'error', text: "Error: Option '--pretty' is mutually exclusive with '--terse'." }
        cfg.print = 'pretty'
        break
      case '-mode':
        cfg.modeSet = true
        if (matches(value!, 'tabular')) cfg.multiline = false
        else if (matches(value!, 'multiline')) cfg.multiline = true
        else return { kind: 'error', text: `Error: '${value}' is not a valid argument for '${shown}' option.` }
        break
      case '-colors':
        // Colours only reach a terminal; the lab's output is the same text either way.
        if (!['auto', 'yes', 'no'].some((c) => matches(value!, c))) return { kind: 'error', text: `Error: '${value}' is not valid argument for '${shown}' option.` }
        break
      case '-escape':
        if (matches(value!, 'yes')) cfg.escape = true
        else if (matches(value!, 'no')) cfg.escape = false
        else return { kind: 'error', text: `Error: '${value}' is not valid argument for '${shown}' option.` }
        break
      case '-fields':
        cfg.fields = value
        break
      case '-get-values':
        cfg.fields = value
        cfg.print = 'terse'
        cfg.modeSet = true
        break
      case '-wait':
        if (!/^\d+$/.test(value!) || Number(value) > 2147483647) return { kind: 'error', text: `Error: '${value}' is not a valid timeout.` }
        break
      case '-version':
        return { kind: 'version' }
      case '-help':
        return { kind: 'help' }
    }
    i++
    skipGlobals()
  }
  return { kind: 'run', cfg, args: argv.slice(i) }
}

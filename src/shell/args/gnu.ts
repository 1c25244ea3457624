// The boilerplate every GNU coreutils 8.32 tool (RHEL 9) shares: the `--version` text and the
// closing paragraph of `--help` (coreutils' emit_ancillary_info; the "Report any translation
// bugs" line is left out because it is printed only when LC_MESSAGES is not English).

export function coreutilsVersion(name: string, authors: string): string {
  return `${name} (GNU coreutils) 8.32
Copyright (C) 2020 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by ${authors}.
`
}

/** The help's last lines; `node` is the Texinfo node name when it is not `NAME invocation`. */
export function coreutilsFooter(name: string, node = `${name} invocation`): string {
  return `
GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/${name}>
or available locally via: info '(coreutils) ${node}'
`
}

/** "Mandatory arguments to long options are mandatory for short options too." */
export const MANDATORY = 'Mandatory arguments to long options are mandatory for short options too.\n'

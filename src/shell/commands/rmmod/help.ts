// rmmod's --help as kmod 28 prints it (tools/rmmod.c, help()), recorded from bullseye's kmod 28, RHEL 9's
// release (tests/fixtures/tools/kmod.json); `%s` is the program name as invoked.

/** The whole text. */
export const HELP = `Usage:
	%s [options] modulename ...
Options:
	-f, --force       forces a module unload and may crash your
	                  machine. This requires Forced Module Removal
	                  option in your kernel. DANGEROUS
	-s, --syslog      print to syslog, not stderr
	-v, --verbose     enables more messages
	-V, --version     show version
	-h, --help        show this help
`

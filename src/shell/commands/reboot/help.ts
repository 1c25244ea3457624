// reboot's --help as systemd 252's systemctl prints it when invoked as reboot (src/systemctl/
// systemctl-compat-halt.c, halt_help()), recorded from bookworm's 252.39; `%s` is the program name.

/** The whole text. */
export const HELP = `%s [OPTIONS...] [ARG]

Reboot the system.

Options:
     --help      Show this help
     --halt      Halt the machine
  -p --poweroff  Switch off the machine
     --reboot    Reboot the machine
  -f --force     Force immediate halt/power-off/reboot
  -w --wtmp-only Don't halt/power-off/reboot, just write wtmp record
  -d --no-wtmp   Don't write wtmp record
     --no-wall   Don't send wall message before halt/power-off/reboot

See the halt(8) man page for details.
`

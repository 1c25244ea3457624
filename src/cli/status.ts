// Exit statuses of lvs-lab, as sysexits.h names them where it has a name.

/** A usage error: unknown verb or option, a bad value (EX_USAGE would be 64; 2 is what getopt tools use). */
export const EXIT_USAGE = 2
/** The simulator caught an internal error (EX_SOFTWARE). */
export const EXIT_INTERNAL = 70

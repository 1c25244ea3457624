// curl's short --help, the "important" category (src/tool_help.c, tool_help()), and its --version for
// RHEL 9.4's curl-7.76.1-29.el9_4. The help is recorded from bullseye's 7.74.0, whose important
// options are 7.76.1's too (not checked against a 7.76.1 transcript); the version is a RHEL 9 host's
// `curl -V` (tests/fixtures/cases/pins-services.ts names it). Other categories are not modelled.

/** `curl --help` with no category. */
export const HELP = `Usage: curl [options...] <url>
 -d, --data <data>   HTTP POST data
 -f, --fail          Fail silently (no output at all) on HTTP errors
 -h, --help <category> Get help for commands
 -i, --include       Include protocol response headers in the output
 -o, --output <file> Write to file instead of stdout
 -O, --remote-name   Write output to a file named as the remote file
 -s, --silent        Silent mode
 -T, --upload-file <file> Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name> Send User-Agent <name> to server
 -v, --verbose       Make the operation more talkative
 -V, --version       Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`

/** `curl --version`: the Protocols line ends in a space, as tool_help.c prints `"%s "` for each. */
export const VERSION =
  'curl 7.76.1 (x86_64-redhat-linux-gnu) libcurl/7.76.1 OpenSSL/3.0.7 zlib/1.2.11 brotli/1.0.9 libidn2/2.3.0 libpsl/0.21.1 (+libidn2/2.3.0) libssh/0.10.4/openssl/zlib nghttp2/1.43.0\n' +
  'Release-Date: 2021-04-14\n' +
  'Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtsp scp sftp smb smbs smtp smtps telnet tftp \n' +
  'Features: alt-svc AsynchDNS brotli GSS-API HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL TLS-SRP UnixSockets\n'

// The files a freshly installed Rocky 9 lab host has, and those packages add. Contents follow the
// stock files closely enough for `cat` and `grep` (the full /etc/services is ~11,000 lines; the
// entries kept here are the ones ipvsadm, curl and the labs resolve).

export const SYSCTL_CONF = `# sysctl settings are defined through files in
# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.
#
# Vendors settings live in /usr/lib/sysctl.d/.
# To override a whole file, create a new file with the same in
# /etc/sysctl.d/ and put new settings there. To override
# only specific settings, add a file with a lexically later
# name in /etc/sysctl.d/ and put new settings there.
#
# For more information, see sysctl.conf(5) and sysctl.d(5).
`

/**
 * /etc/protocols from RHEL 9's setup package: its header and first entries as shipped, then the
 * protocols a lab meets (udp, GRE, ESP, AH, ICMPv6, IPIP, VRRP, SCTP); the rest of IANA's list is
 * left out, as /etc/services below is abridged.
 */
export const PROTOCOLS = `# /etc/protocols:
# $Id: protocols,v 1.12 2016/07/08 12:27 ovasik Exp $
#
# Internet (IP) protocols
#
#\tfrom: @(#)protocols\t5.1 (Berkeley) 4/17/89
#
# Updated for NetBSD based on RFC 1340, Assigned Numbers (July 1992).
# Last IANA update included dated 2011-05-03
#
# See also http://www.iana.org/assignments/protocol-numbers

ip\t0\tIP\t\t# internet protocol, pseudo protocol number
hopopt\t0\tHOPOPT\t\t# hop-by-hop options for ipv6
icmp\t1\tICMP\t\t# internet control message protocol
igmp\t2\tIGMP\t\t# internet group management protocol
ggp\t3\tGGP\t\t# gateway-gateway protocol
ipv4\t4\tIPv4\t\t# IPv4 encapsulation
st\t5\tST\t\t# ST datagram mode
tcp\t6\tTCP\t\t# transmission control protocol
cbt\t7\tCBT\t\t# CBT, Tony Ballardie <A.Ballardie@cs.ucl.ac.uk>
egp\t8\tEGP\t\t# exterior gateway protocol
igp\t9\tIGP\t\t# any private interior gateway (Cisco: for IGRP)
bbn-rcc\t10\tBBN-RCC-MON\t\t# BBN RCC Monitoring
nvp\t11\tNVP-II\t\t# Network Voice Protocol
udp\t17\tUDP\t\t# user datagram protocol
gre\t47\tGRE\t\t# Generic Routing Encapsulation
esp\t50\tIPSEC-ESP\t\t# Encap Security Payload [RFC2406]
ah\t51\tIPSEC-AH\t\t# Authentication Header [RFC2402]
ipv6-icmp\t58\tIPv6-ICMP\t\t# ICMP for IPv6
ipip\t94\tIPIP\t\t# Yet Another IP encapsulation
vrrp\t112\tVRRP\t\t# Virtual Router Redundancy Protocol
sctp\t132\tSCTP\t\t# Stream Control Transmission Protocol
`

export const SERVICES = `# /etc/services:
# $Id: services,v 1.49 2017/08/18 12:43:23 ovasik Exp $
#
# Network services, Internet style
# IANA services version: last updated 2021-01-19
#
# service-name  port/protocol  [aliases ...]   [# comment]

ftp-data        20/tcp
ftp             21/tcp
ssh             22/tcp                          # The Secure Shell (SSH) Protocol
telnet          23/tcp
smtp            25/tcp          mail
domain          53/tcp                          # name-domain server
domain          53/udp
http            80/tcp          www www-http    # WorldWideWeb HTTP
http            80/udp          www www-http    # HyperText Transfer Protocol
pop3            110/tcp         pop-3           # POP version 3
ntp             123/udp                         # Network Time Protocol
imap            143/tcp         imap2           # Interim Mail Access Proto v2
snmp            161/udp                         # Simple Net Mgmt Proto
https           443/tcp                         # http protocol over TLS/SSL
https           443/udp                         # http protocol over TLS/SSL
mysql           3306/tcp                        # MySQL
http-alt        8080/tcp        webcache        # HTTP Alternate
http-alt        8080/udp                        # HTTP Alternate
`

export const OS_RELEASE = `NAME="Rocky Linux"
VERSION="9.4 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.4"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"
ANSI_COLOR="0;32"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
HOME_URL="https://rockylinux.org/"
`

export const IPVSADM_CONFIG = `# Unload modules on restart and stop
#   Value: yes|no,  default: yes
# This option has to be 'yes' to get to a sane state for a ipvs
# restart or stop. Only set to 'no' if there are problems unloading ipvs
# modules.
IPVS_MODULES_UNLOAD="yes"

# Save current ipvs rules on stop.
#   Value: yes|no,  default: no
# Saves all ipvs rules to /etc/sysconfig/ipvsadm if ipvsadm gets stopped
# (e.g. on system shutdown).
IPVS_SAVE_ON_STOP="no"

# Save current ipvs rules on restart.
#   Value: yes|no,  default: no
# Saves all ipvs rules to /etc/sysconfig/ipvsadm if ipvsadm gets
# restarted.
IPVS_SAVE_ON_RESTART="no"

# Numeric status output
#   Value: yes|no,  default: yes
# Print IP addresses and port numbers in numeric format in the status output.
IPVS_STATUS_NUMERIC="yes"
`

export const WELCOME_CONF = `#
# This configuration file enables the default "Welcome" page if there
# is no default index page present for the root URL.  To disable the
# Welcome page, comment out all the lines below.
#
# NOTE: if this file is removed, it will be restored on upgrades.
#
<LocationMatch "^/+$">
    Options -Indexes
    ErrorDocument 403 /.noindex.html
</LocationMatch>
`

export const SSL_CONF = `#
# When we also provide SSL we have to listen to the
# standard HTTPS port in addition.
#
Listen 443 https
SSLCertificateFile /etc/pki/tls/certs/localhost.crt
SSLCertificateKeyFile /etc/pki/tls/private/localhost.key
`

export function hostsFile(entries: [string, string[]][]): string {
  const base = ['127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4', '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6']
  return [...base, ...entries.map(([ip, names]) => `${ip.padEnd(11)} ${names.join(' ')}`)].join('\n') + '\n'
}

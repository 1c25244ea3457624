// nmcli's field tables, in their source order, which is the order `-f all` prints and the order
// an `invalid field` error lists (src/nmcli/general.c metagen_general_status, devices.c
// metagen_device_status, metagen_device_detail_*, nmc_fields_dev_show_sections, connections.c
// metagen_con_show, metagen_con_active_general, nmc_fields_con_active_details_groups, common.c
// metagen_ip4_config/ip6_config/dhcp_config). The default ("common") lists are the NMC_FIELDS_*
// strings, also found verbatim in bookworm's nmcli 1.42.4. Not seen for 1.46 itself: NEWS for 1.46
// adds "show global metered state" and "show WiFi bandwidth" (an AP field a wired lab never prints).

import type { Field } from './print.ts'

const leaves = (list: string, unsimulated: string[] = []): Field[] => list.split(',').map((name) => (unsimulated.includes(name) ? { name, unsimulated: true } : { name }))

export const GENERAL_STATUS = leaves('RUNNING,VERSION,STATE,STARTUP,CONNECTIVITY,NETWORKING,WIFI-HW,WIFI,WWAN-HW,WWAN,WIMAX-HW,WIMAX')
export const GENERAL_STATUS_ALL = 'RUNNING,VERSION,STATE,STARTUP,CONNECTIVITY,NETWORKING,WIFI-HW,WIFI,WWAN-HW,WWAN'
export const GENERAL_STATUS_COMMON = 'STATE,CONNECTIVITY,WIFI-HW,WIFI,WWAN-HW,WWAN'

// A device's connectivity comes from NetworkManager's check, which the lab does not run.
export const DEVICE_STATUS = leaves('DEVICE,TYPE,STATE,IP4-CONNECTIVITY,IP6-CONNECTIVITY,DBUS-PATH,CONNECTION,CON-UUID,CON-PATH', ['IP4-CONNECTIVITY', 'IP6-CONNECTIVITY'])
export const DEVICE_STATUS_COMMON = 'DEVICE,TYPE,STATE,CONNECTION'

// What the lab's virtual NICs do not have: PCI identity, driver, sysfs and udev paths.
const GENERAL_UNSIMULATED = ['VENDOR', 'PRODUCT', 'DRIVER', 'DRIVER-VERSION', 'FIRMWARE-VERSION', 'IP4-CONNECTIVITY', 'IP6-CONNECTIVITY', 'UDI', 'PATH', 'PHYS-PORT-ID']
export const DEVICE_GENERAL = leaves('DEVICE,TYPE,NM-TYPE,DBUS-PATH,VENDOR,PRODUCT,DRIVER,DRIVER-VERSION,FIRMWARE-VERSION,HWADDR,MTU,STATE,REASON,IP4-CONNECTIVITY,IP6-CONNECTIVITY,UDI,PATH,IP-IFACE,IS-SOFTWARE,NM-MANAGED,AUTOCONNECT,FIRMWARE-MISSING,NM-PLUGIN-MISSING,PHYS-PORT-ID,CONNECTION,CON-UUID,CON-PATH,METERED', GENERAL_UNSIMULATED)
export const IP4 = leaves('ADDRESS,GATEWAY,ROUTE,DNS,DOMAIN,SEARCHES,WINS')
export const IP6 = leaves('ADDRESS,GATEWAY,ROUTE,DNS,DOMAIN,SEARCHES')
export const DHCP = leaves('OPTION')
const WIFI_AP = leaves('SSID,SSID-HEX,BSSID,MODE,CHAN,FREQ,RATE,SIGNAL,BARS,SECURITY,WPA-FLAGS,RSN-FLAGS,DEVICE,ACTIVE,IN-USE,DBUS-PATH')

/** A group of `device show` / `connection show ID`, with the header its tabular column has. */
const group = (name: string, nested: Field[], header = 'NAME'): Field => ({ name, header, nested })

/** nmc_fields_dev_show_sections. A section whose values the lab has no model of is marked. */
export const DEVICE_SECTIONS: Field[] = [
  group('GENERAL', DEVICE_GENERAL),
  // CARRIER-DETECT, SPEED, IS-SOFTWARE, SRIOV: a virtio NIC's capabilities and speed are not modelled.
  { ...group('CAPABILITIES', leaves('CARRIER-DETECT,SPEED,IS-SOFTWARE,SRIOV')), unsimulated: true },
  group('INTERFACE-FLAGS', leaves('UP,LOWER-UP,CARRIER,PROMISC')),
  group('WIFI-PROPERTIES', leaves('WEP,WPA,WPA2,TKIP,CCMP,AP,ADHOC,2GHZ,5GHZ,MESH,IBSS-RSN')),
  group('AP', WIFI_AP),
  group('WIRED-PROPERTIES', leaves('CARRIER,S390-SUBCHANNELS')),
  group('WIMAX-PROPERTIES', leaves('CTR-FREQ,RSSI,CINR,TX-POW,BSID')),
  group('NSP', leaves('NSP,SIGNAL,TYPE,DEVICE,ACTIVE,DBUS-PATH')),
  group('IP4', IP4, 'GROUP'),
  group('DHCP4', DHCP, 'GROUP'),
  group('IP6', IP6, 'GROUP'),
  group('DHCP6', DHCP, 'GROUP'),
  group('BOND', leaves('SLAVES')),
  group('TEAM', leaves('SLAVES,CONFIG')),
  group('BRIDGE', leaves('SLAVES')),
  group('VLAN', leaves('PARENT,ID')),
  group('BLUETOOTH', leaves('CAPABILITIES')),
  { ...group('CONNECTIONS', leaves('AVAILABLE-CONNECTION-PATHS,AVAILABLE-CONNECTIONS')), unsimulated: true },
]
export const DEVICE_SECTIONS_COMMON = 'GENERAL.DEVICE,GENERAL.TYPE,GENERAL.HWADDR,GENERAL.MTU,GENERAL.STATE,GENERAL.CONNECTION,GENERAL.CON-PATH,WIRED-PROPERTIES,IP4,IP6'

export const CON_SHOW = leaves('NAME,UUID,TYPE,TIMESTAMP,TIMESTAMP-REAL,AUTOCONNECT,AUTOCONNECT-PRIORITY,READONLY,DBUS-PATH,ACTIVE,DEVICE,STATE,ACTIVE-PATH,SLAVE,FILENAME')
export const CON_SHOW_COMMON = 'NAME,UUID,TYPE,DEVICE'

export const CON_ACTIVE_GENERAL = leaves('NAME,UUID,DEVICES,IP-IFACE,STATE,DEFAULT,DEFAULT6,SPEC-OBJECT,VPN,DBUS-PATH,CON-PATH,ZONE,MASTER-PATH')
/** nmc_fields_con_active_details_groups: what `connection show ID` prints of an active profile. */
export const CON_ACTIVE_GROUPS: Field[] = [
  group('GENERAL', CON_ACTIVE_GENERAL),
  group('IP4', IP4, 'GROUP'),
  group('DHCP4', DHCP, 'GROUP'),
  group('IP6', IP6, 'GROUP'),
  group('DHCP6', DHCP, 'GROUP'),
  group('VPN', leaves('TYPE,USERNAME,GATEWAY,BANNER,VPN-STATE,CFG')),
]

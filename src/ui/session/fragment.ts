// Whether the address carries a share link: the page asks at every load, so this stays apart from
// link.ts, whose decoder (and its schema library) loads only when there is a link to open or make.

export const SHARE_PREFIX = '#share='

/** True when the address's fragment is a share link (whether or not it is a good one). */
export const isShareFragment = (hash: string): boolean => hash.startsWith(SHARE_PREFIX)

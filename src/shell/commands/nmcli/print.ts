// nmcli's output engine: the field selection `-f`/`-g` make (libnmc-setting/nm-meta-setting-access.c
// `_output_selection_select_one`, `nm_meta_selection_create_parse_list`) and the table printer
// (src/nmcli/utils.c `_output_selection_append`, `_print_fill`, `_print_do`): tabular or multiline,
// normal, terse or pretty, with `\` escaping of `:` and `\` in terse values. Sources: upstream
// NetworkManager, the files named, as stored in the code index (1.4x; the 1.46.0 tag itself was not
// there), cross-checked against the strings of bookworm's nmcli 1.42.4.

/** A field of a table, or a group (GENERAL, IP4, a setting) with nested fields. */
export interface Field {
  name: string
  /** The tabular header when it is not the name (a group's column is titled NAME or GROUP). */
  header?: string
  nested?: Field[]
  /** The lab cannot give this field's real value (a NIC's PCI vendor, its sysfs path...). */
  unsimulated?: boolean
}

/** A value: text, a list (printed `NAME[1]:`… in multiline, joined by ` | ` in a table), or nothing. */
export type Value = string | string[] | null

export interface NmcConfig {
  print: 'normal' | 'terse' | 'pretty'
  multiline: boolean
  /** `-m` or `-g` was given: a command's own default mode (multiline for `show ID`) does not apply. */
  modeSet: boolean
  escape: boolean
  /** `-f`/`-g`'s argument, as typed. */
  fields: string | null
}

const ML_HEADER_WIDTH = 79
const ML_VALUE_INDENT = 40

export class FieldError extends Error {}

/** Case-insensitive lookup of a field by name, as g_ascii_strcasecmp. */
const find = (fields: Field[], name: string) => fields.find((f) => f.name.toLowerCase() === name.toLowerCase())

const names = (fields: Field[], prefix?: string) => fields.map((f) => (prefix ? `${prefix}.${f.name}` : f.name)).join(',')

export interface Selection {
  field: Field
  /** The name as typed (`ip4`), and what followed its dot. */
  self: string
  sub: string | null
}

/**
 * Splits a `-f` list on commas and looks each item up. With `validateNested` (the section lists of
 * `device show`), `GROUP.SUB` must name a nested field too. Throws nmcli's own message.
 */
export function selectFields(fields: Field[], list: string | null, validateNested: boolean, prefix?: string): Selection[] {
  if (list === null) return fields.map((f) => ({ field: f, self: prefix ? `${prefix}.${f.name}` : f.name, sub: null }))
  const out: Selection[] = []
  for (const raw of list.split(',')) {
    const item = raw.trim()
    if (!item) continue
    const dot = item.indexOf('.')
    const name = dot < 0 ? item : item.slice(0, dot)
    const sub = dot < 0 ? null : item.slice(dot + 1)
    const f = find(fields, name)
    const typed = `${prefix ? `${prefix}.` : ''}${name}${sub === null ? '' : `.${sub}`}`
    if (f && (sub === null || !validateNested || (f.nested && find(f.nested, sub)))) {
      out.push({ field: f, self: prefix ? `${prefix}.${name}` : name, sub })
      continue
    }
    if (sub === null && !prefix && /^(all|common)$/i.test(name)) throw new FieldError(`field '${name}' has to be alone`)
    const allowed = f ? (f.nested ? names(f.nested, prefix ? `${prefix}.${f.name}` : f.name) : '') : names(fields)
    throw new FieldError(`invalid field '${typed}'; ${allowed ? `allowed fields: ${allowed}` : 'no fields'}`)
  }
  return out
}

interface Column {
  field: Field
  parent: Column | null
  sub: string | null
}

/** The columns a selection opens up: a group without a sub-selection brings all its fields. */
function columns(sel: Selection[]): Column[] {
  const cols: Column[] = []
  const append = (s: Selection, parent: Column | null) => {
    const col: Column = { field: s.field, parent, sub: s.sub }
    cols.push(col)
    const nested = s.field.nested
    if (s.sub !== null) {
      if (!nested) throw new FieldError(`invalid field '${s.self}.${s.sub}'; no such field`)
      for (const child of selectFields(nested, s.sub, false, s.self)) append(child, col)
    } else if (nested) for (const child of nested) append({ field: child, self: child.name, sub: null }, col)
  }
  for (const s of sel) append(s, null)
  return cols
}

function unsimulated(cols: Column[]): void {
  const col = cols.find((c) => c.field.unsimulated)
  if (col) throw new FieldError(`field '${col.parent ? `${col.parent.field.name}.` : ''}${col.field.name}' is not simulated in LVS Lab`)
}

/**
 * nmc_print_table: one table of `targets`, `get` giving each leaf's value (`path` is the group's
 * name and the field's). Throws FieldError for a bad `-f`.
 */
export function printTable<T>(cfg: NmcConfig, header: string | null, fields: Field[], list: string | null, targets: T[], get: (t: T, path: string[]) => Value): string {
  const sel = selectFields(fields, list, false)
  if (!sel.length) throw new FieldError('failure to select field')
  const cols = columns(sel)
  unsimulated(cols)
  const titles = cols.map((c) => (cfg.multiline && c.parent ? `${c.parent.field.name}.${c.field.header ?? c.field.name}` : (c.field.header ?? c.field.name)))
  const cells = targets.map((t) =>
    cols.map((c): Value => {
      if (c.field.nested) return c.field.name
      const v = get(t, c.parent ? [c.parent.field.name, c.field.name] : [c.field.name])
      if (Array.isArray(v) && !cfg.multiline) return v.length ? v.join(' | ') : null
      return v
    }),
  )
  const shown = (v: Value) => (Array.isArray(v) ? v : [v === null || v === '' ? (cfg.print === 'terse' ? '' : '--') : v])
  const widths = cols.map((_, i) => Math.max(width(titles[i]), ...cells.flatMap((row) => shown(row[i]).map(width))) + 1)
  // A group's own column is left out of a multiline listing, and of a table that selects into it.
  const skip = cols.map((c) => !!c.field.nested && (cfg.multiline || c.sub !== null))
  let out = ''
  let tableWidth = 0
  if (cfg.print === 'pretty' && header) {
    const hw = width(header) + 4
    tableWidth = cfg.multiline ? Math.max(hw, ML_HEADER_WIDTH) : hw
    const line = '='.repeat(cfg.multiline ? ML_HEADER_WIDTH : tableWidth)
    out += `${line}\n${header.padStart(Math.floor((tableWidth + width(header)) / 2))}\n${line}\n`
  }
  if (cfg.print !== 'terse' && !cfg.multiline) {
    const line = cols.flatMap((_, i) => (skip[i] ? [] : [titles[i].padEnd(widths[i])])).join(' ')
    cols.forEach((_, i) => (tableWidth += skip[i] ? 0 : widths[i] + 1))
    out += line + '\n'
    if (cfg.print === 'pretty') out += '-'.repeat(tableWidth) + '\n'
  }
  for (const row of cells) {
    if (cfg.multiline) {
      cols.forEach((_, i) => {
        if (skip[i]) return
        const v = row[i]
        const lines = Array.isArray(v) ? v.map((x, n) => [`${titles[i]}[${n + 1}]:`, x]) : [[`${titles[i]}:`, shown(v)[0]]]
        for (const [prefix, text] of lines) out += (cfg.print === 'terse' ? prefix : prefix.padEnd(ML_VALUE_INDENT)) + text + '\n'
      })
      if (cfg.print === 'pretty') out += '-'.repeat(ML_HEADER_WIDTH) + '\n'
    } else {
      const parts = cols.flatMap((_, i) => {
        if (skip[i]) return []
        const text = shown(row[i])[0]
        if (cfg.print === 'terse') return [cfg.escape ? text.replace(/[:\\]/g, '\\$&') : text]
        return [text.padEnd(widths[i])]
      })
      out += parts.join(cfg.print === 'terse' ? ':' : ' ') + '\n'
    }
  }
  return out
}

/** Screen columns: nmc_string_screen_width counts East Asian wide characters twice. */
function width(s: string): number {
  let n = 0
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return n
}

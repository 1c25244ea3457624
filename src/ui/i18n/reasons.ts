// The trace's reasons in the reader's language: the templates live in src/i18n/reasons.ts, shared
// with the engine's lesson checks.

export { localizeReason, type ReasonLike } from '../../i18n/reasons.ts'

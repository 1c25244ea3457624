// The lessons compiled at build time by the Vite plugin in vite.config.ts: their summaries in the
// bundle, the lessons themselves read on first use (synchronously: the worker's API is).
declare module 'virtual:lvs-lessons' {
  export const summaries: import('../lab/lessons/contract.ts').LessonSummary[]
  export function loadLessons(): import('../lab/lessons/types.ts').Lesson[]
}

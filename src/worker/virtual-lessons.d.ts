// The lessons compiled at build time by the Vite plugin in vite.config.ts.
declare module 'virtual:lvs-lessons' {
  const lessons: import('../lab/lessons/types.ts').Lesson[]
  export default lessons
}

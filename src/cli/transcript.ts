// Running a transcript headless: lab/script.ts runs it (prompts select the host, unfinished input
// continues on the next lines) and returns the session as a terminal shows it.

export { runScript as runTranscript, THINK_TIME } from '../lab/script.ts'

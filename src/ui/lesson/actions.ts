// The panel's file actions: the submission and the progress file go out as downloads, a progress
// file comes in from the learner's disk.

import { i18n } from '../i18n/i18n.svelte.ts'
import type { LessonState } from '../state/lesson.svelte.ts'
import { download, pickText } from './files.ts'

export async function exportSubmission(lesson: LessonState): Promise<void> {
  const text = await lesson.submissionText()
  if (text && lesson.id) download(`${lesson.id}-submission.json`, text)
}

export function exportProgress(lesson: LessonState): void {
  download('lvs-lab-progress.json', lesson.exportProgress())
}

/** A lesson in the file replaces the same lesson here, so a learner with progress is asked first. */
export async function importProgress(lesson: LessonState): Promise<void> {
  if (lesson.store.ids().length && !confirm(i18n.t('lesson.import.confirm'))) return
  const text = await pickText('.json,application/json')
  if (text !== null) await lesson.importProgress(text)
}

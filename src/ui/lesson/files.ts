// Files the lesson panel hands out and takes in: a download made from text or bytes, and the text of a
// file the learner picked. Nothing leaves the browser except through the learner's own save.

export function download(name: string, data: string | Uint8Array<ArrayBuffer>, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Asks for one file and resolves to its text (null if the learner cancelled). */
export function pickText(accept: string): Promise<string | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      resolve(file ? file.text() : null)
    })
    input.addEventListener('cancel', () => resolve(null))
    input.click()
  })
}

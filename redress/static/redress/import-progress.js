// Keeps an import's progress bar moving without reloading; the page works without it.
const box = document.querySelector('[data-import-progress]')
if (box) {
  const bar = document.getElementById('import-progress')
  const status = document.getElementById('import-status')
  const poll = async () => {
    const response = await fetch(box.dataset.importProgress, { headers: { Accept: 'application/json' } })
    if (!response.ok) return
    const state = await response.json()
    if (!state.running) {
      window.location.reload()
      return
    }
    bar.value = state.percent
    bar.textContent = `${state.percent}%`
    status.textContent = `${state.rows_done} of about ${state.rows_total} rows (${state.percent}%).`
    window.setTimeout(poll, 1500)
  }
  window.setTimeout(poll, 1500)
}

// Warns before the online form closes after a long time doing nothing (GOV.UK timeout warning).
// Without JavaScript the form still closes on the server, and the start page says when.
const dialog = document.getElementById('timeout-warning')

if (dialog && typeof dialog.showModal === 'function') {
  const idle = Number(dialog.dataset.idleMinutes) * 60000
  const warn = Number(dialog.dataset.warnMinutes) * 60000
  let warnTimer
  let endTimer

  const restart = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    warnTimer = setTimeout(() => dialog.showModal(), idle - warn)
    endTimer = setTimeout(() => { window.location.href = dialog.dataset.timedOut }, idle)
  }

  const keepGoing = async () => {
    await fetch(dialog.dataset.keepAlive, { credentials: 'same-origin' })
    if (dialog.open) dialog.close()
    restart()
  }

  dialog.querySelector('[data-keep-going]').addEventListener('click', keepGoing)
  // Escape closes the dialog: the person is clearly still there.
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); keepGoing() })
  restart()
}

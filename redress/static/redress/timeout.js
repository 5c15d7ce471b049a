// The GOV.UK timeout warning: a dialog shortly before the online form closes, or a member of
// staff is signed out, after a long time doing nothing. The server ends the session whether or
// not this runs; without JavaScript the next page says why.
const spoken = (seconds) => {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minute${minutes === 1 ? '' : 's'}`
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}

const warnBeforeTimeout = (dialog) => {
  const idle = Number(dialog.dataset.idleMinutes) * 60000
  const warn = Number(dialog.dataset.warnMinutes) * 60000
  const shown = dialog.querySelector('[data-countdown]')
  const live = dialog.querySelector('[data-countdown-spoken]')
  let warnTimer
  let endTimer
  let ticker
  let endsAt

  // The visible countdown changes every second; screen readers hear it when the dialog opens,
  // then each minute and, in the last minute, every 20 seconds, so that it does not talk over
  // everything else.
  const tick = (opening) => {
    const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000))
    shown.textContent = spoken(seconds)
    if (opening || seconds % (seconds > 60 ? 60 : 20) === 0) {
      live.textContent = `We will sign you out in ${spoken(seconds)}.`
    }
  }

  const warnNow = () => {
    dialog.showModal()
    if (shown && live) {
      tick(true)
      ticker = setInterval(tick, 1000)
    }
  }

  const restart = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    clearInterval(ticker)
    endsAt = Date.now() + idle
    warnTimer = setTimeout(warnNow, idle - warn)
    endTimer = setTimeout(() => { window.location.href = dialog.dataset.timedOut }, idle)
  }

  const keepGoing = async () => {
    const response = await fetch(dialog.dataset.keepAlive, { credentials: 'same-origin' })
    // Too late: the session had already ended (asleep laptop, say), and the answer is the
    // page that says why rather than the endpoint's empty 204.
    if (response.status !== 204) {
      window.location.href = dialog.dataset.timedOut
      return
    }
    if (dialog.open) dialog.close()
    restart()
  }

  dialog.querySelector('[data-keep-going]').addEventListener('click', keepGoing)
  // Escape closes the dialog: the person is clearly still there.
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); keepGoing() })
  restart()
}

document.querySelectorAll('dialog.redress-timeout').forEach((dialog) => {
  if (typeof dialog.showModal === 'function') warnBeforeTimeout(dialog)
})

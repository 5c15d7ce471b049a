// Pre-fills "Which annual report counts it" with the chosen service area's default procedure,
// unless the officer has chosen otherwise. Without it, saving unanswered does the same.
const defaults = document.getElementById('area-procedures')
const area = document.getElementById('id_service_area')
if (defaults && area) {
  const procedures = JSON.parse(defaults.textContent)
  const radios = [...document.querySelectorAll('input[name="counted_in"]')]
  const chosen = () => radios.find((radio) => radio.checked)
  // An answer that is the area's default (or no answer) follows the area; any other was chosen.
  const follows = () => !chosen() || chosen().value === (procedures[area.value] || '')
  let following = follows()
  radios.forEach((radio) => radio.addEventListener('change', () => { following = follows() }))
  area.addEventListener('change', () => {
    if (!following) return
    const code = procedures[area.value] || ''
    radios.forEach((radio) => { radio.checked = radio.value === code })
  })
}

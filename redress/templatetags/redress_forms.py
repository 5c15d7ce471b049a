from django import template

register = template.Library()


@register.simple_tag
def govuk_widget(field, css_class: str):
    """Render a field's widget with its GOV.UK class, error state and hint/error links."""
    classes = [css_class, field.field.widget.attrs.get("class", "")]
    if field.errors:
        classes.append(f"{css_class}--error")
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)

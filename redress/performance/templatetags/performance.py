from django import template

register = template.Library()


@register.filter
def shown(value, indicator) -> str:
    """A value in its indicator's unit and decimal places: {{ value|shown:indicator }}."""
    return indicator.show(value)

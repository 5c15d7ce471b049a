"""Every named route in the URL configuration, for the tests that open every page."""

from django.urls import URLPattern, URLResolver, get_resolver


def _parameters(pattern) -> dict:
    # A regular expression's named groups have no converter.
    return {**dict.fromkeys(pattern.regex.groupindex), **pattern.converters}


def named_routes(admin: bool = False) -> dict[str, dict]:
    """`namespace:name` of every named route, with its parameters and their converters; the
    Django admin's only when asked for."""
    found: dict[str, dict] = {}

    def walk(patterns, namespace: str, converters: dict) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if admin or pattern.namespace != "admin":
                    inner = {**converters, **_parameters(pattern.pattern)}
                    walk(pattern.url_patterns, pattern.namespace or namespace, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}:{pattern.name}"] = {**converters, **_parameters(pattern.pattern)}

    walk(get_resolver().url_patterns, "", {})
    return found

"""Nothing Redress answers is kept by a browser or a proxy, only its static files.

Almost every page and download carries personal data: cases, lists, searches, files, letters,
reports, the online form's answers and Track your case. A rule with exceptions per page would
be one forgotten page away from a leak on a shared computer, so every response from a view is
`no-store, private`. The static files never reach this middleware: WhiteNoise, before it in
MIDDLEWARE, answers them with its own long cache."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Merged with what a view set (the admin's never_cache), and replacing any `public`.
        patch_cache_control(response, no_store=True, private=True)
        return response

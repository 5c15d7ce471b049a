"""Who may do what. Views say which role a page needs; object-level checks live on the
querysets (`Representation.objects.visible_to(user)`), so a case a user may not see is a 404."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def _requires(test):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            # 404 rather than 403: do not confirm that a page or case exists.
            if not test(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


case_reader_required = _requires(lambda user: user.can_open_cases)
case_editor_required = _requires(lambda user: user.can_edit_cases)
report_reader_required = _requires(lambda user: user.can_read_reports)
administrator_required = _requires(lambda user: user.can_configure)
ombudsman_handler_required = _requires(lambda user: user.handles_ombudsman)
performance_editor_required = _requires(lambda user: user.can_keep_performance)


ANONYMISED = "{} cannot be changed: its personal details were removed"


def unless_anonymised(view):
    """A case whose personal details were removed (redress/retention) is kept only to be counted:
    pages that change it send the person back to the case, saying why."""

    @wraps(view)
    def wrapped(request, reference, *args, **kwargs):
        from django.contrib import messages
        from django.shortcuts import redirect

        from redress.cases.models import Representation

        visible = Representation.objects.visible_to(request.user).filter(reference=reference)
        if visible.filter(anonymisation__isnull=False).exists():
            messages.error(request, ANONYMISED.format(reference))
            return redirect("cases:detail", reference=reference)
        return view(request, reference, *args, **kwargs)

    return wrapped

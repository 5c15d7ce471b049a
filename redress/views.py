"""View helpers shared by the staff screens."""

from django.contrib import messages
from django.shortcuts import redirect, render


def save_form(request, form, template: str, message: str, next_url: str, context: dict | None = None):
    """Save a valid posted form and go back; otherwise show it with its errors."""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, message.format(saved))
        return redirect(next_url)
    return render(request, template, {"form": form, **(context or {})})

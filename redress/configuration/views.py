"""The council's own settings, kept by its administrators."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from redress.accounts.decorators import administrator_required
from redress.views import save_form

from .forms import CouncilForm, LookupForm, ServiceAreaForm
from .models import NESTED_LISTS, Council, Lookup, LookupList, ServiceArea


@administrator_required
def index(request):
    return render(request, "configuration/index.html", {"lists": LookupList.choices})


@administrator_required
def council(request):
    form = CouncilForm(request.POST or None, request.FILES or None, instance=Council.current())
    return save_form(
        request,
        form,
        "configuration/form.html",
        "Council details saved",
        reverse("configuration:index"),
        {"title": "Council details", "back": reverse("configuration:index"), "upload": True},
    )


def logo(request):
    """The logo, to signed-in staff only: uploads are never served from a public folder."""
    current = Council.current()
    if not request.user.is_authenticated or not current.logo:
        raise Http404
    return FileResponse(current.logo.open("rb"))


def _list_name(list_name: str) -> str:
    if list_name not in LookupList.values:
        raise Http404
    return list_name


@administrator_required
def lookup_list(request, list_name):
    list_name = _list_name(list_name)
    entries = Lookup.objects.of(list_name).select_related("parent")
    ordered = []
    for entry in entries.top_level().order_by("order", "label"):
        ordered.append(entry)
        ordered.extend(sorted(entry.children.all(), key=lambda e: (e.order, e.label)))
    return render(
        request,
        "configuration/lookup_list.html",
        {
            "list_name": list_name,
            "title": LookupList(list_name).label,
            "entries": ordered,
            "nested": list_name in NESTED_LISTS,
        },
    )


@administrator_required
def lookup_edit(request, list_name, pk=None):
    list_name = _list_name(list_name)
    instance = get_object_or_404(Lookup, pk=pk, list_name=list_name) if pk else Lookup(list_name=list_name)
    form = LookupForm(request.POST or None, instance=instance, list_name=list_name)
    title = LookupList(list_name).label
    back = reverse("configuration:list", args=[list_name])
    return save_form(
        request,
        form,
        "configuration/form.html",
        "'{}' saved",
        back,
        {"title": f"{'Edit' if pk else 'Add to'} {title.lower()}", "back": back},
    )


@administrator_required
def service_areas(request):
    return render(request, "configuration/service_areas.html", {"areas": ServiceArea.objects.select_related("manager")})


@administrator_required
def service_area_edit(request, pk=None):
    instance = get_object_or_404(ServiceArea, pk=pk) if pk else ServiceArea()
    form = ServiceAreaForm(request.POST or None, instance=instance)
    back = reverse("configuration:service-areas")
    return save_form(
        request,
        form,
        "configuration/form.html",
        "Service area '{}' saved",
        back,
        {"title": "Edit service area" if pk else "Add a service area", "back": back},
    )

"""The council's own settings, kept by its administrators."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from redress.accounts.decorators import administrator_required
from redress.views import save_form

from .forms import CouncilForm, LookupForm, ServiceAreaForm
from .models import LIST_DESCRIPTIONS, NESTED_LISTS, Council, Lookup, LookupList, ServiceArea, report_procedures


@administrator_required
def index(request):
    lists = [(choice, LIST_DESCRIPTIONS[choice]) for choice in LookupList]
    return render(request, "configuration/index.html", {"lists": lists})


@administrator_required
def council(request):
    # A copy of its own: the form puts what was typed on it before checking it, and the page's
    # header (which shows the council read for this request) names the council as saved.
    current = Council.objects.get(pk=Council.current().pk)
    has_logo = bool(current.logo)  # as saved: the form puts an upload on the instance before checking it
    back = reverse("configuration:index")
    return save_form(
        request,
        CouncilForm(request.POST or None, request.FILES or None, instance=current),
        "configuration/form.html",
        "Council details saved",
        back,
        {"title": "Council details", "back": back, "upload": True, "has_logo": has_logo},
    )


def logo(request):
    """The logo, to signed-in staff only: uploads are never served from a public folder."""
    current = Council.current()
    if not request.user.is_authenticated or not current.logo:
        raise Http404
    return FileResponse(current.logo.open("rb"))


def _list(list_name: str) -> LookupList:
    if list_name not in LookupList.values:
        raise Http404
    return LookupList(list_name)


@administrator_required
def lookup_list(request, list_name):
    chosen = _list(list_name)
    return render(
        request,
        "configuration/lookup_list.html",
        {
            "list": chosen,
            "description": LIST_DESCRIPTIONS[chosen],
            "entries": Lookup.objects.of(chosen).in_list_order(),
            "nested": chosen in NESTED_LISTS,
        },
    )


@administrator_required
def lookup_edit(request, list_name, pk=None):
    chosen = _list(list_name)
    instance = get_object_or_404(Lookup, pk=pk, list_name=chosen) if pk else Lookup(list_name=chosen)
    back = reverse("configuration:list", args=[chosen])
    return save_form(
        request,
        LookupForm(request.POST or None, instance=instance, list_name=chosen),
        "configuration/form.html",
        "'{}' saved",
        back,
        {"title": "Change an entry" if pk else "Add an entry", "caption": chosen.label, "back": back},
    )


@administrator_required
def service_areas(request):
    areas = ServiceArea.objects.select_related("manager", "parent", "default_procedure").in_tree_order()
    counted_in = report_procedures(areas)
    for area in areas:
        area.counted_in, area.counted_in_from_above = counted_in[area.pk]
    return render(request, "configuration/service_areas.html", {"areas": areas})


@administrator_required
def service_area_edit(request, pk=None):
    instance = get_object_or_404(ServiceArea, pk=pk) if pk else ServiceArea()
    back = reverse("configuration:service-areas")
    return save_form(
        request,
        ServiceAreaForm(request.POST or None, instance=instance),
        "configuration/form.html",
        "Service area '{}' saved",
        back,
        {"title": "Change a service area" if pk else "Add a service area", "caption": "Service areas", "back": back},
    )

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("redress.cases.urls")),
    path("feedback/", include("redress.intake.urls")),
    path("track/", include("redress.intake.tracking_urls")),
    path("case-files/", include("redress.intake.staff_urls")),
    path("account/", include("redress.accounts.urls")),
    path("imports/", include("redress.imports.urls")),
    path("learning/", include("redress.learning.urls")),
    path("", include("redress.tasks.urls")),
    path("ombudsman/", include("redress.ombudsman.urls")),
    path("performance/", include("redress.performance.urls")),
    path("letters/", include("redress.correspondence.urls")),
    path("reports/", include("redress.reporting.urls")),
    path("information-requests/", include("redress.information_rights.urls")),
    path("settings/", include("redress.configuration.urls")),
    path("settings/procedures/", include("redress.procedures.urls")),
    path("settings/retention/", include("redress.retention.urls")),
    # The admin's own sign-in would take a password alone: everyone signs in through ours.
    path("django-admin/login/", RedirectView.as_view(pattern_name="accounts:sign-in", query_string=True)),
    path("django-admin/", admin.site.urls),
]

# GOV.UK-style error pages; a database outage on any page answers 503 with Retry-After.
handler404 = "redress.errors.page_not_found"
handler500 = "redress.errors.server_error"

from django.urls import path

from . import views

app_name = "correspondence"
urlpatterns = [
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("cases/<str:reference>/new/", views.new_letter, name="new"),
    path("cases/<str:reference>/<int:pk>/", views.letter, name="letter"),
    path("cases/<str:reference>/<int:pk>/edit/", views.edit, name="edit"),
    path("cases/<str:reference>/<int:pk>/submit/", views.submit, name="submit"),
    path("cases/<str:reference>/<int:pk>/check/", views.review, name="review"),
    path("cases/<str:reference>/<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/<slug:format>/", views.download, name="download"),
]

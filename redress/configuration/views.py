from django.shortcuts import render

from redress.accounts.decorators import administrator_required


@administrator_required
def index(request):
    return render(request, "configuration/index.html")

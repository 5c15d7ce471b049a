from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from redress.views import save_form

from .decorators import administrator_required
from .forms import SignInForm, StaffForm
from .models import User


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@administrator_required
def staff(request):
    return render(request, "accounts/staff.html", {"people": User.objects.order_by("-is_active", "first_name")})


@administrator_required
def staff_edit(request, pk=None):
    person = get_object_or_404(User, pk=pk) if pk else User()
    form = StaffForm(request.POST or None, instance=person, editor=request.user)
    back = reverse("accounts:staff")
    if pk:
        title, caption = "Change a staff account", f"{person} ({person.username})"
    else:
        title, caption = "Add a member of staff", "Staff accounts"
    context = {"title": title, "caption": caption, "back": back, "person": person}
    return save_form(request, form, "accounts/staff_form.html", "{} saved", back, context)

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice

from redress.views import save_form

from . import handover, oidc, two_factor
from .decorators import administrator_required
from .forms import CodeForm, HandoverForm, SignInForm, StaffForm
from .models import User


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        council_sign_in = settings.OIDC_PROVIDER_NAME if oidc.is_configured() else ""
        return super().get_context_data(council_sign_in=council_sign_in, **kwargs)

    def form_valid(self, form):
        """The password is right: on to the code, or to setting up the app; nobody is signed in yet."""
        user = form.get_user()
        two_factor.begin_sign_in(self.request, user, self.get_success_url())
        return redirect("accounts:sign-in-code" if two_factor.is_set_up(user) else "accounts:sign-in-set-up")


def _sign_in_again(request):
    messages.info(request, "Your sign-in timed out. Enter your user name and password again.")
    return redirect("accounts:sign-in")


@never_cache
def sign_in_code(request):
    user = two_factor.pending_user(request)
    if user is None:
        return _sign_in_again(request)
    if not two_factor.is_set_up(user):
        return redirect("accounts:sign-in-set-up")
    form = CodeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        next_url = two_factor.finish_sign_in(request, user)
        if isinstance(form.accepted_by, StaticDevice):
            left = two_factor.recovery_codes_left(user)
            messages.info(request, f"You used a recovery code. You have {left} left.")
        return redirect(next_url)
    return render(request, "accounts/sign_in_code.html", {"form": form})


@never_cache
def sign_in_set_up(request):
    """Setting up an authenticator app, at the first sign-in (or the first after a reset)."""
    user = two_factor.pending_user(request)
    if user is None:
        return _sign_in_again(request)
    if two_factor.is_set_up(user):
        # A password alone never replaces the app someone already has.
        return redirect("accounts:sign-in-code")
    device = two_factor.start_set_up(user)
    form = CodeForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_set_up(device, by=user)
        next_url = two_factor.finish_sign_in(request, user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url, "set_up": True})
    context = {"form": form, "qr_code": two_factor.qr_code(device), "secret_key": two_factor.secret_key(device)}
    return render(request, "accounts/sign_in_set_up.html", context)


@login_required
@never_cache
def own_two_factor(request):
    """Someone's own two-factor authentication: recovery codes left, and new ones."""
    device = two_factor.authenticator(request.user)
    form = CodeForm(request.POST or None, user=request.user, recovery=False) if device else None
    if form and request.method == "POST" and form.is_valid():
        codes = two_factor.new_recovery_codes(request.user, by=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:two-factor")})
    context = {
        "device": device,
        "form": form,
        "codes_left": two_factor.recovery_codes_left(request.user),
        "codes_given": two_factor.RECOVERY_CODES,
    }
    return render(request, "accounts/two_factor.html", context)


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
    if pk:
        context["two_factor_set_up"] = two_factor.is_set_up(person)
    return save_form(request, form, "accounts/staff_form.html", "{} saved", back, context)


@administrator_required
def staff_reset_two_factor(request, pk):
    """For someone who has lost their phone: they set up a new app at their next sign-in."""
    person = get_object_or_404(User, pk=pk)
    back = reverse("accounts:staff-edit", args=[pk])
    if request.method == "POST":
        two_factor.reset(person, by=request.user)
        messages.success(request, f"Two-factor authentication reset: {person} sets it up again at their next sign-in")
        return redirect(back)
    return render(request, "accounts/reset_two_factor.html", {"person": person, "back": back})


@administrator_required
def staff_hand_over(request, pk):
    """Hand over a leaver's open work and switch their account off: choose who takes it, then
    confirm on a page that says how much moves."""
    person = get_object_or_404(User, pk=pk, is_active=True)
    back = reverse("accounts:staff-edit", args=[pk])
    if person == request.user:
        messages.error(request, "You cannot switch off your own account")
        return redirect(back)
    work = handover.OpenWork.of(person)
    form = HandoverForm(request.POST or None, person=person, work=work)
    context = {"person": person, "back": back, "form": form, "counts": work.counts()}
    if request.method == "POST" and form.is_valid():
        receiver = form.cleaned_data["receiver"]
        if not form.cleaned_data["confirmed"]:
            return render(request, "accounts/hand_over_confirm.html", {**context, "receiver": receiver})
        try:
            counts = handover.hand_over(person, receiver, by=request.user)
        except ValidationError as error:  # their work changed since the choice was checked
            form.add_error("receiver", error)
            return render(request, "accounts/hand_over.html", context)
        moved = handover.summary(counts)
        messages.success(request, f"{person}'s work went to {receiver} ({moved}) and their account is switched off")
        return redirect("accounts:staff")
    return render(request, "accounts/hand_over.html", context)

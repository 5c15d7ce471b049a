"""What a person's authenticator app does, for tests: codes from the key it was given."""

import base64
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_from_key(secret_key: str) -> str:
    """The code an app shows now for the key typed from the set-up page ("ABCD EFGH ...")."""
    return _code(TOTP(base64.b32decode(secret_key.replace(" ", ""))))


def next_code(device: TOTPDevice) -> str:
    """A code the device has not yet accepted. Each code works once: after one has been used in
    these 30 seconds, the next step's (the device takes one step either side of now)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return _code(totp)


def _code(totp: TOTP) -> str:
    return f"{totp.token():06d}"


def give_authenticator(user) -> TOTPDevice:
    """Someone who set up their app at an earlier sign-in."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def sign_in_with_code(client, username: str, password: str):
    """Both steps of signing in, with an app set up beforehand when the person has none yet."""
    from redress.accounts.models import User

    client.post("/account/sign-in/", {"username": username, "password": password})
    user = User.objects.filter(username=username).first()
    device = user and (TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_authenticator(user))
    return client.post("/account/sign-in/code/", {"code": next_code(device) if device else ""})

"""The defaults every test council starts with."""


def restore_council_defaults() -> None:
    """Migrations create them, but a transactional test empties the database when it ends."""
    from django.apps import apps

    from redress.configuration.defaults import seed
    from redress.correspondence.defaults import seed as seed_letters
    from redress.correspondence.models import LetterTemplate
    from redress.performance.catalogue import seed as seed_indicators
    from redress.performance.models import Indicator
    from redress.procedures.models import Procedure

    if not Procedure.objects.exists():
        seed(apps)
    if not LetterTemplate.objects.exists():
        seed_letters(apps)
    if not Indicator.objects.exists():
        seed_indicators(apps)

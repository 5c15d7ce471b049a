from .models import Council


def council(request):
    """The council's name in every page's header."""
    return {"council": Council.current()}

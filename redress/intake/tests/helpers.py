"""Filling in the online form with the test client, page by page, as a browser would."""

from django.core.files.uploadedfile import SimpleUploadedFile

from redress.configuration.models import Lookup, LookupList

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def lookup(list_name: str, label: str) -> str:
    return str(Lookup.objects.get(list_name=list_name, label=label).pk)


def daughter_for_mother() -> dict:
    """Answers by page: a daughter complaining about her mother's care at home."""
    return {
        "what": {"kind": "complaint"},
        "service": {"service": "adult"},
        "who": {"who": "someone_else"},
        "their-name": {"first_name": "Margaret", "last_name": "Hughes"},
        "relationship": {"relationship": lookup(LookupList.RELATIONSHIP, "Son/Daughter")},
        "consent": {"consent": "given"},
        "advocate": {"advocate": "no"},
        "your-details": {
            "first_name": "Susan",
            "last_name": "Hughes",
            "email": "susan.hughes@example.com",
            "phone": "07700 900982",
            "address": "12 Mill Lane, Northbridge",
            "postcode": "nb1 2ab",
        },
        "contact": {"preferred": "email"},
        "support": {"needs": "Large print letters please", "language": ""},
        "what-happened": {"what_happened": "Carers missed four morning visits in March and Mum went without food."},
        "outcome": {"outcome": "An apology and a reliable rota."},
        "equality": {"answer": "yes"},
        "equality-sex": {"sex": "female"},
        "equality-age": {"age": "84"},
        "equality-ethnicity": {"ethnicity": lookup(LookupList.ETHNICITY, "Irish")},
        "equality-disability": {"disability": "yes"},
    }


def fill_in(client, answers: dict, files: list[tuple[str, bytes]] = (), young: bool = False):
    """Answer every page the form shows, following its redirects; returns the last response
    (Check your answers)."""
    response = client.get(f"/feedback/what/?young={int(young)}")
    assert response.status_code == 200
    path = "/feedback/what/"
    for _ in range(30):
        if path == "/feedback/check-your-answers/":
            return client.get(path)
        if path == "/feedback/documents/":
            for name, content in files:
                upload = SimpleUploadedFile(name, content)
                response = client.post(path, {"file": upload, "upload": "1"})
                assert response.status_code == 302, response.content.decode()[:2000]
            response = client.post(path, {})
        else:
            slug = path.strip("/").split("/")[-1]
            response = client.post(path, answers.get(slug, {}))
        assert response.status_code == 302, f"{path}: {response.content.decode()[:3000]}"
        path = response.url
    raise AssertionError("The form never reached Check your answers")

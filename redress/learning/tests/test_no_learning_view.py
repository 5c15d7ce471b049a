from redress.cases.models import Outcome
from redress.learning.models import LearningDecision
from redress.learning.rules import closure_blockers


def test_complaints_officer_records_why_there_is_no_learning(client, officer, make_case):
    case = make_case(outcome=Outcome.UPHELD)
    client.force_login(officer)
    assert client.get(f"/learning/cases/{case.reference}/no-learning/").status_code == 200

    response = client.post(
        f"/learning/cases/{case.reference}/no-learning/", {"no_learning_reason": "Provider's one-off error"}
    )

    assert response.url == case.get_absolute_url()
    decision = LearningDecision.objects.get(case=case)
    assert (decision.no_learning_reason, decision.recorded_by) == ("Provider's one-off error", officer)
    assert closure_blockers(case) == []


def test_reason_cannot_be_blank(client, officer, make_case):
    case = make_case(outcome=Outcome.UPHELD)
    client.force_login(officer)
    response = client.post(f"/learning/cases/{case.reference}/no-learning/", {"no_learning_reason": ""})
    assert "Enter why there is no learning action" in response.content.decode()
    assert not LearningDecision.objects.exists()


def test_investigating_officer_cannot_record_the_reason(client, investigator, make_case):
    case = make_case(outcome=Outcome.UPHELD, investigating_officer=investigator)
    client.force_login(investigator)
    response = client.post(f"/learning/cases/{case.reference}/no-learning/", {"no_learning_reason": "None"})
    assert response.status_code == 404
    assert not LearningDecision.objects.exists()

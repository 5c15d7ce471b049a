"""The online form's questions, one per page, and which of them apply to whom.

Each page is a Django form; its answers are kept in the draft as plain JSON. A page applies or
not from the answers given so far, so going back and changing an answer changes the route."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from redress.cases.models import Consent, Sex, YesNo
from redress.configuration.models import Lookup, LookupList
from redress.forms import NamedErrors, PostcodeField

TEXT_LIMIT = 10000
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


class QuestionForm(NamedErrors, forms.Form):
    """A page of the online form. `heading_field` is the question that is the page's heading;
    `young` switches to the plain-language wording of the children and young people's form."""

    heading_field = ""
    young_labels: dict[str, str] = {}
    own_labels: dict[str, str] = {}  # for a person telling us about themselves

    def __init__(self, *args, young: bool = False, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.young = young
        self.answers = answers or {}
        if not about_someone_else(self.answers):
            for name, label in self.own_labels.items():
                self.fields[name].label = label
        if young:
            for name, label in self.young_labels.items():
                self.fields[name].label = label


def _choice(label, choices, **kwargs) -> forms.ChoiceField:
    kwargs.setdefault("error_messages", {"required": kwargs.pop("required_message", _("Select an answer"))})
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def _text(label, required_message=None, rows=8, **kwargs) -> forms.CharField:
    messages = {"max_length": _("Your answer must be %(limit_value)d characters or fewer")}
    if required_message:
        messages["required"] = required_message
    kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    return forms.CharField(
        label=label, max_length=TEXT_LIMIT, required=bool(required_message), error_messages=messages, **kwargs
    )


def _line(label, max_length=100, required_message=None, **kwargs) -> forms.CharField:
    messages = {"max_length": _("Your answer must be %(limit_value)d characters or fewer")}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label, max_length=max_length, required=bool(required_message), error_messages=messages, **kwargs
    )


class WhatForm(QuestionForm):
    heading_field = "kind"
    kind = _choice(
        _("What would you like to do?"),
        [
            ("complaint", _("Make a complaint")),
            ("compliment", _("Give a compliment")),
            ("comment", _("Make a comment or suggestion")),
        ],
        required_message=_("Select what you would like to do"),
    )
    young_labels = {"kind": _("What do you want to do?")}


class ServiceForm(QuestionForm):
    heading_field = "service"
    service = _choice(
        _("Which service is it about?"),
        [
            ("adult", _("Adult social care, such as care at home, a care home or a carer's assessment")),
            ("children", _("Children's social care, such as a social worker, foster care or leaving care")),
            ("corporate", _("Another council service")),
        ],
        required_message=_("Select which service it is about"),
    )
    young_labels = {"service": _("Who is it about?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.young:
            self.fields["service"].choices = [
                ("children", _("My social worker, foster carer, children's home or leaving care worker")),
                ("adult", _("Help for an adult, like a parent I care for")),
                ("corporate", _("Something else the council does")),
            ]


class WhoForm(QuestionForm):
    heading_field = "who"
    who = _choice(
        _("Who are you contacting us about?"),
        [("myself", _("Myself")), ("someone_else", _("Someone else, such as a relative or someone I support"))],
        required_message=_("Select who you are contacting us about"),
    )
    young_labels = {"who": _("Is it about you or someone else?")}


class TheirNameForm(QuestionForm):
    first_name = _line(_("Their first name"), required_message=_("Enter their first name"))
    last_name = _line(_("Their last name"), required_message=_("Enter their last name"))


class RelationshipForm(QuestionForm):
    heading_field = "relationship"
    relationship = _choice(_("How do you know them?"), [], required_message=_("Select how you know the person"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Lookup.objects.of(LookupList.RELATIONSHIP).active().top_level().exclude(label__iexact="Service user")
        self.fields["relationship"].choices = [(str(lookup.pk), lookup.label) for lookup in choices.in_list_order()]


class ConsentForm(QuestionForm):
    heading_field = "consent"
    consent = _choice(
        _("Do they agree to you contacting us for them?"),
        [
            (Consent.GIVEN, _("Yes, they agree")),
            (Consent.AWAITED, _("I have not asked them yet")),
            (Consent.CANNOT_GIVE, _("They cannot agree")),
        ],
        required_message=_("Select whether they agree"),
        help_text=_("We need their agreement to share their information with you, unless they cannot give it."),
    )
    reason = _text(_("If they cannot agree, tell us why"), help_text=_("For example, they lack capacity or have died."))

    def clean(self):
        data = super().clean()
        if data.get("consent") == Consent.CANNOT_GIVE and not data.get("reason", "").strip():
            self.add_error("reason", _("Tell us why they cannot agree"))
        return data


class AdvocateForm(QuestionForm):
    """Every complaint, adult or young person's, is offered an advocate, as both start pages say."""

    heading_field = "advocate"
    advocate = _choice(
        _("Would you like an advocate to help you?"),
        [
            ("wanted", _("Yes, please find me an advocate")),
            ("has_one", _("I already have an advocate")),
            ("no", _("No, thank you")),
        ],
        required_message=_("Select if you would like an advocate"),
        help_text=_(
            "An advocate is an independent person who can help you make your complaint or speak for you. "
            "They do not work for the council, and it is free."
        ),
    )
    details = _text(_("If you already have an advocate, tell us their name and how to contact them"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.young:
            self.fields["advocate"].help_text = _(
                "An advocate is someone who is on your side. They can help you say what you want to say. "
                "They do not work for children's social care, and it is free."
            )


class YourDetailsForm(QuestionForm):
    first_name = _line(_("First name"), required_message=_("Enter your first name"))
    last_name = _line(_("Last name"), required_message=_("Enter your last name"))
    email = _line(
        _("Email address"),
        max_length=254,
        help_text=_("We will send your reference number here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = _line(
        _("Phone number"), max_length=20, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    address = _text(_("Postal address"), widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}))
    postcode = PostcodeField(label=_("Postcode"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Enter an email address in the correct format, like name@example.com")
                ) from None
        return email

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a telephone number, like 01632 960 001 or 07700 900 982"))
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("email") or data.get("phone") or data.get("address", "").strip()):
            self.add_error("email", _("Enter an email address, phone number or postal address so we can reply"))
        return data


class ContactForm(QuestionForm):
    heading_field = "preferred"
    preferred = _choice(
        _("How would you like us to contact you?"),
        [("email", _("Email")), ("phone", _("Phone")), ("letter", _("Letter"))],
        required_message=_("Select how you would like us to contact you"),
    )
    needed = {"email": "email", "phone": "phone", "letter": "address"}

    def clean_preferred(self):
        preferred = self.cleaned_data["preferred"]
        details = self.answers.get("your-details", {})
        if not str(details.get(self.needed[preferred], "")).strip():
            missing = {"email": _("an email address"), "phone": _("a phone number"), "letter": _("a postal address")}
            raise forms.ValidationError(
                _("You have not given us %(what)s. Choose another way, or go back and add it.")
                % {"what": missing[preferred]}
            )
        return preferred


class SupportForm(QuestionForm):
    needs = _text(
        _("Do you need any help to contact us or to take part?"),
        help_text=_("For example, large print, easy read, a British Sign Language interpreter, or someone with you."),
    )
    language = _line(_("Which language would you like us to use?"), help_text=_("Leave blank for English."))
    young_labels = {"needs": _("Is there anything that would help you talk to us?")}


class WhatHappenedForm(QuestionForm):
    heading_field = "what_happened"
    what_happened = _text(
        _("What happened?"),
        required_message=_("Tell us what happened"),
        help_text=_("Include dates, places and the names of staff if you know them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["what_happened"]
        kind = self.answers.get("what", {}).get("kind")
        if kind == "compliment":
            field.label, field.help_text = (
                _("What would you like to tell us?"),
                _("Tell us who helped and what they did."),
            )
            field.error_messages["required"] = _("Tell us about your compliment")
        elif kind == "comment":
            field.label, field.help_text = _("What is your comment or suggestion?"), ""
            field.error_messages["required"] = _("Enter your comment or suggestion")
        elif self.young:
            field.label = _("What happened? Tell us in your own words.")


class StaffForm(QuestionForm):
    heading_field = "staff_named"
    staff_named = _line(
        _("Would you like to name the staff who helped? (optional)"),
        max_length=300,
        help_text=_("We will pass your thanks on to them and their manager."),
    )


class OutcomeForm(QuestionForm):
    heading_field = "outcome"
    outcome = _text(
        _("What would you like to happen?"),
        required_message=_("Tell us what you would like to happen"),
        help_text=_("For example, an apology, an explanation, a change to a care plan, or a decision looked at again."),
    )
    young_labels = {"outcome": _("What would make things better for you?")}


class EqualityForm(QuestionForm):
    heading_field = "answer"
    answer = _choice(
        _("Would you like to answer some questions to help us treat everyone fairly? (optional)"),
        [("yes", _("Yes")), ("no", _("No, skip these questions"))],
        required_message=_("Select yes if you would like to answer the questions"),
        help_text=_(
            "We ask about sex, age, ethnicity and disability to check our services are fair. Your answers "
            "do not change how we handle what you tell us. You can choose 'Prefer not to say' for any question."
        ),
    )


class SexForm(QuestionForm):
    heading_field = "sex"
    sex = _choice(
        _("What is their sex?"),
        [
            (Sex.FEMALE, _("Female")),
            (Sex.MALE, _("Male")),
            (Sex.OTHER, _("Other")),
            (Sex.PREFER_NOT_TO_SAY, _("Prefer not to say")),
        ],
        required=False,
    )
    own_labels = {"sex": _("What is your sex?")}


class AgeForm(QuestionForm):
    age = forms.IntegerField(
        label=_("How old are they?"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Age must be a number, like 42"),
            "min_value": _("Age must be 0 or more"),
            "max_value": _("Age must be 120 or less"),
        },
    )
    prefer_not = forms.BooleanField(label=_("Prefer not to say"), required=False)
    own_labels = {"age": _("How old are you?")}

    def clean(self):
        data = super().clean()
        if data.get("age") is not None and data.get("prefer_not"):
            self.add_error("age", _("Enter an age or select 'Prefer not to say', not both"))
        return data


class EthnicityForm(QuestionForm):
    heading_field = "ethnicity"
    ethnicity = _choice(_("What is their ethnic group?"), [], required=False)
    own_labels = {"ethnicity": _("What is your ethnic group?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entries = Lookup.objects.of(LookupList.ETHNICITY).active().in_list_order()
        groups = {entry.parent_id for entry in entries}
        # Census groups with members are headings, not answers; "Prefer not to say" has none.
        self.fields["ethnicity"].choices = [(str(e.pk), e.group_label) for e in entries if e.pk not in groups]


class DisabilityForm(QuestionForm):
    heading_field = "disability"
    disability = _choice(
        _("Do they have a disability?"),
        [(YesNo.YES, _("Yes")), (YesNo.NO, _("No")), (YesNo.PREFER_NOT_TO_SAY, _("Prefer not to say"))],
        required=False,
        help_text=_("A physical or mental condition that has a big effect on day-to-day life, and lasts a long time."),
    )
    own_labels = {"disability": _("Do you have a disability?")}


@dataclass(frozen=True)
class Question:
    slug: str
    title: str  # shown as the page heading when the page has several fields, and on Check your answers
    form: type[QuestionForm] | None  # None: the documents page, which has its own view
    applies: Callable[[dict], bool] = lambda answers: True


KIND_NAMES = {"complaint": _("complaint"), "compliment": _("compliment"), "comment": _("comment")}


def kind(answers: dict) -> str:
    return answers.get("what", {}).get("kind", "")


def about_someone_else(answers: dict) -> bool:
    return kind(answers) != "compliment" and answers.get("who", {}).get("who") == "someone_else"


def wants_equality(answers: dict) -> bool:
    return kind(answers) != "compliment" and answers.get("equality", {}).get("answer") == "yes"


QUESTIONS = [
    Question("what", _("What would you like to do?"), WhatForm),
    Question("service", _("Which service is it about?"), ServiceForm),
    Question("who", _("Who are you contacting us about?"), WhoForm, lambda a: kind(a) != "compliment"),
    Question("their-name", _("Who are you contacting us for?"), TheirNameForm, about_someone_else),
    Question("relationship", _("How do you know them?"), RelationshipForm, about_someone_else),
    Question("consent", _("Do they agree?"), ConsentForm, lambda a: about_someone_else(a) and kind(a) == "complaint"),
    Question("advocate", _("An advocate"), AdvocateForm, lambda a: kind(a) == "complaint"),
    Question("your-details", _("Your details"), YourDetailsForm),
    Question("contact", _("How would you like us to contact you?"), ContactForm),
    Question("support", _("Help to contact us"), SupportForm),
    Question("what-happened", _("What happened?"), WhatHappenedForm),
    Question("staff", _("Staff who helped"), StaffForm, lambda a: kind(a) == "compliment"),
    Question("outcome", _("What would you like to happen?"), OutcomeForm, lambda a: kind(a) == "complaint"),
    Question("documents", _("Documents and photos"), None),
    Question("equality", _("Equality questions"), EqualityForm, lambda a: kind(a) != "compliment"),
    Question("equality-sex", _("Sex"), SexForm, wants_equality),
    Question("equality-age", _("Age"), AgeForm, wants_equality),
    Question("equality-ethnicity", _("Ethnic group"), EthnicityForm, wants_equality),
    Question("equality-disability", _("Disability"), DisabilityForm, wants_equality),
]
BY_SLUG = {question.slug: question for question in QUESTIONS}


def route(answers: dict) -> list[Question]:
    """The pages this person sees, in order, given their answers so far."""
    return [question for question in QUESTIONS if question.applies(answers)]


def current_answers(answers: dict) -> dict:
    """The answers to pages still on the route: an answer left behind by going back and taking
    another route (say, about someone else, then about myself) does not count."""
    pages = {question.slug for question in route(answers)}
    return {slug: answer for slug, answer in answers.items() if slug in pages or slug.startswith("_")}

"""What a new council starts with: the statutory procedures and the standard lists.

Timescales follow docs/procedures.md; every council can change them afterwards.
"""

PROCEDURES = [
    {
        "code": "adult",
        "name": "Adult social care",
        "green_days": 10,
        "amber_days": 20,
        "red_days": 65,
        "six_month_limit": True,
        "reference_prefix": "ASC",
        "acknowledgement_days": 3,
        "description": (
            "Complaints about adult social care follow the Local Authority Social Services and National "
            "Health Service Complaints (England) Regulations 2009. We acknowledge a complaint within 3 "
            "working days and offer to discuss how it will be handled. There is one local stage: we agree "
            "a response time with the complainant and respond in writing within six months at most. If "
            "they remain unhappy they may go to the Local Government and Social Care Ombudsman."
        ),
        # Internal target 20 working days; the Regulations' limit is six months unless agreed.
        "stages": [
            {
                "number": 1,
                "name": "Local resolution",
                "target_days": 20,
                "extended_days": 130,
                "counted_from": "received",
            }
        ],
    },
    {
        "code": "children",
        "name": "Children's social care",
        "reference_prefix": "CSC",
        "acknowledgement_days": 3,
        "description": (
            "Complaints about children's social care follow the Children Act 1989 Representations "
            "Procedure (England) Regulations 2006. Stage 1 is local resolution within 10 working days "
            "(up to 20 when complex); stage 2 is an investigation by an Investigating Officer with an "
            "Independent Person within 25 working days (up to 65); stage 3 is a review panel of three "
            "independent people. We offer an advocate to every child or young person who complains."
        ),
        "stages": [
            {
                "number": 1,
                "name": "Local resolution",
                "target_days": 10,
                "extended_days": 20,
                "counted_from": "received",
            },
            {
                "number": 2,
                "name": "Investigation",
                "target_days": 25,
                "extended_days": 65,
                "counted_from": "requested",
                "request_within_days": 20,
            },
            # Children Act 1989 procedure: panel within 30 working days of the request.
            {
                "number": 3,
                "name": "Review panel",
                "target_days": 30,
                "extended_days": None,
                "counted_from": "requested",
                "request_within_days": 20,
            },
        ],
    },
    {
        "code": "corporate",
        "name": "Corporate",
        "reference_prefix": "CORP",
        "acknowledgement_days": 5,
        "description": (
            "Other complaints follow our corporate procedure, which meets the Local Government and Social "
            "Care Ombudsman's Complaint Handling Code. Stage 1: we acknowledge within 5 working days and "
            "respond within 10 working days of the acknowledgement. Stage 2, if asked for: a different "
            "officer responds within 20 working days of acknowledging the request."
        ),
        "stages": [
            {
                "number": 1,
                "name": "Stage 1",
                "target_days": 10,
                "extended_days": 20,
                "counted_from": "acknowledged",
            },
            {
                "number": 2,
                "name": "Stage 2",
                "target_days": 20,
                "extended_days": 40,
                "counted_from": "acknowledged",
            },
        ],
    },
]

# ONS 2021 census ethnic groups for England: 19 categories in 5 groups.
ETHNICITIES = {
    "Asian or Asian British": ["Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian"],
    "Black, Black British, Caribbean or African": ["African", "Caribbean", "Other Black"],
    "Mixed or Multiple": [
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Other Mixed",
    ],
    "White": [
        "English, Welsh, Scottish, Northern Irish or British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Roma",
        "Other White",
    ],
    "Other ethnic group": ["Arab", "Any other ethnic group"],
    # Not a census category: recorded so that a refusal differs from "not known" (blank).
    "Prefer not to say": [],
}

PRIMARY_SUPPORT_REASONS = {
    "Physical support": ["Access and mobility only", "Personal care support"],
    "Sensory support": [
        "Support for visual impairment",
        "Support for hearing impairment",
        "Support for dual impairment",
    ],
    "Support with memory and cognition": [],
    "Learning disability support": [],
    "Mental health support": [],
    "Social support": [
        "Substance misuse support",
        "Asylum seeker support",
        "Support for social isolation/other",
    ],
}

LISTS = {
    "method": ["Email", "Telephone", "Letter", "Online form", "In person"],
    "point_of_receipt": [
        "Complaints Team",
        "Customer Services",
        "Service team",
        "Councillor",
        "MP",
        "Chief Executive",
        "Ombudsman referral",
    ],
    "relationship": [
        "Service user",
        "Son/Daughter",
        "Parent",
        "Spouse/Partner",
        "Other relative",
        "Friend or neighbour",
        "Advocacy service",
        "Carer",
        "Professional",
        "Councillor or MP",
    ],
    "compliment_theme": [
        "Kindness and compassion",
        "Communication",
        "Going the extra mile",
        "Quality of care",
        "Timeliness",
        "Professionalism",
    ],
    "remedy_type": [
        "Apology",
        "Explanation",
        "Reassessment or review",
        "Change of worker",
        "Service provided or changed",
        "Refund",
        "Waived charges",
        "Financial remedy",
        "Good-will payment",
        "Other",
    ],
}

CONCERN_CATEGORIES = {
    "Standard of Service": [
        "Delay in receiving service",
        "Lack of/access to/eligibility for service",
        "Service level/care plan dispute",
        "Quality of care",
    ],
    "Communication": ["Attitude of staff", "Method/quality of communication", "Information not provided"],
    "Financial issues": ["Charging", "Direct payments"],
    "Protection": [],
    "Environment/property": [],
    "Policy or decision": [],
}


# Complaints about the council's other services, in the Ombudsman's service categories, so that
# bins are not filed under direct payments.
CORPORATE_CONCERN_CATEGORIES = {
    "Benefits and tax": ["Council tax", "Housing benefit and council tax reduction", "Business rates"],
    "Environmental services": ["Waste and recycling", "Noise and nuisance", "Street cleaning"],
    "Highways and transport": ["Roads and pavements", "Parking", "Street lighting"],
    "Housing": ["Allocations", "Homelessness", "Repairs"],
    "Planning and development": ["Planning applications", "Enforcement"],
    "Customer service": ["Staff conduct", "Delay in responding", "Wrong or missing information"],
    "Council policy or decision": [],
}


def seed(apps) -> None:
    """Create the defaults if they are missing. Safe to run again: nothing is overwritten."""
    Procedure = apps.get_model("procedures", "Procedure")
    Stage = apps.get_model("procedures", "Stage")
    Lookup = apps.get_model("configuration", "Lookup")
    Council = apps.get_model("configuration", "Council")

    if not Council.objects.exists():
        Council.objects.create()
    # Older migrations call this with historical models that lack later fields.
    known = {f.name for f in Procedure._meta.get_fields()}
    for spec in PROCEDURES:
        spec = {k: v for k, v in spec.items() if k in known or k == "stages"}
        stages = spec.pop("stages")
        procedure, created = Procedure.objects.get_or_create(code=spec["code"], defaults=spec)
        if created:
            for stage in stages:
                Stage.objects.create(procedure=procedure, **stage)

    def add(list_name, label, order, parent=None):
        entry, _ = Lookup.objects.get_or_create(
            list_name=list_name, label=label, parent=parent, defaults={"order": order}
        )
        return entry

    for list_name, labels in LISTS.items():
        for order, label in enumerate(labels):
            add(list_name, label, order)
    for list_name, tree in [
        ("ethnicity", ETHNICITIES),
        ("primary_support_reason", PRIMARY_SUPPORT_REASONS),
        ("concern_category", CONCERN_CATEGORIES),
        ("corporate_concern_category", CORPORATE_CONCERN_CATEGORIES),
    ]:
        for order, (group, children) in enumerate(tree.items()):
            parent = add(list_name, group, order)
            for child_order, label in enumerate(children):
                add(list_name, label, child_order, parent)

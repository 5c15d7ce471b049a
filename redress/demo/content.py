"""The invented words of the demonstration council: places, names, and what people said.

Every name is made up. Weights are relative: a larger number is picked more often.
"""

COUNCIL = {
    "name": "Northbridge City Council",
    # RFC 2606 reserves .example; 0117 496 0xxx is an Ofcom number set aside for drama.
    "complaints_email": "complaints@northbridge.example",
    "complaints_phone": "0117 496 0418",
}
MONITORING_OFFICER_EMAIL = "monitoring.officer@northbridge.example"
# A plausible starting level for each performance indicator, and the denominator its figures
# are counted from (people surveyed, population, people in long-term support).
PERFORMANCE_BASES = {
    "1A": (19.1, 0), "1B": (0.415, 0), "1C": (7.4, 0), "1D": (64.0, 0), "1E": (35.0, 0),
    "1E (previous framework)": (3.1, 720), "2A": (76.0, 1240), "2B": (16.0, 231000), "2C": (560.0, 58600),
    "2D part 1": (82.0, 310), "2D part 2": (4.0, 7800), "2E": (81.0, 3900), "3A": (76.0, 0), "3B": (64.0, 0),
    "3C part 1": (67.0, 0), "3C part 2": (58.0, 0), "3D part 1a": (96.0, 3900), "3D part 1b": (88.0, 640),
    "3D part 2a": (27.0, 3900), "3D part 2b": (74.0, 640), "4A": (70.0, 0), "4B": (90.0, 880),
    "4B (previous framework)": (86.0, 0), "5A part 1": (44.0, 0), "5A part 2": (28.0, 0), "6A": (27.0, 0),
    "6B": (78.0, 170), "6B outstanding": (4.0, 170), "6B good": (74.0, 170), "6B other": (18.0, 170),
    "6B not yet rated": (4.0, 170), "L1": (62.0, 2900), "L2": (28.0, 0), "L3": (340.0, 0), "L4": (4200.0, 0),
    "L5": (1150.0, 0), "L6": (27.0, 4200),
}  # fmt: skip
PERFORMANCE_COMMENTARY = {
    "2C": "Admissions of older people to care homes are higher than planned. The service is reviewing every "
    "placement decision at panel, and extra reablement capacity starts next quarter.",
    "L2": "Waiting times have fallen since two agency social workers joined the assessment team in July.",
    "L1": "Reviews are behind the profile needed to reach the target; a review sprint is planned for the winter.",
}
# The measures the summary of key changes names, and those the council projects to the end of
# the year itself rather than scaling up the year so far.
PERFORMANCE_HIGHLIGHTS = {"2C", "L2"}
PERFORMANCE_ESTIMATED = {"2B", "2C"}
PERFORMANCE_KEY_CHANGES = (
    "The new adult social care front door opened in the quarter, so more people are helped with information "
    "and advice at first contact and fewer wait for an assessment."
)
PERFORMANCE_ENGAGEMENT = "\n".join(
    [
        "## Carers' forum",
        "Forty-two carers came to the quarter's forum. They asked for clearer letters about charging; the "
        "finance team is rewriting them with three carers.",
        "## Listening to people who draw on care",
        "The service user panel reviewed the new assessment booklet and tested the online self-assessment. "
        "Their changes are in the version published this quarter.",
        "## Compliments and complaints",
        "Compliments about the reablement team doubled. The commonest complaint was about waiting for an "
        "assessment, which the new front door is meant to shorten.",
    ]
)
# Made-up neighbours for the Ombudsman statistics.
REGION = "South West"
PEER_COUNCILS = [
    "Avonmere City Council", "Kingsbrook Council", "Eastwold County Council", "Harbourne Council",
    "Lydcombe Borough Council", "Millstead Council", "Southam Vale Council", "Wexcombe County Council",
]  # fmt: skip

# Directorates, divisions and teams. Every area gets a manager.
SERVICE_AREAS = [
    "Adult Services",
    "Adult Services > Assessment & Care Management",
    "Adult Services > Assessment & Care Management > Older People Team",
    "Adult Services > Assessment & Care Management > Hospital Team",
    "Adult Services > Assessment & Care Management > Physical Disabilities Team",
    "Adult Services > Mental Health",
    "Adult Services > Learning Disabilities",
    "Adult Services > Commissioning",
    "Adult Services > Finance & Charging",
    "Adult Services > Safeguarding",
    "Adult Services > Reablement",
    "Children's Services",
    "Children's Services > Children in Care",
    "Children's Services > Fostering",
    "Children's Services > Child Protection",
    "Children's Services > Disabled Children",
    "Children's Services > Early Help",
    "Children's Services > Leaving Care",
    "Resources",
    "Resources > Council Tax",
    "Resources > Benefits",
    "Resources > Customer Services",
    "Environment",
    "Environment > Waste Services",
    "Environment > Highways",
    "Housing",
    "Housing > Housing Options",
]

# The annual report that counts each directorate's compliments, comments and enquiries; its
# divisions and teams take their directorate's.
DIRECTORATE_PROCEDURES = {
    "Adult Services": "adult",
    "Children's Services": "children",
    "Resources": "corporate",
    "Environment": "corporate",
    "Housing": "corporate",
}

ACM = "Adult Services > Assessment & Care Management > "
COMPLAINT_AREAS = {
    "adult": {
        ACM + "Older People Team": 22,
        ACM + "Hospital Team": 10,
        ACM + "Physical Disabilities Team": 7,
        "Adult Services > Assessment & Care Management": 4,
        "Adult Services > Mental Health": 9,
        "Adult Services > Learning Disabilities": 8,
        "Adult Services > Commissioning": 12,
        "Adult Services > Finance & Charging": 14,
        "Adult Services > Safeguarding": 4,
        "Adult Services > Reablement": 6,
    },
    "children": {
        "Children's Services > Children in Care": 24,
        "Children's Services > Fostering": 12,
        "Children's Services > Child Protection": 24,
        "Children's Services > Disabled Children": 15,
        "Children's Services > Early Help": 8,
        "Children's Services > Leaving Care": 10,
    },
    "corporate": {
        "Resources > Council Tax": 22,
        "Resources > Benefits": 12,
        "Resources > Customer Services": 8,
        "Environment > Waste Services": 24,
        "Environment > Highways": 14,
        "Housing > Housing Options": 14,
        # Children's complaints outside the statutory scheme go through the corporate procedure.
        "Children's Services > Early Help": 4,
    },
}

COMPLIMENT_AREAS = {
    "adult": {
        "Adult Services > Reablement": 30,
        ACM + "Hospital Team": 18,
        ACM + "Older People Team": 20,
        ACM + "Physical Disabilities Team": 6,
        "Adult Services > Mental Health": 10,
        "Adult Services > Learning Disabilities": 10,
        "Adult Services > Finance & Charging": 4,
        "Adult Services > Safeguarding": 3,
    },
    "children": {
        "Children's Services > Fostering": 12,
        "Children's Services > Children in Care": 10,
        "Children's Services > Disabled Children": 10,
        "Children's Services > Early Help": 10,
        "Children's Services > Leaving Care": 6,
        "Children's Services > Child Protection": 4,
    },
    "corporate": {
        "Environment > Waste Services": 10,
        "Resources > Customer Services": 8,
        "Resources > Council Tax": 4,
        "Resources > Benefits": 4,
        "Environment > Highways": 3,
        "Housing > Housing Options": 4,
    },
}

# Age range of the person receiving the service, by area.
AGES = {
    ACM + "Older People Team": (68, 99),
    ACM + "Hospital Team": (60, 97),
    ACM + "Physical Disabilities Team": (22, 64),
    "Adult Services > Assessment & Care Management": (45, 95),
    "Adult Services > Mental Health": (19, 74),
    "Adult Services > Learning Disabilities": (18, 62),
    "Adult Services > Commissioning": (70, 99),
    "Adult Services > Finance & Charging": (58, 96),
    "Adult Services > Safeguarding": (35, 95),
    "Adult Services > Reablement": (62, 95),
    "Children's Services > Children in Care": (4, 17),
    "Children's Services > Fostering": (1, 17),
    "Children's Services > Child Protection": (0, 15),
    "Children's Services > Disabled Children": (3, 17),
    "Children's Services > Early Help": (2, 15),
    "Children's Services > Leaving Care": (17, 21),
}
ADULT_AGES = (20, 85)

OLDER = {"Personal care support": 45, "Support with memory and cognition": 30, "Access and mobility only": 15}
OLDER |= {
    "Support for visual impairment": 4,
    "Support for hearing impairment": 4,
    "Support for social isolation/other": 2,
}
PRIMARY_SUPPORT_REASONS = {
    ACM + "Physical Disabilities Team": {
        "Access and mobility only": 40,
        "Personal care support": 40,
        "Support for visual impairment": 8,
        "Support for hearing impairment": 8,
        "Support for dual impairment": 4,
    },
    "Adult Services > Mental Health": {"Mental health support": 90, "Substance misuse support": 10},
    "Adult Services > Learning Disabilities": {"Learning disability support": 1},
    "Adult Services > Safeguarding": OLDER | {"Mental health support": 15, "Learning disability support": 15},
}

# Census-like weights for an English city. Labels are the seeded ONS categories.
ETHNICITIES = {
    "English, Welsh, Scottish, Northern Irish or British": 660,
    "Irish": 10,
    "Gypsy or Irish Traveller": 3,
    "Roma": 3,
    "Other White": 55,
    "Indian": 40,
    "Pakistani": 40,
    "Bangladeshi": 12,
    "Chinese": 8,
    "Other Asian": 15,
    "African": 30,
    "Caribbean": 18,
    "Other Black": 6,
    "White and Asian": 8,
    "White and Black African": 6,
    "White and Black Caribbean": 14,
    "Other Mixed": 8,
    "Arab": 6,
    "Any other ethnic group": 10,
}

# Name pools, so that a family shares a surname and names fit the person's background loosely.
POOL_OF_ETHNICITY = {
    "English, Welsh, Scottish, Northern Irish or British": "british",
    "Irish": "british",
    "Gypsy or Irish Traveller": "british",
    "Roma": "european",
    "Other White": "european",
    "Indian": "south_asian",
    "Pakistani": "south_asian",
    "Bangladeshi": "south_asian",
    "Other Asian": "south_asian",
    "Chinese": "chinese",
    "African": "african",
    "Caribbean": "caribbean",
    "Other Black": "african",
    "Arab": "arab",
}
FIRST_NAMES = {
    "british_older": {
        "female": "Doris Margaret Jean Brenda Sheila Maureen Pauline Sylvia Irene Joan Patricia Valerie Eileen",
        "male": "Arthur Kenneth Dennis Roy Ronald Derek Brian Stanley Leonard Harold Clifford Geoffrey Norman",
    },
    "british": {
        "female": "Sarah Emma Claire Lisa Joanne Rachel Kelly Hannah Amy Chloe Laura Gemma Nicola Sophie Megan",
        "male": "Mark Paul Daniel Lee Craig Gareth Stuart Jamie Liam Ryan Callum Adam Darren Neil Owen",
    },
    "british_child": {
        "female": "Mia Ava Lily Isla Freya Poppy Ellie Evie Ruby Grace Millie Daisy Amelia Scarlett Maisie",
        "male": "Oliver Harry Jack Alfie Charlie Noah Leo Archie Freddie Theo Riley Mason Harrison Jayden Kai",
    },
    "european": {
        "female": "Agnieszka Katarzyna Ioana Elena Monika Andreea Kristina Magdalena Simona Lucia",
        "male": "Tomasz Piotr Andrei Marius Lukas Jakub Florin Bogdan Pawel Stefan",
    },
    "south_asian": {
        "female": "Priya Ayesha Farzana Nasreen Sunita Kiran Shabana Rukhsana Anjali Saima Parveen Meena",
        "male": "Imran Sanjay Mohammed Rajesh Tariq Arjun Aamir Harpreet Kamran Vikram Shahid Nadeem",
    },
    "chinese": {"female": "Mei Li Hui Ying Xiu Lan Jia", "male": "Wei Jun Hao Ming Jian Tao"},
    "african": {
        "female": "Amara Chiamaka Blessing Abena Funmilayo Nia Adaeze Esi Zainab Halima",
        "male": "Kwame Chidi Emeka Kofi Tunde Segun Abdi Yusuf Olumide Kojo",
    },
    "caribbean": {
        "female": "Marcia Beverley Janice Sharon Yvonne Desiree Angela Claudette",
        "male": "Winston Delroy Clive Errol Lloyd Trevor Leroy Everton",
    },
    "arab": {"female": "Layla Noor Yasmin Rania Huda Salma", "male": "Omar Khalid Karim Tariq Samir Hassan"},
}
SURNAMES = {
    "british": "Ashworth Barraclough Bellamy Birtwistle Bramley Calloway Catterall Cropper Dunmore Eckersley "
    "Fairbrother Fenwick Gadsby Garside Greenhalgh Hardcastle Hepworth Holdsworth Illingworth Kershaw "
    "Lomax Marsden Mottram Nuttall Ormerod Pickersgill Ramsbottom Rawcliffe Scholes Shuttleworth "
    "Sowerby Stansfield Sutcliffe Tattersall Thistlethwaite Uttley Wadsworth Whitworth Wolstenholme "
    "Heald Brierley Crowther Dewhurst Entwistle Haworth Pilling Rushworth Tinsley",
    "european": "Nowak Kowalczyk Wisniewski Popescu Ionescu Dumitru Kazlauskas Horvath Novak Balan",
    "south_asian": "Begum Hussain Patel Chaudhry Mistry Rahman Akhtar Sandhu Bhatti Uddin Mahmood Gill",
    "chinese": "Chen Wong Liu Zhang Lam Huang",
    "african": "Okafor Mensah Adeyemi Nwosu Osei Mohamed Abdullahi Boateng Eze Asante",
    "caribbean": "Campbell Grant Francis Brown Henry Clarke Morris Stewart",
    "arab": "Haddad Mansour Nasser Saleh Khalil Farouk",
}

STREETS = "Mill Lane, Canal Street, Weaver Close, Foundry Road, Brook Terrace, Chapel Row, Tanner's Way, "
STREETS += "Quarry Hill, Station Approach, Orchard Rise, Ferry Lane, Kiln Court, Beacon View, Spinners Walk"

# The person complaining, in relation to the person receiving the service.
RELATIONSHIPS = {
    "adult": {
        "Service user": 33,
        "Son/Daughter": 30,
        "Spouse/Partner": 10,
        "Other relative": 7,
        "Friend or neighbour": 3,
        "Advocacy service": 5,
        "Carer": 5,
        "Professional": 3,
        "Councillor or MP": 4,
    },
    "children": {
        "Service user": 30,
        "Parent": 50,
        "Other relative": 10,
        "Carer": 8,
        "Professional": 4,
        "Councillor or MP": 5,
    },
    "corporate": {"Service user": 88, "Other relative": 6, "Councillor or MP": 6},
}

# (category, subcategory or None, description): weight per procedure.
CONCERNS = [
    ("Standard of Service", "Delay in receiving service", {
        "adult": (14, [
            "Waited eleven weeks for an occupational therapy assessment.",
            "The care package agreed at the review did not start for a month.",
            "Discharge from hospital was delayed while a care provider was found.",
        ]),
        "children": (8, [
            "The assessment was not completed within the agreed timescale.",
            "Support promised at the child in need meeting took months to arrive.",
        ]),
    }),
    ("Standard of Service", "Lack of/access to/eligibility for service", {
        "adult": (10, [
            "Was told there was no eligible need without a proper assessment.",
            "Respite care was refused without an explanation of the criteria.",
        ]),
        "children": (8, [
            "Short breaks were refused after the assessment.",
            "The family was told they did not meet the threshold for support.",
        ]),
    }),
    ("Standard of Service", "Service level/care plan dispute", {
        "adult": (12, [
            "Hours of support were cut at the review without discussion.",
            "The care plan does not reflect the person's needs at night.",
        ]),
        "children": (10, [
            "Disagrees with the contact arrangements in the care plan.",
            "The pathway plan does not include help with housing.",
        ]),
    }),
    ("Standard of Service", "Quality of care", {
        "adult": (16, [
            "Home care visits were often late and cut short.",
            "Medication was missed on several visits by the care agency.",
            "The care home did not help with eating and drinking.",
        ]),
        "children": (6, ["The foster placement did not meet the child's needs.", "Placement moved at short notice."]),
    }),
    ("Communication", "Attitude of staff", {
        "adult": (8, ["The social worker was dismissive on the phone.", "Felt the assessor did not listen."]),
        "children": (12, [
            "The social worker spoke to the young person in a way they found upsetting.",
            "Felt judged by staff at the meeting.",
        ]),
    }),
    ("Communication", "Method/quality of communication", {
        "adult": (12, [
            "Calls and emails to the team were not returned.",
            "The family was not told the social worker had changed.",
        ]),
        "children": (16, [
            "The social worker changed four times in a year with no explanation.",
            "Reports for the conference arrived the evening before.",
            "Calls to the duty team were not returned.",
        ]),
    }),
    ("Communication", "Information not provided", {
        "adult": (6, ["Nobody explained what the care would cost before it started."]),
        "children": (8, ["Was not given a copy of the assessment.", "Was not told about the right to an advocate."]),
    }),
    ("Financial issues", "Charging", {
        "adult": (12, [
            "The invoice for care was backdated eight months without warning.",
            "The financial assessment did not allow for disability-related expenses.",
            "Charged for care visits that did not take place.",
        ]),
        "children": (1, ["Was asked to pay towards the cost of respite."]),
    }),
    ("Financial issues", "Direct payments", {
        "adult": (5, [
            "Direct payments were suspended during an audit without notice.",
            "The direct payment rate is too low to employ a personal assistant.",
        ]),
        "children": (2, ["Direct payments for short breaks were paid late."]),
    }),
    ("Protection", None, {
        "adult": (3, ["Concerns raised about a care worker were not followed up."]),
        "children": (8, [
            "Disagrees with the decision to hold a child protection conference.",
            "Feels the family's concerns about a contact visit were ignored.",
        ]),
    }),
    ("Environment/property", None, {
        "adult": (2, ["Equipment was left in the hallway after the adaptation."]),
        "children": (1, ["The contact centre room was dirty and unsuitable."]),
    }),
    ("Policy or decision", None, {
        "adult": (5, ["Disagrees with the decision to move the person to a care home."]),
        "children": (10, [
            "Disagrees with the decision to place the child outside the city.",
            "Disagrees with the assessment's conclusions.",
        ]),
    }),
]  # fmt: skip

# Corporate complaints, in the corporate procedure's own categories:
# (category, subcategory or None, (weight, descriptions)).
CORPORATE_CONCERNS = [
    ("Environmental services", "Waste and recycling", (14, [
        "Bins were missed three weeks running despite reports each time.",
        "Assisted bin collection was refused.",
        "Charged for a garden waste collection that never happened.",
        "Damage to a driveway by the collection lorry.",
        "Overflowing bins outside the flats were not cleared.",
    ])),
    ("Benefits and tax", "Council tax", (10, [
        "A summons was issued while the payment arrangement was being agreed.",
        "The single person discount was removed in error.",
        "Letters gave different amounts to pay.",
    ])),
    ("Benefits and tax", "Housing benefit and council tax reduction", (5, [
        "A housing benefit claim took ten weeks to be decided.",
    ])),
    ("Highways and transport", "Roads and pavements", (5, ["A reported pothole was not repaired for four months."])),
    ("Highways and transport", "Street lighting", (4, ["Street lighting on the road has been out for weeks."])),
    ("Housing", "Allocations", (5, [
        "Was refused a place on the housing register.",
        "The temporary accommodation offered was too far from school.",
    ])),
    ("Customer service", "Staff conduct", (10, [
        "The call handler was rude and ended the call.",
        "The collection crew were abusive.",
    ])),
    ("Customer service", "Delay in responding", (10, [
        "Emails went unanswered for weeks.",
        "Was passed between departments without an answer.",
    ])),
    ("Customer service", "Wrong or missing information", (6, ["Was not told how to appeal the decision."])),
    ("Council policy or decision", None, (12, [
        "Disagrees with the decision to close the recycling centre on Mondays.",
        "Disagrees with the parking permit rules for carers.",
    ])),
]  # fmt: skip

OUTCOMES = {
    "adult": {"upheld": 25, "partially_upheld": 32, "not_upheld": 43},
    "children": {"upheld": 20, "partially_upheld": 35, "not_upheld": 45},
    "corporate": {"upheld": 30, "partially_upheld": 25, "not_upheld": 45},
}
METHODS = {"Email": 35, "Online form": 20, "Telephone": 22, "Letter": 15, "In person": 5}
POINTS_OF_RECEIPT = {
    "Complaints Team": 60,
    "Customer Services": 12,
    "Service team": 14,
    "Councillor": 4,
    "MP": 3,
    "Chief Executive": 3,
    "Ombudsman referral": 2,
}
COMPLIMENT_METHODS = {"Email": 45, "Letter": 20, "Online form": 20, "Telephone": 10, "In person": 5}
COMPLIMENT_POINTS = {"Service team": 55, "Complaints Team": 30, "Customer Services": 10, "Councillor": 3}

# Short invented quotes; {staff} is the first name of the member of staff named.
COMPLIMENTS = {
    "adult": [
        ("{staff} was kind and patient with Dad from the very first visit. Nothing was too much trouble.",
         ["Kindness and compassion"]),
        ("Thank you to {staff} for explaining everything so clearly and always ringing back when promised.",
         ["Communication"]),
        ("The reablement team got Mum back on her feet in six weeks. {staff} was wonderful.",
         ["Quality of care", "Going the extra mile"]),
        ("{staff} sorted out the care package before Mum left hospital, on a Friday afternoon.",
         ["Timeliness", "Going the extra mile"]),
        ("We felt listened to for the first time. {staff} treated my husband with real dignity.",
         ["Kindness and compassion", "Professionalism"]),
        ("{staff} helped me fill in the financial forms and made a stressful time much easier.",
         ["Going the extra mile"]),
        ("My brother now has a home of his own, thanks to {staff} and the team.",
         ["Quality of care"]),
        ("{staff} visited when promised and kept us informed all the way through.",
         ["Communication", "Professionalism"]),
    ],
    "children": [
        ("{staff} has been amazing with our foster son and always has time for him.",
         ["Kindness and compassion"]),
        ("Thank you to {staff} for listening to my daughter and for sticking with us.",
         ["Communication", "Kindness and compassion"]),
        ("{staff} helped me find my first flat and came with me to sign the tenancy.",
         ["Going the extra mile"]),
        ("The short breaks {staff} arranged have made a huge difference to our family.",
         ["Quality of care"]),
        ("{staff} was honest with us at every meeting, even when it was hard to hear.",
         ["Professionalism", "Communication"]),
    ],
    "corporate": [
        ("{staff} on the phone sorted out my council tax account in one call.",
         ["Timeliness", "Professionalism"]),
        ("The crew took the bulky waste the same morning and left the path tidy. Thanks to {staff}.",
         ["Timeliness"]),
        ("{staff} helped my neighbour apply for the benefit she was missing out on.",
         ["Going the extra mile"]),
        ("{staff} found us somewhere to stay the same night. We cannot thank you enough.",
         ["Kindness and compassion", "Going the extra mile"]),
    ],
}  # fmt: skip

OTHER_KINDS = {
    "comment": [
        ("Resources > Customer Services", "Suggests the online form should let people save and come back later."),
        ("Adult Services > Finance & Charging", "Suggests the charging leaflet gives a worked example."),
        ("Children's Services > Leaving Care", "Care leavers' forum asks for drop-in hours after college."),
        ("Environment > Waste Services", "Asks for a reminder service for garden waste days."),
        (ACM + "Hospital Team", "A carer suggests a single contact number for discharge planning."),
    ],
    "enquiry": [
        (ACM + "Older People Team", "Asked why the carer had not arrived; the agency confirmed a time the same day."),
        ("Adult Services > Finance & Charging", "Queried a care invoice; the charge was explained the next day."),
        ("Children's Services > Children in Care", "Asked to speak to the social worker; a call was arranged."),
        ("Environment > Waste Services", "Reported a missed bin; collected the next working day."),
        ("Resources > Council Tax", "Asked about a change in the bill; the reason was explained."),
        ("Adult Services > Reablement", "Asked when the equipment would be delivered; delivered the next day."),
    ],
    "service_request": [
        (ACM + "Older People Team", "Asked for an assessment of needs for a parent who is struggling at home."),
        ("Adult Services > Assessment & Care Management", "Asked for a carer's assessment."),
        (ACM + "Physical Disabilities Team", "Asked for grab rails and a bath lift."),
        ("Children's Services > Disabled Children", "Asked for a short breaks assessment."),
        ("Children's Services > Early Help", "Asked for parenting support."),
        ("Environment > Waste Services", "Asked for an assisted bin collection."),
        ("Adult Services > Finance & Charging", "Asked for a review of the financial assessment."),
    ],
}

INELIGIBLE = [
    ("safeguarding", "Adult Services > Safeguarding", 30,
     "Bruising seen on a visit: passed to the Safeguarding team as a section 42 enquiry under the Care Act 2014."),
    ("safeguarding", "Children's Services > Child Protection", 15,
     "A concern about a child's welfare: passed to the front door as a child protection referral."),
    ("appeal", "Adult Services > Mental Health", 10,
     "Challenges a deprivation of liberty authorisation: the Court of Protection route was explained."),
    ("insurance", ACM + "Older People Team", 8,
     "Claim for a damaged car after a collision with a council vehicle: passed to the insurance team."),
    ("other_organisation", "Adult Services > Commissioning", 15,
     "About care in a home the person pays for privately: referred to the provider, then the Ombudsman."),
    ("other_organisation", ACM + "Hospital Team", 8,
     "About the hospital's discharge arrangements: passed to the NHS trust's patient advice service."),
    ("already_considered", "Children's Services > Fostering", 6,
     "The same matter was answered at stage 2 last year and considered by the Ombudsman."),
    ("employee", "Adult Services > Reablement", 5, "A care worker's grievance about rotas: passed to HR."),
    ("other", "Children's Services > Disabled Children", 3,
     "About a school's special educational needs provision: passed to the school and the SEND team."),
]  # fmt: skip

TEAM_MANAGED = "Adult Services > Mental Health"

# Demo staff who sign in; all demo staff share the demo password.
SIGN_INS = [
    ("admin", "administrator", "Alex", "Carrow", "Complaints systems administrator",
     "Everything, including Settings"),
    ("officer", "complaints_officer", "Priya", "Lakhani", "Complaints and Customer Feedback Officer",
     "Records and edits every case"),
    ("investigator", "investigating_officer", "Ian", "Fenwick", "Investigating officer, adult social care",
     "Adult complaints allocated to him"),
    ("investigator2", "investigating_officer", "Jo", "Okonjo", "Investigating officer, children's social care",
     "Children's complaints allocated to her"),
    ("manager", "manager", "Margaret", "Hale", "Director of Adult Social Care",
     "Every case in Adult Services"),
    ("link", "link_officer", "Lena", "Brookes", "Ombudsman link officer",
     "Ombudsman cases, and every complaint to read"),
    ("reporting", "reporting", "Rory", "Tennant", "Performance analyst",
     "Totals and reports, no individual cases"),
]  # fmt: skip

ONLINE_COMPLAINT = (
    "Mum's carers from the home care agency have missed four morning visits this month. On two of "
    "those days she had no breakfast or medication until I arrived at lunchtime. Nobody rang to say "
    "they were not coming."
)

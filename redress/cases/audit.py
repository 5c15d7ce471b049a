from auditlog.registry import auditlog

from .models import Concern, Person, Remedy, Representation, Restriction

auditlog.register(Representation, m2m_fields={"themes"}, exclude_fields=["updated"])
auditlog.register(Concern)
auditlog.register(Person)
auditlog.register(Remedy)
auditlog.register(Restriction)

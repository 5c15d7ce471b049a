from auditlog.registry import auditlog

from .models import Concern, Person, Representation

auditlog.register(Representation, m2m_fields={"themes"}, exclude_fields=["updated"])
auditlog.register(Concern)
auditlog.register(Person)

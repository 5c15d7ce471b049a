from auditlog.registry import auditlog

from .models import LearningAction, LearningDecision

auditlog.register(LearningAction, exclude_fields=["updated"])
auditlog.register(LearningDecision, exclude_fields=["recorded"])

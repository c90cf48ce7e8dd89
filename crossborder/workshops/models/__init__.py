from .exercises import Draft, DraftComment, Exercise, ExerciseRun, Inject, InjectRelease, RoleCard
from .groups import AllocationRun, Group, Membership, PairingRule, Workshop

__all__ = [
    "AllocationRun",
    "Draft",
    "DraftComment",
    "Exercise",
    "ExerciseRun",
    "Group",
    "Inject",
    "InjectRelease",
    "Membership",
    "PairingRule",
    "RoleCard",
    "Workshop",
]

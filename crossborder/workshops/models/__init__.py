from .groups import AllocationRun, Group, Membership, PairingRule, Workshop

__all__ = ["AllocationRun", "Group", "Membership", "PairingRule", "Workshop"]

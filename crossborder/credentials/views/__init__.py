"""Pages of credentials: the public verification (public.py), the holder's wallet (wallet.py)
and the programme staff's certificates of a seminar (staff.py)."""

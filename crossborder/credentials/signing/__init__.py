"""Signed, machine-verifiable forms of a credential: Open Badges 3.0 (W3C Verifiable
Credentials with a Data Integrity proof), the revocation status list, the issuer's keys and
did:web document, and the European Learning Model export."""

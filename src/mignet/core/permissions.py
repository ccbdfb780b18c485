"""Core's rules: none beyond the policy's defaults (reference data is read-only for everyone)."""

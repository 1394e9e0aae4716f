"""Pure domain of the store app: no Qt, no SQLAlchemy, no httpx (checked by tests/unit/test_layers.py)."""

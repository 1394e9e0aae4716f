"""Aisle central: the reference order-management service (FastAPI + SQLAlchemy).

It never imports pos_app; it shares only `sync.protocol` with the store app.
"""

"""Sync protocol (shared by both ends) and the client engine. No Qt."""

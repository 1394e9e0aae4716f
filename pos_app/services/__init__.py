"""Use cases: plain Python composing core + local + sync + devices, callable from a test."""

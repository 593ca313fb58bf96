"""Alembic migrations of the assessments schema (a package so that setuptools ships the files)."""

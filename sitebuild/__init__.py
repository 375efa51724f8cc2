"""Build-time helpers for the site: thin, testable code the MkDocs hooks, the Makefile and the tests share.

Not part of the engine wheel. Importable because `make` puts the project root on the venv's path.
"""

"""FHIR R4 export of a case: a DTR-style QuestionnaireResponse inside a PAS-style request Bundle (docs/fhir.md).

Every module here is pure of Django except export.py, which gathers the case, its letter and enclosures.
"""

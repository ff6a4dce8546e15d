"""Thin views over the forms, the models and the core."""

"""taskforce-report: the Task Force's reports on child-welfare casework, typeset as PDF."""

__version__ = "0.1.0"

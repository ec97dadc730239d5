"""The input models: what `rapport.yaml` and the bundle's other YAML files may hold, per
document type. Keys are the domain's Danish words, exactly as users write them; pydantic checks
them and `load/validation.py` turns its errors into Danish messages with file, key path and line.

One module per document type, on the types they share:
- `common`: the strict base model, Markdown, periods, ids, months and years, a municipality's
  look, the counting rules' names, the date a document is stamped with;
- `evidence`: the evidence files (criteria, questions, interviews) and the key figures' settings;
- `analysisreport`: the analysis report (classic themes or pejlemærker);
- `goals`: the goals and the management audit shared by the development plan and the status report;
- `plan`: the municipality's development plan, between the analysis report and the status reports;
- `statusreport`: the status report on a development plan, its memo and its slide deck;
- `tfstatus`: the Task Force's own status report at the end of a course;
- `application`: the municipality's application for a course.

This package re-exports every public name, so `from taskforce_report.models import X` is the
one way in; the registry of document types (`DOCUMENT_MODELS`) is kept here.
"""

from __future__ import annotations

from taskforce_report.models.analysisreport import (
    AnalysisReport,
    ContactName,
    StartingPoint,
    ThemeText,
)
from taskforce_report.models.application import (
    Application,
    ApplicationMotivation,
    CaseStatistics,
    Contact,
    CourseStart,
    Meeting,
    OtherActivities,
    Secretariat,
)
from taskforce_report.models.common import (
    LOGO_SUFFIXES,
    YEARS,
    Appearance,
    CountingRule,
    Markdown,
    Period,
    Strict,
    document_date,
    month_key,
)
from taskforce_report.models.evidence import (
    CaseReviewText,
    ChildInterviews,
    ChildTopic,
    CriteriaFile,
    CriterionEntry,
    InterviewGroup,
    Interviews,
    KeyFigureSection,
    KeyFigureSettings,
    LawReferences,
    NationalResult,
    QuestionEntry,
    QuestionsFile,
    SocialWorkText,
)
from taskforce_report.models.goals import (
    STATUS_PLACEHOLDERS,
    AuditCriterion,
    AuditSettings,
    Goal,
    Milestone,
    RecommendationRef,
    StatusWording,
)
from taskforce_report.models.plan import Activity, DevelopmentPlan, FocusArea
from taskforce_report.models.statusreport import (
    Amount,
    Decision,
    DevelopmentPoint,
    Effort,
    FocusPoints,
    FreeSection,
    HeadlineFigure,
    Memo,
    Slide,
    SlideDeck,
    SlideTable,
    StatusDisplay,
    StatusReport,
    TableRow,
)
from taskforce_report.models.tfstatus import (
    Service,
    StatusAreaText,
    StatusMeasurementText,
    TaskForceStatusReport,
)

__all__ = [
    "Activity",
    "Amount",
    "AnalysisReport",
    "Appearance",
    "Application",
    "ApplicationMotivation",
    "AuditCriterion",
    "AuditSettings",
    "CaseReviewText",
    "CaseStatistics",
    "ChildInterviews",
    "ChildTopic",
    "Contact",
    "ContactName",
    "CountingRule",
    "CourseStart",
    "CriteriaFile",
    "CriterionEntry",
    "DOCUMENT_MODELS",
    "Decision",
    "DevelopmentPlan",
    "DevelopmentPoint",
    "Effort",
    "FocusArea",
    "FocusPoints",
    "FreeSection",
    "Goal",
    "HeadlineFigure",
    "InterviewGroup",
    "Interviews",
    "KeyFigureSection",
    "KeyFigureSettings",
    "LOGO_SUFFIXES",
    "LawReferences",
    "Markdown",
    "Meeting",
    "Memo",
    "Milestone",
    "NationalResult",
    "OtherActivities",
    "Period",
    "QuestionEntry",
    "QuestionsFile",
    "RecommendationRef",
    "STATUS_PLACEHOLDERS",
    "Secretariat",
    "Service",
    "Slide",
    "SlideDeck",
    "SlideTable",
    "SocialWorkText",
    "StartingPoint",
    "StatusAreaText",
    "StatusDisplay",
    "StatusMeasurementText",
    "StatusReport",
    "StatusWording",
    "Strict",
    "TableRow",
    "TaskForceStatusReport",
    "ThemeText",
    "YEARS",
    "document_date",
    "month_key",
]

# The document types and their models; `dokument:` in rapport.yaml picks one.
DOCUMENT_MODELS: dict[str, type[Strict]] = {
    "analyserapport": AnalysisReport,
    "statusrapport": StatusReport,
    "taskforce-status": TaskForceStatusReport,
    "ansoegning": Application,
    "udviklingsplan": DevelopmentPlan,
}

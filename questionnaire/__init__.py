"""What we ask: the questionnaire declared as data (one YAML file per area), its schema and loader."""

from questionnaire.loader import QuestionnaireError, bundled_questionnaire, load_questionnaire
from questionnaire.schema import UNKNOWN, UNKNOWN_LABEL, Area, Option, Question, Questionnaire, QuestionType

__all__ = [
    "UNKNOWN",
    "UNKNOWN_LABEL",
    "Area",
    "Option",
    "Question",
    "Questionnaire",
    "QuestionType",
    "QuestionnaireError",
    "bundled_questionnaire",
    "load_questionnaire",
]

"""Inter-annotator agreement: Krippendorff's alpha (four levels), Fleiss' and Cohen's kappa, percent
agreement, bootstrap confidence intervals, per-annotator diagnostics and agreement over time."""

from checks.agreement.ratings import AgreementInputError, prepare_ratings, text_categories
from checks.agreement.summary import AgreementResult, AnnotatorAgreement, compute_agreement

__all__ = ["AgreementInputError", "AgreementResult", "AnnotatorAgreement", "compute_agreement",
           "prepare_ratings", "text_categories"]

"""Choices of the knowledge library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    POLICY_PAPER = "policy_paper", _("Policy paper")
    ACTION_PLAN = "action_plan", _("Action plan")
    TOOL = "tool", _("Tool or guidance")
    DATASET = "dataset", _("Dataset")
    RESEARCH = "research", _("Research")
    TRAINING = "training", _("Training material")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    SUBMISSION = "submission", _("Submission")
    MEETING_DOCUMENT = "meeting_document", _("Meeting document")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    BANGLA = "bn", _("Bangla")
    OTHER = "other", _("Other")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Extracting text")
    EXTRACTED = "extracted", _("Searchable")
    NO_TEXT = "no_text", _("No searchable text")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    MATCHED = "matched", _("Matched")
    IN_DELIVERY = "in_delivery", _("In delivery")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")


# The steps a capacity-building request may take next from each state.
REQUEST_NEXT = {
    RequestStatus.RECEIVED: (RequestStatus.TRIAGED, RequestStatus.DECLINED),
    RequestStatus.TRIAGED: (RequestStatus.MATCHED, RequestStatus.DECLINED),
    RequestStatus.MATCHED: (RequestStatus.IN_DELIVERY, RequestStatus.DECLINED),
    RequestStatus.IN_DELIVERY: (RequestStatus.DELIVERED,),
    RequestStatus.DELIVERED: (),
    RequestStatus.DECLINED: (),
}

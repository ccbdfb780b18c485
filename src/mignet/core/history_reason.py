"""History rows keep the reason for a change in a 100-character column (django-simple-history). Reasons
written by people or services can be longer (a decision's outcome, a reviewer's comment): they are kept
whole on the record itself and shortened, with an ellipsis, in the history row, so PostgreSQL never
refuses the write. (Storage plumbing, not a domain rule: house rule 4 is about the latter.)"""

from __future__ import annotations


def fit_change_reason(sender, history_instance, **kwargs) -> None:
    reason = history_instance.history_change_reason
    if not reason:
        return
    limit = type(history_instance)._meta.get_field("history_change_reason").max_length or 100
    if len(reason) > limit:
        history_instance.history_change_reason = reason[: limit - 1] + "…"

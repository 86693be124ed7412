"""The refusal the council flows raise."""


class AdviceStateError(Exception):
    """The advice, answer or request is not in a state that allows this step."""

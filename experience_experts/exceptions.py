"""The refusal every flow of experience experts raises (services/)."""


class Refused(Exception):
    """A step the rules do not allow; the message says why, in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

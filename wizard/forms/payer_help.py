"""Help text that speaks of the case's payer only: a neutral line, and a payer's own line where it has one."""


class PayerHelp(str):
    """A field's help text: the neutral line (the string itself) and a line per payer id."""

    by_payer: dict[str, str]

    def __new__(cls, neutral: str, by_payer: dict[str, str]):
        text = super().__new__(cls, neutral)
        text.by_payer = by_payer
        return text

    def __reduce__(self):
        return (PayerHelp, (str(self), self.by_payer))

    def for_payer(self, payer) -> str:
        """Return the line for this payer (a Payer or its id), else the neutral line."""
        key = getattr(payer, "value", payer)
        return self.by_payer.get(key, str(self)) if key else str(self)


def payer_help(neutral: str = "", **by_payer: str) -> PayerHelp:
    """Return help text shown as `neutral` unless the case's payer has its own line (keyword: payer id)."""
    return PayerHelp(neutral, by_payer)


def help_for(text, payer) -> str:
    """Return a field's help text for the case's payer; plain help text is the same for every payer."""
    return text.for_payer(payer) if isinstance(text, PayerHelp) else text

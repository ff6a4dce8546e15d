"""Input forms, one per wizard step; they validate input and never judge payer criteria."""

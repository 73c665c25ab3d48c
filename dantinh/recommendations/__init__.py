"""Recommendations followed to closure: competent bodies, the register and its deadlines,
declining and re-forwarding, answers, duplicates and escalation, protected complainants."""

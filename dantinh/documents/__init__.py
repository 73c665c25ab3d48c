"""Official documents: Word, PDF and Excel renderings of reports. Knows nothing of the domain:
it renders a `ReportDocument` that reporting builds."""

"""Text handling: Markdown prose, language labels, dates and numbers."""

"""The funder report's PDF (WeasyPrint, A4): a one-page summary, then each section with its
charts (the same SVG as the page) and tables."""

from django.template.loader import render_to_string

from .charts import section_blocks


def pdf_report(indicators, *, filters: list, generated_at) -> bytes:
    sections = [
        {"section": section, "blocks": section_blocks(section)} for section in indicators.sections
    ]
    html = render_to_string(
        "evaluation/reports/funder_report_pdf.html",
        {
            "indicators": indicators,
            "sections": sections,
            "filters": filters,
            "generated_at": generated_at,
        },
    )
    from weasyprint import HTML  # 2 s import: only when a PDF is written

    return HTML(string=html).write_pdf()

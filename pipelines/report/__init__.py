"""The static HTML report: an index with counts and a chart, one highlighted page per article."""

from pipelines.report.build import ReportResult, build_report, count_steps, report_dir
from pipelines.report.render import article_filename, claim_anchor, highlight

__all__ = ["ReportResult", "article_filename", "build_report", "claim_anchor", "count_steps", "highlight", "report_dir"]

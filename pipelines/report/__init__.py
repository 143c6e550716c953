"""The static HTML report: an index with counts and a chart, one highlighted page per article."""

from pipelines.report.build import ReportPlan, ReportResult, build_report, plan_report, report_dir, write_report
from pipelines.report.render import article_filename, claim_anchor, highlight

__all__ = ["ReportPlan", "ReportResult", "article_filename", "build_report", "claim_anchor", "highlight", "plan_report", "report_dir", "write_report"]

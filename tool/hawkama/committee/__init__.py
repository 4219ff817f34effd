"""Committee work (issue 7): the review record, a portfolio, diffs and rubric migration.

decision.check_review(ps, assessment, result) -> problems with the review record
record.write_review(path, review)             -> the record saved into the file
portfolio.build(entries, today) -> Portfolio   (pure; portfolio_io gathers entries)
diff.diff_assessments(old_ps, old, new_ps, new) -> Diff   (pure)
migrate.plan(old_ps, new_ps, assessment) -> Migration  (pure)
"""

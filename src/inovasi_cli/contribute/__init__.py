"""For contributors: skeletons of new records, git access, and the review of what a
branch changes.
"""

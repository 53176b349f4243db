"""The two-lane timeline: importing files, merging, editing events, walking them in the meeting."""

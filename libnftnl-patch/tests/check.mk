# Unit tests: filled in by the next commit.
check: all
	@echo "0 passed, 0 failed, 1 skipped"

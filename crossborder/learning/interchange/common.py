"""What both formats share: the size limit, the source line, the whole-file error."""

SOURCE_PREFIX = "Source: "
MAX_BYTES = 5 * 1024 * 1024


class InterchangeError(ValueError):
    """The file as a whole cannot be read."""

"""The tables `make bench` prints, as Markdown so that they go into a note."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    floor_per_second: float  # the mean of the floor runs before and after
    queries: int
    size_bytes: int

    @property
    def floor_ratio(self):
        """N in "1/N": how many floor requests one page request costs."""
        return self.floor_per_second / self.requests_per_second


def ratio(value):
    """1/N, with a decimal while N is small."""
    return f"1/{value:.1f}" if value < 10 else f"1/{value:,.0f}"


def rate(value):
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def duration(ms):
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms"


def size(size_bytes):
    return f"{size_bytes / 1024:.1f} KB"


def versus(result, other):
    """Page time at this size over page time at the other, each measured
    against its own floor (so that a busier machine in one run cancels out)."""
    if other is None:
        return "–"
    return f"{result.floor_ratio / other.floor_ratio:.2f}×"


def table(results, baseline=None):
    """Markdown rows; with `baseline` ({name: Result} at demo size) a column
    with this size's page time relative to it."""
    header = ["page", "requests/s", "p50", "p99", "ratio to the floor", "queries", "size"]
    if baseline is not None:
        header.append("time vs demo")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in results:
        cells = [
            result.name,
            rate(result.requests_per_second),
            duration(result.p50_ms),
            duration(result.p99_ms),
            ratio(result.floor_ratio),
            str(result.queries),
            size(result.size_bytes),
        ]
        if baseline is not None:
            cells.append(versus(result, baseline.get(result.name)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def floor_line(results):
    floors = [result.floor_per_second for result in results]
    if not floors:
        return "floor: not measured"
    return (
        f"floor (/health/): {min(floors):,.0f}–{max(floors):,.0f} requests/s "
        f"over the run, mean {sum(floors) / len(floors):,.0f}"
    )

"""The pure helpers of `make bench`: reading wrk's output and writing the
table. (The benchmark itself asserts no time: it runs by hand.)"""

import pytest

from scripts.bench import report, wrk

pytestmark = pytest.mark.database_free

OUTPUT = """\
Running 5s test @ http://127.0.0.1:40123/aanbod/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.84s   210.75ms   2.10s    66.96%
    Req/Sec     0.50      0.50     1.00     95.24%
  Latency Distribution
     50%    1.80s
     75%    1.95s
     90%    2.05s
     99%    2.10s
  10 requests in 5.01s, 2.03MB read
Requests/sec:      1.99
Transfer/sec:    415.00KB
"""


def test_wrk_output_gives_the_rate_and_percentiles_in_milliseconds():
    run = wrk.parse(OUTPUT)
    assert run == wrk.Run(
        requests_per_second=1.99, p50_ms=1800.0, p99_ms=2100.0, requests=10, errors=0
    )


@pytest.mark.parametrize(
    ("text", "ms"), [("229.00us", 0.229), ("3.00ms", 3.0), ("1.5s", 1500.0), ("2.00m", 120000.0)]
)
def test_wrk_durations_are_read_in_milliseconds(text, ms):
    assert wrk.milliseconds(text) == pytest.approx(ms)


def test_failed_answers_and_socket_errors_are_counted_as_errors():
    failing = OUTPUT.replace(
        "Requests/sec:",
        "  Socket errors: connect 0, read 2, write 0, timeout 1\n"
        "  Non-2xx or 3xx responses: 4\nRequests/sec:",
    )
    assert wrk.parse(failing).errors == 7


def test_output_without_figures_is_an_error():
    with pytest.raises(wrk.WrkError):
        wrk.parse("unable to connect to 127.0.0.1:40123 Connection refused\n")


def test_a_run_with_too_few_requests_is_run_again_for_longer():
    slow = wrk.parse(OUTPUT)  # 10 requests in 5 s
    assert wrk.longer(5, slow) == 10
    assert wrk.longer(25, slow) == wrk.MAX_SECONDS
    assert wrk.longer(wrk.MAX_SECONDS, slow) is None
    enough = wrk.Run(100.0, 40.0, 80.0, requests=500, errors=0)
    assert wrk.longer(5, enough) is None


def test_the_wrk_command_sends_every_header():
    args = wrk.command("http://127.0.0.1:1/mijn/", 5, {"Cookie": "sessionid=abc"})
    assert args[-3:] == ["-H", "Cookie: sessionid=abc", "http://127.0.0.1:1/mijn/"]
    assert "-c4" in args and "-d5s" in args and "--latency" in args


def test_the_table_gives_the_ratio_to_the_floor_as_one_in_n():
    page = report.Result("/aanbod/", 1.9, 1800.0, 2100.0, 2043.0, 14, 207_872)
    demo = report.Result("/aanbod/", 19.0, 180.0, 210.0, 1900.0, 14, 10_240)
    lines = report.table([page], {"/aanbod/": demo}).splitlines()
    assert lines[0].startswith("| page | requests/s | p50 | p99 | ratio to the floor |")
    assert lines[2] == ("| /aanbod/ | 1.9 | 1800 ms | 2100 ms | 1/1,075 | 14 | 203.0 KB | 10.75× |")


def test_small_ratios_keep_a_decimal():
    assert report.ratio(3.94) == "1/3.9"
    assert report.ratio(15.2) == "1/15"

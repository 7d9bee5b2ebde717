"""`stridelift load` and `stridelift plan --history` as a runner uses them: watch files in, a load
table and chart out, and a plan that follows the recorded running."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from garmin_fit_sdk import Encoder

from tests.conftest import ROOT

FIT_EPOCH = 631065600
PROFILE = """
[athlete]
name = "History"
experience = "intermediate"
max_hr = 190
resting_hr = 48
[equipment]
available = ["dumbbells", "barbell", "bench", "band", "box", "machine", "cable", "pullup_bar"]
[availability]
sessions_per_week_max = 3
minutes_per_session = 60
[running]
week = [
  { day = "tue", type = "interval", minutes = 50 },
  { day = "thu", type = "easy", minutes = 40 },
  { day = "sat", type = "long", minutes = 90 },
]
[plan]
start = "2027-03-01"
end = "2027-04-25"
"""


def fit_run(start: dt.datetime, minutes: int, hr: int, speed: float) -> bytes:
    """A running activity written with Garmin's own encoder: one record every 5 s."""
    t0 = int(start.timestamp()) - FIT_EPOCH
    enc = Encoder()
    enc.write_mesg(
        {
            "mesg_num": 0,
            "type": 4,
            "manufacturer": 1,
            "product": 3113,
            "serial_number": t0 % 100000 + 1,
            "time_created": t0,
        }
    )
    n = minutes * 12
    for i in range(n):
        enc.write_mesg(
            {
                "mesg_num": 20,
                "timestamp": t0 + 5 * i,
                "heart_rate": hr + (i % 7) - 3,
                "speed": speed,
                "distance": speed * 5 * i,
                "altitude": 100.0,
            }
        )
    enc.write_mesg(
        {
            "mesg_num": 18,
            "timestamp": t0 + 5 * n,
            "start_time": t0,
            "sport": 1,
            "sub_sport": 0,
            "total_elapsed_time": float(5 * n),
            "total_timer_time": float(5 * n),
            "total_distance": speed * 5 * n,
            "avg_heart_rate": hr,
            "max_heart_rate": hr + 3,
        }
    )
    return bytes(enc.close())


def write_history(folder: Path, last_day: dt.date, weeks: int, spike_days: int = 0) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    day = last_day - dt.timedelta(weeks=weeks)
    while day <= last_day:
        heavy = (last_day - day).days < spike_days
        if day.weekday() in (1, 3, 5) or heavy:
            minutes = 140 if heavy else 45
            data = fit_run(dt.datetime.combine(day, dt.time(7), dt.UTC), minutes, 168 if heavy else 145, 3.2)
            name = folder / f"{day.isoformat()}.fit.gz"
            name.write_bytes(gzip.compress(data))
            n += 1
        day += dt.timedelta(days=1)
    return n


def cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STRIDELIFT_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "stridelift.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_import_then_load_table_and_chart(tmp_path: Path) -> None:
    watch = tmp_path / "watch"
    n = write_history(watch, dt.date(2027, 2, 27), weeks=10, spike_days=6)
    db = tmp_path / "s.db"
    r = cli("import", str(watch), db=db)
    assert r.returncode == 0, r.stdout + r.stderr
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    chart = tmp_path / "load.html"
    r = cli("load", "--weeks", "6", "--profile", str(profile), "-o", str(chart), db=db)
    assert r.returncode == 0, r.stderr
    assert f"{n} activities" in r.stdout
    assert "Running load by week" in r.stdout and "ACWR" in r.stdout
    assert "load spikes (ACWR > 1.5)" in r.stdout  # the last, much bigger week
    assert "max 190, resting 48 (profile" in r.stdout
    html = chart.read_text()
    assert html.count('id="load-spec"') == 1 and html.count('<figure id="chart"') == 1
    assert "Running load 20" in html and "<h2>By week</h2>" in html


def test_plan_follows_history_given_as_files_or_database(tmp_path: Path) -> None:
    watch = tmp_path / "watch"
    write_history(watch, dt.date(2027, 2, 28), weeks=8, spike_days=6)
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    db = tmp_path / "s.db"
    plain = json.loads(cli("plan", str(profile), db=db).stdout)
    from_files = cli("plan", str(profile), "--history", str(watch), db=db)
    assert from_files.returncode == 0, from_files.stderr
    adapted = json.loads(from_files.stdout)
    codes = {w["code"] for w in adapted["warnings"]}
    assert codes & {"LOAD_SPIKE", "LOAD_OVERLOAD"}
    assert not {w["code"] for w in plain["warnings"]} & {"LOAD_SPIKE", "LOAD_OVERLOAD"}
    first_days = [s for s in adapted["sessions"] if s["date"] <= "2027-03-04"]
    assert first_days and all("A-LOAD-SPIKE" in s["why"] for s in first_days)
    assert not any(s["heavy_lower"] for s in first_days)
    assert cli("import", str(watch), db=db).returncode == 0
    from_db = cli("plan", str(profile), "--history", str(db), db=db)
    assert from_db.returncode == 0, from_db.stderr
    assert json.loads(from_db.stdout)["sessions"] == adapted["sessions"]


def test_history_errors_are_one_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    r = cli("plan", str(profile), "--history", str(tmp_path / "nope"), db=tmp_path / "s.db")
    assert r.returncode == 2 and "no such file or folder" in r.stderr and "Traceback" not in r.stderr
    r = cli("load", db=tmp_path / "empty.db")
    assert r.returncode == 2 and "no activities" in r.stderr

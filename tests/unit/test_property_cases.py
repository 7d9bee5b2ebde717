"""Profiles the random property test (tests/property/test_random_profiles.py) drew that planned with hard
violations, written out: each plans with none now. The comment on each says what went wrong."""

from __future__ import annotations

from typing import Any

import pytest

from stridelift.catalog import load_library, load_rules, load_templates
from stridelift.domain.checker import check_plan, hard_violations
from stridelift.profile import parse_profile
from stridelift.services import plan_athlete


def _week(*runs: tuple[str, str, int, str]) -> list[dict[str, Any]]:
    return [{"day": d, "type": t, "minutes": m, "slot": s} for d, t, m, s in runs]


CASES: dict[str, dict[str, Any]] = {
    # I-STAGED: the plan starts on a Sunday, so its first week held one run and every full week after it
    # seemed to build; the plantar fascia's recovering stage (9 weeks) outlasts the 8-week plan
    "sunday_start_plantar_recovering": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["sat"]},
        "running": {
            "week": _week(
                ("mon", "rest", 144, "pm"),
                ("tue", "long", 138, "am"),
                ("wed", "hills", 40, "am"),
                ("thu", "hills", 180, "am"),
                ("fri", "easy", 92, "pm"),
                ("sat", "hills", 117, "am"),
                ("sun", "tempo", 163, "pm"),
            )
        },
        "races": [],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "plantar_fascia", "status": "recovering"}],
        "plan": {"start": "2027-07-18", "end": "2027-09-10"},
    },
    # E-NO-RACE-DAY: a C marathon on a Saturday and another on the Monday after; the Monday was one of the
    # walking days after the first race, which allowed a mobility session without asking if it was a race
    "race_on_a_walking_day": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": 20, "days": ["mon"]},
        "running": {
            "week": _week(
                ("mon", "easy", 71, "am"),
                ("tue", "long", 59, "pm"),
                ("wed", "tempo", 132, "pm"),
                ("wed", "easy", 30, "am"),
                ("thu", "long", 135, "am"),
                ("fri", "easy", 145, "am"),
                ("sat", "easy", 63, "pm"),
                ("sun", "easy", 40, "am"),
            )
        },
        "races": [
            {"date": "2027-10-23", "distance": "marathon", "priority": "C"},
            {"date": "2027-10-25", "distance": "ultra", "priority": "C"},
        ],
        "injuries": [{"area": "shin", "status": "history"}, {"area": "hamstring", "status": "flaring"}],
        "plan": {"start": "2027-08-01", "end": "2027-11-18"},
    },
    # I-REHAB-LAST: a 15-minute session compacted its BOSU squat; the memo's next balance variant (a BOSU
    # stance, E-BALANCE-VARIETY) came in at its full 30 s hold beside the recovering Achilles' and shin's
    # shortened raises
    "balance_turn_in_a_compacted_session": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {"available": ["dumbbells", "foam_roller", "bosu"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["mon"]},
        "running": {
            "week": _week(
                ("mon", "tempo", 163, "pm"),
                ("tue", "long", 67, "am"),
                ("wed", "easy", 23, "am"),
                ("thu", "interval", 62, "pm"),
                ("fri", "long", 39, "am"),
                ("sat", "rest", 27, "pm"),
                ("sun", "tempo", 133, "pm"),
            )
        },
        "races": [
            {"date": "2028-05-27", "distance": 60, "priority": "C"},
            {"date": "2028-07-01", "distance": "half", "priority": "C"},
            {"date": "2028-07-24", "distance": "ultra", "priority": "B"},
        ],
        "injuries": [{"area": "achilles", "status": "recovering"}, {"area": "shin", "status": "recovering"}],
        "plan": {"start": "2027-08-25", "end": "2028-08-13"},
    },
    # I-REHAB-LAST: 18 minutes for a maintenance session; a history hamstring's Nordic curls (a lift at 5
    # reps) stayed beside the hip thrust while the flaring knee's wall sit was shortened
    "heavy_injury_add_beside_a_shortened_hold": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": ["bench"]},
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 18, "days": ["thu", "mon", "fri", "wed"]},
        "running": {
            "week": _week(
                ("mon", "easy", 20, "am"),
                ("tue", "rest", 124, "pm"),
                ("wed", "interval", 40, "pm"),
                ("thu", "long", 166, "am"),
                ("fri", "easy", 40, "am"),
                ("sat", "easy", 114, "am"),
                ("sun", "easy", 130, "am"),
            )
        },
        "races": [
            {"date": "2026-02-23", "distance": "half", "priority": "A"},
            {"date": "2026-03-20", "distance": "half", "priority": "A"},
        ],
        "injuries": [{"area": "hamstring", "status": "history"}, {"area": "knee", "status": "flaring"}],
        "plan": {"start": "2026-01-20", "end": "2026-06-18"},
    },
    # E-DELOAD-LIGHTER: the hamstring's Nordic curls (history: added for the injury) climb half an RPE a
    # session after a break (E-NORDIC-DOSE); the off-season's lighter week took the next step, 6 after 5.5
    "nordic_ramp_in_a_lighter_week": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {
            "available": [
                "pullup_bar",
                "bench",
                "stability_ball",
                "medicine_ball",
                "machine",
                "barbell",
                "balance_disc",
            ]
        },
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 57, "days": ["wed", "sat"]},
        "running": {
            "week": _week(
                ("mon", "easy", 178, "am"),
                ("tue", "hills", 144, "pm"),
                ("wed", "hills", 129, "am"),
                ("thu", "easy", 76, "am"),
                ("fri", "easy", 119, "am"),
                ("fri", "easy", 30, "pm"),
                ("sat", "interval", 46, "pm"),
                ("sun", "long", 88, "pm"),
            )
        },
        "races": [
            {"date": "2027-04-29", "distance": "ultra", "priority": "A"},
            {"date": "2027-05-19", "distance": "5k", "priority": "B"},
            {"date": "2027-06-27", "distance": "10k", "priority": "C"},
            {"date": "2027-09-22", "distance": 15, "priority": "C"},
        ],
        "injuries": [{"area": "shin", "status": "flaring"}, {"area": "hamstring", "status": "flaring"}],
        "plan": {"start": "2027-03-08", "end": "2027-10-16"},
    },
    # S1-CIRCUIT / E-CIRCUIT-DOSE: a novice's first circuit day (25 minutes) could not hold a circuit and became
    # core and balance, but the novice ramp counted from it: the first real circuit's next week took the
    # ramp's second step (2x15, held to 13 reps) while the checker counts from the first circuit done
    "novice_ramp_from_a_circuit_not_held": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["dumbbells", "kettlebell"]},
        "availability": {
            "sessions_per_week_max": 2,
            "minutes_per_session": 25,
            "days": ["wed", "fri", "sun", "thu", "sat", "mon"],
        },
        "running": {
            "week": _week(
                ("mon", "easy", 38, "pm"),
                ("tue", "easy", 133, "pm"),
                ("wed", "easy", 119, "pm"),
                ("thu", "easy", 29, "am"),
                ("fri", "easy", 92, "am"),
                ("sat", "easy", 119, "am"),
                ("sat", "easy", 30, "pm"),
                ("sun", "easy", 40, "pm"),
                ("sun", "easy", 30, "am"),
            )
        },
        "races": [{"date": "2027-04-22", "distance": 15, "priority": "C"}],
        "injuries": [{"area": "hamstring", "status": "recovering"}],
        "plan": {"start": "2027-03-20", "end": "2027-05-04"},
    },
    # E-DELOAD-LIGHTER: a flaring knee capped the maintenance calf raise at RPE 6; the knee's next stage lifted
    # the cap in the very week of a deload, and the deload's 6.5 stood above the last ordinary 6
    "lighter_week_after_a_lifted_cap": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {
            "available": [
                "medicine_ball",
                "stability_ball",
                "bosu",
                "foam_roller",
                "barbell",
                "dumbbells",
                "kettlebell",
                "pullup_bar",
                "box",
                "balance_disc",
            ]
        },
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 87,
            "days": ["tue", "mon", "sun", "sat", "wed", "fri", "thu"],
        },
        "running": {
            "week": _week(
                ("mon", "rest", 87, "pm"),
                ("tue", "easy", 122, "am"),
                ("wed", "hills", 146, "am"),
                ("wed", "easy", 30, "pm"),
                ("thu", "hills", 89, "am"),
                ("fri", "easy", 103, "am"),
                ("sat", "rest", 125, "pm"),
                ("sun", "rest", 179, "am"),
            )
        },
        "races": [
            {"date": "2026-08-07", "distance": "10k", "priority": "A"},
            {"date": "2026-08-16", "distance": 15, "priority": "B"},
            {"date": "2026-09-08", "distance": 15, "priority": "B"},
        ],
        "injuries": [{"area": "knee", "status": "flaring"}, {"area": "achilles", "status": "history"}],
        "plan": {"start": "2026-07-28", "end": "2026-12-30"},
    },
    # E-NORDIC-DOSE: the Nordics' restart after seven weeks (E-NORDIC-RESTART) came at the first session's RPE 6
    # when the last session before the break was at RPE 5 (a rise of a whole point)
    "nordic_restart_above_the_last_effort": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": ["dumbbells", "bench"]},
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 74, "days": ["sun", "sat", "fri", "tue"]},
        "running": {
            "week": _week(
                ("mon", "interval", 169, "pm"),
                ("tue", "long", 26, "pm"),
                ("wed", "long", 97, "pm"),
                ("thu", "hills", 79, "am"),
                ("fri", "tempo", 116, "am"),
                ("sat", "easy", 21, "am"),
                ("sun", "easy", 135, "am"),
            )
        },
        "races": [
            {"date": "2026-04-16", "distance": "5k", "priority": "A"},
            {"date": "2026-05-21", "distance": "5k", "priority": "A"},
            {"date": "2026-07-03", "distance": "5k", "priority": "A"},
        ],
        "injuries": [{"area": "shin", "status": "recovering"}],
        "plan": {"start": "2026-03-07", "end": "2026-08-30"},
    },
    # E-FREQUENCY: in a C half's recovery the known stand-ins (E-POST-RACE-REST) made a 15-minute runner's
    # core and balance session 16 minutes, and it held one stretch only (the stretches go first)
    "recovery_stand_ins_past_the_minutes": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["fri"]},
        "running": {
            "week": _week(
                ("mon", "easy", 98, "pm"),
                ("mon", "easy", 30, "am"),
                ("tue", "hills", 75, "pm"),
                ("wed", "hills", 82, "pm"),
                ("thu", "easy", 89, "pm"),
                ("fri", "hills", 160, "pm"),
                ("sat", "rest", 150, "pm"),
                ("sun", "hills", 115, "pm"),
            )
        },
        "races": [{"date": "2026-03-06", "distance": "half", "priority": "C"}],
        "injuries": [{"area": "achilles", "status": "history"}],
        "plan": {"start": "2026-01-11", "end": "2026-03-13"},
    },
    # I-STAGED: a flaring shin and knee whose stages end inside an off-season block: its long runs stay at the
    # off-season's 90 minutes (R-RUNS-BY-PHASE), under the flares' caps, and were read as a held flare
    "off_season_long_runs_after_a_flare": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": ["band", "bench"]},
        "availability": {
            "sessions_per_week_max": 3,
            "minutes_per_session": 35,
            "days": ["wed", "mon", "sun", "thu", "tue", "sat", "fri"],
        },
        "running": {
            "week": _week(
                ("mon", "hills", 50, "am"),
                ("tue", "hills", 106, "am"),
                ("wed", "tempo", 32, "am"),
                ("wed", "easy", 30, "pm"),
                ("thu", "easy", 152, "pm"),
                ("fri", "long", 160, "am"),
                ("sat", "long", 169, "pm"),
                ("sun", "easy", 91, "pm"),
            )
        },
        "races": [{"date": "2026-07-01", "distance": 60, "priority": "C"}],
        "injuries": [{"area": "shin", "status": "flaring"}, {"area": "knee", "status": "flaring"}],
        "plan": {"start": "2026-04-09", "end": "2026-07-26"},
    },
    # E-HEAVY-KEEP: the week of 21 Jun mixes the base's last day (Mon) and the build (Tue on); the build's
    # menu asks for a full heavy session, which the base Monday does not allow, so it went to Friday, 11 days
    # after the last; the base's short heavy session on the Monday keeps the legs in time
    "keep_due_on_a_mixed_week": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {
            "available": [
                "bosu",
                "dumbbells",
                "stability_ball",
                "kettlebell",
                "machine",
                "pullup_bar",
                "medicine_ball",
                "balance_disc",
                "cable",
                "box",
                "foam_roller",
                "bench",
                "trap_bar",
                "barbell",
            ]
        },
        "availability": {"sessions_per_week_max": 3, "minutes_per_session": 88, "days": ["fri", "mon"]},
        "running": {
            "week": _week(
                ("mon", "easy", 44, "am"),
                ("tue", "rest", 35, "am"),
                ("wed", "easy", 20, "pm"),
                ("thu", "easy", 65, "am"),
                ("fri", "easy", 20, "am"),
                ("sat", "easy", 39, "am"),
                ("sun", "interval", 179, "am"),
            )
        },
        "races": [{"date": "2027-08-16", "distance": "10k", "priority": "A"}],
        "injuries": [],
        "plan": {"start": "2027-04-22", "end": "2027-08-16"},
    },
    # E-HEAVY-KEEP: another drawn week mixing two phases whose heavy kinds differ (12 days without heavy legs)
    "keep_due_on_a_mixed_week_2": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": ["barbell"]},
        "availability": {
            "sessions_per_week_max": 4,
            "minutes_per_session": 38,
            "days": ["sat", "mon", "tue", "sun", "wed", "fri"],
        },
        "running": {
            "week": _week(
                ("mon", "rest", 60, "am"),
                ("tue", "easy", 166, "am"),
                ("wed", "easy", 108, "pm"),
                ("thu", "hills", 157, "pm"),
                ("fri", "easy", 50, "am"),
                ("sat", "interval", 76, "pm"),
                ("sat", "easy", 30, "am"),
                ("sun", "easy", 131, "am"),
            )
        },
        "races": [
            {"date": "2028-01-06", "distance": "ultra", "priority": "C"},
            {"date": "2028-04-12", "distance": "marathon", "priority": "A"},
            {"date": "2028-10-12", "distance": "ultra", "priority": "B"},
            {"date": "2028-12-20", "distance": "half", "priority": "B"},
        ],
        "injuries": [{"area": "hamstring", "status": "flaring"}],
        "plan": {"start": "2027-12-19", "end": "2028-12-20"},
    },
    # I-STAGED: a recovering knee staged by its data (six weeks) in a plan that ends before its next stage, with
    # a race: the check asked for the 'held' warning the data gives only to areas it does not stage
    "stage_outlasting_a_short_plan": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {
            "available": [
                "bench",
                "bosu",
                "balance_disc",
                "pullup_bar",
                "band",
                "foam_roller",
                "barbell",
                "cable",
                "box",
                "kettlebell",
                "stability_ball",
                "machine",
            ]
        },
        "availability": {"sessions_per_week_max": 5, "minutes_per_session": 67, "days": ["sun", "sat"]},
        "running": {
            "week": _week(
                ("mon", "easy", 150, "am"),
                ("tue", "interval", 99, "pm"),
                ("wed", "interval", 127, "pm"),
                ("thu", "interval", 180, "pm"),
                ("fri", "interval", 107, "am"),
                ("sat", "interval", 160, "am"),
                ("sun", "easy", 21, "am"),
            )
        },
        "races": [
            {"date": "2026-12-04", "distance": "marathon", "priority": "A"},
            {"date": "2026-12-14", "distance": "10k", "priority": "B"},
            {"date": "2027-01-08", "distance": "marathon", "priority": "C"},
        ],
        "injuries": [{"area": "knee", "status": "recovering"}],
        "plan": {"start": "2026-11-29", "end": "2027-01-09"},
    },
    # E-NORDIC-DOSE: the Nordics' rising dose counted a session whose Nordics the race's quiet tendon days
    # (I-RACE-TENDON) then dropped, so the next one rose a whole point over the last one done (6 after 5)
    "nordic_dropped_for_a_race_tendon": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {
            "available": [
                "dumbbells",
                "bench",
                "medicine_ball",
                "pullup_bar",
                "balance_disc",
                "stability_ball",
                "machine",
                "barbell",
                "band",
                "cable",
            ]
        },
        "availability": {"sessions_per_week_max": 4, "minutes_per_session": 40, "days": ["sun", "sat"]},
        "running": {
            "week": _week(
                ("mon", "interval", 34, "am"),
                ("tue", "tempo", 177, "pm"),
                ("wed", "tempo", 100, "pm"),
                ("thu", "interval", 20, "pm"),
                ("fri", "tempo", 98, "pm"),
                ("sat", "tempo", 157, "am"),
                ("sun", "easy", 100, "am"),
            )
        },
        "races": [
            {"date": "2027-06-27", "distance": "marathon", "priority": "C"},
            {"date": "2027-12-27", "distance": "10k", "priority": "C"},
            {"date": "2028-02-20", "distance": 15, "priority": "A"},
            {"date": "2028-04-18", "distance": "10k", "priority": "A"},
        ],
        "injuries": [{"area": "hamstring", "status": "recovering"}],
        "plan": {"start": "2027-06-27", "end": "2028-06-25"},
    },
    # R-RAMP-BACK: the week's runs were scaled to fit 10% over the weeks before, but runs held at 10 minutes
    # and rounded to 5 left it at 195 minutes against 192
    "ramp_back_rounding_over_the_week": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": ["bosu", "bench"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 49, "days": ["fri"]},
        "running": {
            "week": _week(
                ("mon", "tempo", 34, "am"),
                ("tue", "hills", 151, "am"),
                ("wed", "rest", 85, "am"),
                ("thu", "long", 20, "am"),
                ("fri", "tempo", 179, "am"),
                ("fri", "easy", 30, "pm"),
                ("sat", "long", 30, "pm"),
                ("sun", "easy", 133, "pm"),
            )
        },
        "races": [
            {"date": "2026-07-22", "distance": "ultra", "priority": "A"},
            {"date": "2026-08-06", "distance": "ultra", "priority": "A"},
            {"date": "2026-08-20", "distance": "ultra", "priority": "A"},
            {"date": "2026-09-13", "distance": "5k", "priority": "C"},
        ],
        "injuries": [{"area": "knee", "status": "history"}],
        "plan": {"start": "2026-05-25", "end": "2026-11-24"},
    },
    # I-STAGED: 2026-04-17 knee: every one of 8 long runs after its stages end stays at the flare's cap of 50 min
    # (usual 70); fixed with the shorter B-race recoveries and the cap's step (it was an open case)
    "knee_long_runs_at_the_flare_cap": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {"available": ["dumbbells", "machine", "bench", "cable", "trap_bar"]},
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 45,
            "days": ["mon", "thu", "tue", "sun"],
        },
        "running": {
            "week": _week(
                ("mon", "long", 63, "am"),
                ("tue", "long", 70, "am"),
                ("wed", "hills", 85, "am"),
                ("thu", "tempo", 180, "am"),
                ("fri", "long", 24, "am"),
                ("fri", "easy", 30, "pm"),
                ("sat", "hills", 125, "pm"),
                ("sun", "interval", 93, "am"),
            )
        },
        "races": [
            {"date": "2026-03-25", "distance": 60, "priority": "A"},
            {"date": "2026-03-30", "distance": "10k", "priority": "A"},
            {"date": "2026-05-05", "distance": 60, "priority": "B"},
            {"date": "2026-06-04", "distance": "10k", "priority": "A"},
        ],
        "injuries": [{"area": "ankle", "status": "recovering"}, {"area": "knee", "status": "recovering"}],
        "plan": {"start": "2026-03-06", "end": "2026-06-11"},
    },
    # R-PEAK-LONG-RUN (an open case until this session): a tune-up 15 km race 31 days before an A ultra: its
    # recovery week and the taper's first step (80% from 21 days out) covered the whole 28-17-day window.
    "tune_up_recovery_over_the_peak_long_run": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["medicine_ball"]},
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 65,
            "days": ["mon", "sun", "tue", "thu", "fri", "wed", "sat"],
        },
        "running": {
            "week": _week(
                ("mon", "interval", 89, "am"),
                ("tue", "easy", 102, "pm"),
                ("wed", "hills", 142, "pm"),
                ("thu", "easy", 73, "am"),
                ("fri", "long", 115, "am"),
                ("sat", "tempo", 109, "pm"),
                ("sun", "interval", 168, "pm"),
            )
        },
        "races": [
            {"date": "2026-07-07", "distance": "10k", "priority": "B"},
            {"date": "2026-09-09", "distance": "5k", "priority": "C"},
            {"date": "2026-09-20", "distance": 15, "priority": "C"},
            {"date": "2026-10-21", "distance": "ultra", "priority": "A"},
        ],
        "injuries": [],
        "plan": {"start": "2026-05-18", "end": "2026-11-21"},
    },
    # I-STAGED: a 20-minute usual long run capped at 15 while the knee flared; a week of 45 minutes cannot
    # rise by a 5-minute step within R-RAMP-BACK's 10%, so the cap is within one step (step_min)
    "knee_cap_within_a_step_of_the_usual_long_run": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["mon"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "long", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "fri", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "rest", "minutes": 20, "slot": "am"},
            ]
        },
        "races": [],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "knee", "status": "flaring"}],
        "plan": {"start": "2026-01-05", "end": "2026-04-19"},
    },
    # R-RUN-NOTES: the taper cut the built 35-minute long run to the usual 20; its note is its own, not the
    # evening run's
    "taper_cut_lands_on_the_usual_minutes": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": []},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 15, "days": ["mon"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "long", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "fri", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "rest", "minutes": 20, "slot": "am"},
            ]
        },
        "races": [
            {"date": "2026-01-05", "distance": "5k", "priority": "A"},
            {"date": "2026-02-06", "distance": "half", "priority": "A"},
        ],
        "injuries": [],
        "plan": {"start": "2026-01-05", "end": "2026-02-08"},
    },
    # S2-UPPER-INSTEAD: a novice whose only upper lift in reach is the pull-up gets its band-assisted
    # regression, which no dose makes heavy; the check no longer counts hard bodyweight lifts for a novice
    "novice_pull_up_only": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["kettlebell", "band", "pullup_bar"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 40, "days": ["wed"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 180, "slot": "am"},
                {"day": "tue", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "long", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "fri", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "rest", "minutes": 20, "slot": "am"},
            ]
        },
        "races": [
            {"date": "2026-03-02", "distance": "5k", "priority": "B"},
            {"date": "2026-04-27", "distance": "5k", "priority": "A"},
            {"date": "2026-04-28", "distance": "5k", "priority": "A"},
            {"date": "2026-04-29", "distance": "5k", "priority": "A"},
        ],
        "injuries": [],
        "plan": {"start": "2026-03-02", "end": "2027-03-06"},
    },
    # (open until this session) S2-UPPER-INSTEAD: the peak phase from 2027-03-25 without leg strength
    # work holds no heavy upper-body work either (a novice's upper lifts still at their learning dose)
    "peak_without_upper_either": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {"available": ["band", "pullup_bar", "barbell", "stability_ball", "foam_roller"]},
        "availability": {"sessions_per_week_max": 4, "minutes_per_session": 77, "days": ["tue", "mon", "sun", "fri"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 60, "slot": "am"},
                {"day": "tue", "type": "tempo", "minutes": 143, "slot": "pm"},
                {"day": "wed", "type": "long", "minutes": 69, "slot": "am"},
                {"day": "thu", "type": "long", "minutes": 125, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "fri", "type": "interval", "minutes": 170, "slot": "pm"},
                {"day": "sat", "type": "long", "minutes": 80, "slot": "pm"},
                {"day": "sun", "type": "long", "minutes": 29, "slot": "pm"},
            ]
        },
        "races": [
            {"date": "2027-05-05", "distance": "ultra", "priority": "A"},
            {"date": "2027-07-03", "distance": "ultra", "priority": "B"},
            {"date": "2027-07-14", "distance": "ultra", "priority": "B"},
        ],
        "injuries": [],
        "plan": {"start": "2027-03-02", "end": "2027-12-13"},
    },  # E-UPPER-CONTENT: a runner with machines only has no push a heavy dose can load (the plan's push is a
    # bodyweight pike push-up), so the upper-body day is a row alone: judged only where both can be loaded
    "machines_row_without_a_loadable_push": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": ["machine"]},
        "availability": {
            "sessions_per_week_max": 1,
            "minutes_per_session": 61,
            "days": ["mon", "fri", "wed", "sun", "thu"],
        },
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 68, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "wed", "type": "long", "minutes": 60, "slot": "pm"},
                {"day": "wed", "type": "easy", "minutes": 30, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 168, "slot": "am"},
                {"day": "fri", "type": "tempo", "minutes": 159, "slot": "pm"},
                {"day": "fri", "type": "easy", "minutes": 30, "slot": "am"},
                {"day": "sat", "type": "hills", "minutes": 124, "slot": "am"},
                {"day": "sun", "type": "long", "minutes": 174, "slot": "pm"},
            ]
        },
        "races": [
            {"date": "2028-06-25", "distance": "half", "priority": "C"},
            {"date": "2028-11-13", "distance": "half", "priority": "B"},
            {"date": "2028-11-30", "distance": "10k", "priority": "B"},
            {"date": "2028-12-24", "distance": 15, "priority": "B"},
        ],
        "injuries": [{"area": "shin", "status": "recovering"}],
        "plan": {"start": "2028-06-23", "end": "2029-03-01"},
    },
    # E-FIRST-LIFT: the plan starts on a Thursday, so its first week's only strength day is the eve of the
    # Sunday long run and takes the reduced leg dose in a core day; the planner counted that dose as the plan's
    # first lower-body strength session, the checker (by format) did not, and the next Monday's heavy day
    # went at full effort instead of as the introduction
    "first_week_eve_dose_then_first_lifts": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {
            "available": [
                "dumbbells",
                "balance_disc",
                "kettlebell",
                "band",
                "bosu",
                "stability_ball",
                "bench",
                "pullup_bar",
            ]
        },
        "availability": {"sessions_per_week_max": 4, "minutes_per_session": 84, "days": ["mon", "tue", "sat"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "wed", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "thu", "type": "easy", "minutes": 42, "slot": "am"},
                {"day": "thu", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "fri", "type": "long", "minutes": 20, "slot": "am"},
                {"day": "fri", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "sat", "type": "easy", "minutes": 161, "slot": "am"},
                {"day": "sat", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "sun", "type": "long", "minutes": 29, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": [],
        "injuries": [],
        "plan": {"start": "2026-08-27", "end": "2026-10-28"},
    },
    # E-SESSION-TITLE: a Wednesday heavy session lost its Nordic curl (its only heavy
    # set, a 161-minute long run three days on: E-ECCENTRIC-LONG); the title became "Strength A" but the note
    # still said "Heavy A: full rest between heavy sets"
    "nordic_left_its_heavy_note": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "north"},
        "equipment": {
            "available": [
                "dumbbells",
                "balance_disc",
                "kettlebell",
                "band",
                "pullup_bar",
                "medicine_ball",
                "foam_roller",
                "bench",
            ]
        },
        "availability": {"sessions_per_week_max": 4, "minutes_per_session": 84, "days": ["thu", "wed"]},
        "running": {
            "week": _week(
                ("mon", "rest", 20, "am"),
                ("tue", "easy", 20, "am"),
                ("tue", "easy", 30, "pm"),
                ("wed", "easy", 20, "am"),
                ("wed", "easy", 30, "pm"),
                ("thu", "easy", 20, "am"),
                ("thu", "easy", 30, "pm"),
                ("fri", "long", 20, "am"),
                ("fri", "easy", 30, "pm"),
                ("sat", "long", 161, "am"),
                ("sat", "easy", 30, "pm"),
                ("sun", "easy", 20, "am"),
                ("sun", "easy", 30, "pm"),
            )
        },
        "races": [],
        "injuries": [],
        "plan": {"start": "2026-08-27", "end": "2026-10-28"},
    },
    # E-HEAVY-KEEP (open until this session): the first week's heavy session on its Monday and a circuit on its
    # Sunday; the Sunday's leg fatigue keeps next Monday free of heavy legs (E-LEG-FATIGUE), and next week's next
    # heavy day came 11 days on. The look-ahead now reads next week after a tired Sunday too
    # (keeping.spare_next_monday).
    "sunday_circuit_blocks_the_keep": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {
            "available": [
                "medicine_ball",
                "kettlebell",
                "pullup_bar",
                "cable",
                "box",
                "trap_bar",
                "machine",
                "bosu",
                "balance_disc",
                "bench",
                "dumbbells",
                "stability_ball",
                "band",
                "foam_roller",
            ]
        },
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 72,
            "days": ["sun", "mon", "tue", "thu", "sat", "fri", "wed"],
        },
        "running": {
            "week": _week(
                ("mon", "rest", 110, "am"),
                ("tue", "rest", 137, "pm"),
                ("wed", "hills", 132, "pm"),
                ("thu", "long", 21, "pm"),
                ("fri", "easy", 85, "am"),
                ("fri", "easy", 30, "pm"),
                ("sat", "easy", 165, "pm"),
                ("sun", "easy", 32, "pm"),
            )
        },
        "races": [],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "low_back", "status": "flaring"}],
        "plan": {"start": "2026-01-05", "end": "2026-02-10"},
    },
    # E-EASIER-FIRST (open until this session): 2026-04-24, in a C half's recovery, a core exercise with no known
    # one of its target is kept (S3-CORE-ORDER), and that path skipped the step down: the long-lever Copenhagen
    # plank came before its short lever. The kept exercise now steps down too (familiar.settle).
    "copenhagen_before_its_easier_version": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {
            "available": [
                "machine",
                "band",
                "bench",
                "trap_bar",
                "foam_roller",
                "box",
                "cable",
                "medicine_ball",
                "balance_disc",
                "stability_ball",
            ]
        },
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 65, "days": ["fri", "sat"]},
        "running": {
            "week": _week(
                ("mon", "long", 58, "am"),
                ("tue", "long", 168, "am"),
                ("wed", "long", 112, "pm"),
                ("wed", "easy", 30, "am"),
                ("thu", "easy", 110, "pm"),
                ("fri", "tempo", 165, "pm"),
                ("sat", "hills", 173, "am"),
                ("sun", "easy", 41, "am"),
            )
        },
        "races": [
            {"date": "2026-04-21", "distance": "half", "priority": "C"},
            {"date": "2026-05-01", "distance": 60, "priority": "C"},
        ],
        "injuries": [{"area": "low_back", "status": "flaring"}],
        "plan": {"start": "2026-04-08", "end": "2026-05-16"},
    },
    # E-HEAVY-WAVE (open until this session): a flaring Achilles capped the heavy lifts at RPE 6; the deload week's
    # RPE (the block's less its drop) was capped to the same 6 and its sets were already the compacted session's
    # two, so the deload repeated the dose: four weeks at 2x8 @ 68% RPE 6. The drop is now taken under the cap
    # (deload_cap.deload_under_cap).
    "heavy_dose_flat_four_weeks": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {
            "available": [
                "balance_disc",
                "dumbbells",
                "bosu",
                "barbell",
                "kettlebell",
                "foam_roller",
                "bench",
                "medicine_ball",
                "box",
            ]
        },
        "availability": {
            "sessions_per_week_max": 3,
            "minutes_per_session": 26,
            "days": ["mon", "tue", "fri", "wed", "thu", "sat", "sun"],
        },
        "running": {
            "week": _week(
                ("mon", "hills", 110, "am"),
                ("tue", "easy", 134, "pm"),
                ("wed", "tempo", 120, "am"),
                ("thu", "easy", 86, "pm"),
                ("fri", "easy", 90, "am"),
                ("sat", "long", 73, "am"),
                ("sun", "easy", 84, "pm"),
            )
        },
        "races": [{"date": "2027-10-06", "distance": "5k", "priority": "A"}],
        "injuries": [{"area": "achilles", "status": "flaring"}, {"area": "ankle", "status": "recovering"}],
        "plan": {"start": "2027-07-09", "end": "2028-05-08"},
    },
    # R-PEAK-LONG-RUN (open until this session; the check was wrong by the rule's own text): an A half 29 days
    # before an A marathon has its own taper, race week and recovery, which cover the 28-17-day window; an A race is
    # no tune-up (one run in training) and leaves no build to the marathon to judge (tune_up_priorities = B, C).
    "peak_long_run_short": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {"available": ["barbell", "band", "machine"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 46, "days": ["fri"]},
        "running": {
            "week": _week(
                ("mon", "long", 53, "pm"),
                ("tue", "long", 54, "am"),
                ("wed", "hills", 42, "pm"),
                ("thu", "long", 160, "pm"),
                ("fri", "long", 117, "pm"),
                ("sat", "easy", 94, "am"),
                ("sun", "interval", 177, "pm"),
            )
        },
        "races": [
            {"date": "2027-04-15", "distance": "half", "priority": "A"},
            {"date": "2027-05-14", "distance": "marathon", "priority": "A"},
        ],
        "injuries": [{"area": "ankle", "status": "history"}, {"area": "plantar_fascia", "status": "history"}],
        "plan": {"start": "2027-02-03", "end": "2027-06-15"},
    },
    # R-PEAK-LONG-RUN (open until this session; the check was wrong by the rule's own text): an A 15 km race 22 days
    # before an A 60 km, its race week and recovery over the window; an A race is a goal of its own, not a tune-up,
    # so the 60 km is not judged on a build.
    "a_15k_a_race_in_the_peak_window": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "south"},
        "equipment": {"available": []},
        "availability": {
            "sessions_per_week_max": 2,
            "minutes_per_session": 54,
            "days": ["wed", "mon", "sat", "thu", "sun", "tue", "fri"],
        },
        "running": {
            "week": _week(
                ("mon", "easy", 133, "pm"),
                ("tue", "tempo", 26, "am"),
                ("wed", "rest", 122, "am"),
                ("thu", "long", 102, "am"),
                ("fri", "hills", 151, "am"),
                ("sat", "easy", 68, "pm"),
                ("sun", "easy", 127, "pm"),
            )
        },
        "races": [
            {"date": "2026-09-08", "distance": 15, "priority": "A"},
            {"date": "2026-09-30", "distance": 60, "priority": "A"},
            {"date": "2026-12-28", "distance": "ultra", "priority": "B"},
            {"date": "2027-04-14", "distance": "marathon", "priority": "C"},
        ],
        "injuries": [{"area": "plantar_fascia", "status": "history"}, {"area": "shin", "status": "recovering"}],
        "plan": {"start": "2026-07-09", "end": "2027-07-09"},
    },
    # E-OFFSEASON-REPS (drawn this session; the check was wrong by the rules' own text): dumbbells only, the goblet
    # squat the squat slot's lift; E-HEAVY-GRIP gives it 8 reps or more as no heavy leg lift, and the off-season
    # check asked for 6 in weeks 4-5. The check now leaves lifts the arms hold to E-HEAVY-GRIP.
    "goblet_squat_reps_in_the_offseason": {
        "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "north"},
        "equipment": {"available": ["foam_roller", "dumbbells"]},
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 90,
            "days": ["sun", "wed", "mon", "thu", "fri", "tue", "sat"],
        },
        "running": {
            "week": _week(
                ("mon", "hills", 125, "am"),
                ("tue", "easy", 109, "pm"),
                ("wed", "hills", 76, "pm"),
                ("thu", "hills", 48, "am"),
                ("fri", "rest", 87, "pm"),
                ("sat", "easy", 100, "am"),
                ("sun", "hills", 92, "am"),
            )
        },
        "races": [
            {"date": "2027-01-13", "distance": "10k", "priority": "A"},
            {"date": "2027-04-12", "distance": 60, "priority": "C"},
            {"date": "2027-05-11", "distance": "half", "priority": "C"},
            {"date": "2027-08-26", "distance": "ultra", "priority": "A"},
        ],
        "injuries": [{"area": "plantar_fascia", "status": "recovering"}],
        "plan": {"start": "2027-01-11", "end": "2027-09-11"},
    },
    # R-LONG-BUILD (drawn this session): an A marathon and an A 60 km nine days later; the long runs built toward
    # the marathon (150 min) and the 60 km's build weeks were the marathon's (build_days), so its shortfall (about
    # 180 asked) went unsaid. The plan's LONG_BUILD_SHORT warning now names an earlier A race in the build's weeks
    # (the rule's 'the plan's other races').
    "long_build_two_a_races": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["bench"]},
        "availability": {
            "sessions_per_week_max": 3,
            "minutes_per_session": 65,
            "days": ["sat", "sun", "fri", "wed", "mon", "thu", "tue"],
        },
        "running": {
            "week": _week(
                ("mon", "long", 59, "pm"),
                ("tue", "hills", 32, "am"),
                ("tue", "easy", 30, "pm"),
                ("wed", "rest", 120, "am"),
                ("thu", "easy", 29, "am"),
                ("fri", "easy", 28, "am"),
                ("sat", "rest", 159, "pm"),
                ("sun", "easy", 143, "pm"),
            )
        },
        "races": [
            {"date": "2027-01-18", "distance": "ultra", "priority": "B"},
            {"date": "2027-05-09", "distance": "marathon", "priority": "A"},
            {"date": "2027-05-18", "distance": 60, "priority": "A"},
            {"date": "2027-09-14", "distance": "5k", "priority": "B"},
        ],
        "injuries": [],
        "plan": {"start": "2026-12-05", "end": "2027-10-28"},
    },
    # R-LONG-BUILD (drawn this session): an A 10 km 18 days before an A ultra ends the ultra's build (build_days
    # stops at an earlier A race); the shortfall (69 min against about 180) is now said in the plan's warning,
    # naming the 10 km.
    "ultra_build_taken_by_an_a_10k": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {
            "available": [
                "bosu",
                "machine",
                "stability_ball",
                "medicine_ball",
                "foam_roller",
                "dumbbells",
                "barbell",
                "band",
                "trap_bar",
            ]
        },
        "availability": {"sessions_per_week_max": 5, "minutes_per_session": 56, "days": ["thu"]},
        "running": {
            "week": _week(
                ("mon", "tempo", 164, "pm"),
                ("tue", "rest", 56, "am"),
                ("wed", "long", 47, "pm"),
                ("thu", "easy", 83, "pm"),
                ("fri", "tempo", 120, "pm"),
                ("sat", "easy", 31, "pm"),
                ("sun", "long", 69, "am"),
            )
        },
        "races": [
            {"date": "2026-04-14", "distance": 15, "priority": "B"},
            {"date": "2026-06-27", "distance": "10k", "priority": "A"},
            {"date": "2026-07-15", "distance": "ultra", "priority": "A"},
            {"date": "2026-08-02", "distance": "5k", "priority": "A"},
        ],
        "injuries": [{"area": "low_back", "status": "recovering"}, {"area": "achilles", "status": "recovering"}],
        "plan": {"start": "2026-03-13", "end": "2026-12-18"},
    },
    # I-STAGED (drawn this session; the check was wrong by the rule's own words): four long runs a week (Mon, Wed,
    # Fri, Sun); the recovering shin's stages end in the marathon's taper, and two taper weeks and two weeks back
    # after the race held 11 long runs under the cap, read as a hold of 'weeks' (6). The hold is now counted in
    # weeks, as the parameter's name and 'fewer may be a taper or a return after a race' mean.
    "shin_long_runs_at_the_flare_cap": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
        "equipment": {
            "available": [
                "trap_bar",
                "medicine_ball",
                "bosu",
                "pullup_bar",
                "machine",
                "band",
                "cable",
                "box",
                "bench",
                "foam_roller",
                "barbell",
                "dumbbells",
                "stability_ball",
                "kettlebell",
                "balance_disc",
            ]
        },
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 15,
            "days": ["sun", "wed", "fri", "thu"],
        },
        "running": {
            "week": _week(
                ("mon", "long", 127, "am"),
                ("mon", "easy", 30, "pm"),
                ("tue", "easy", 40, "am"),
                ("wed", "long", 45, "am"),
                ("thu", "rest", 20, "am"),
                ("fri", "long", 20, "am"),
                ("sat", "hills", 58, "am"),
                ("sun", "long", 125, "pm"),
            )
        },
        "races": [{"date": "2026-06-21", "distance": "marathon", "priority": "A"}],
        "injuries": [{"area": "plantar_fascia", "status": "recovering"}, {"area": "shin", "status": "recovering"}],
        "plan": {"start": "2026-04-25", "end": "2026-07-15"},
    },
    # I-STAGED / R-LONG-AFTER-SEASON (drawn this session): a plan starting 12 days before an A marathon held only
    # the taper's 70-minute long run, so the long run after the season's last race was held at 70% of it (45 min)
    # for three months, under the recovering shin's cap long after its stages ended. The season's cap now counts the
    # usual long run when the plan starts inside the 12 weeks (season_end.season_cap).
    "shin_cap_after_the_season_race": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {
            "available": [
                "box",
                "trap_bar",
                "foam_roller",
                "stability_ball",
                "band",
                "cable",
                "dumbbells",
                "bench",
                "balance_disc",
            ]
        },
        "availability": {
            "sessions_per_week_max": 1,
            "minutes_per_session": 18,
            "days": ["sat", "fri", "sun", "thu", "wed", "tue", "mon"],
        },
        "running": {
            "week": _week(
                ("mon", "interval", 100, "pm"),
                ("tue", "interval", 179, "pm"),
                ("wed", "long", 117, "pm"),
                ("thu", "interval", 110, "am"),
                ("fri", "easy", 128, "am"),
                ("sat", "rest", 76, "am"),
                ("sun", "easy", 24, "am"),
            )
        },
        "races": [{"date": "2027-01-31", "distance": "marathon", "priority": "A"}],
        "injuries": [{"area": "achilles", "status": "recovering"}, {"area": "shin", "status": "recovering"}],
        "plan": {"start": "2027-01-19", "end": "2027-05-13"},
    },
    # R-RAMP-BACK (drawn this session, not traced): 515 minutes in the week of 29 Nov 2027 against 511 allowed,
    # after the season's last race (an A ultra in a plan starting 18 days before it); plans cleanly since the
    # season's cap counts the usual long run (season_end.season_cap), which changed the weeks after the race. The
    # 4-minute excess itself was not traced: a rounding like ramp_back_rounding_over_the_week may remain.
    "ramp_back_a_few_minutes_over": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {
            "available": [
                "barbell",
                "balance_disc",
                "cable",
                "foam_roller",
                "machine",
                "kettlebell",
                "medicine_ball",
                "trap_bar",
                "dumbbells",
                "pullup_bar",
                "stability_ball",
                "bench",
            ]
        },
        "availability": {
            "sessions_per_week_max": 5,
            "minutes_per_session": 71,
            "days": ["tue", "fri", "thu", "sun", "sat"],
        },
        "running": {
            "week": _week(
                ("mon", "long", 113, "pm"),
                ("tue", "tempo", 155, "am"),
                ("wed", "easy", 87, "am"),
                ("thu", "tempo", 35, "pm"),
                ("fri", "rest", 81, "pm"),
                ("sat", "interval", 154, "am"),
                ("sat", "easy", 30, "pm"),
                ("sun", "tempo", 79, "am"),
            )
        },
        "races": [
            {"date": "2027-08-30", "distance": 15, "priority": "C"},
            {"date": "2027-09-13", "distance": "ultra", "priority": "A"},
        ],
        "injuries": [{"area": "ankle", "status": "history"}],
        "plan": {"start": "2027-08-26", "end": "2027-12-05"},
    },
    # E-HEAVY-KEEP (drawn this session): days Mon, Wed and Sun, two sessions a week; each Sunday's circuit tired the
    # next Monday, and once the Achilles' stage brought Wednesday's hills back, next week's first heavy day was its
    # Sunday, 11 days on. Sparing the Sunday would drop the circuit, so the week now takes its heavy session late,
    # or, when its own keep is due early, a second short one in place of the circuit (keeping.spare_next_monday).
    "keep_gap_in_a_base_with_achilles_and_ankle": {
        "athlete": {"name": "R", "experience": "advanced", "hemisphere": "south"},
        "equipment": {"available": ["machine", "bench", "pullup_bar", "dumbbells"]},
        "availability": {"sessions_per_week_max": 2, "minutes_per_session": 32, "days": ["mon", "sun", "wed"]},
        "running": {
            "week": _week(
                ("mon", "easy", 140, "am"),
                ("tue", "easy", 170, "am"),
                ("wed", "hills", 74, "pm"),
                ("thu", "hills", 118, "am"),
                ("thu", "easy", 30, "pm"),
                ("fri", "interval", 41, "am"),
                ("sat", "hills", 36, "pm"),
                ("sun", "easy", 120, "pm"),
            )
        },
        "races": [
            {"date": "2027-05-13", "distance": "half", "priority": "B"},
            {"date": "2027-09-12", "distance": "half", "priority": "B"},
        ],
        "injuries": [{"area": "achilles", "status": "recovering"}, {"area": "ankle", "status": "recovering"}],
        "plan": {"start": "2027-01-07", "end": "2027-10-15"},
    },
    # E-HEAVY-KEEP: drawn by the CI property run of branch runcal (its long-run changes changed the draw); it
    # plans the same on main: a hip flexor flaring, strength days Sun/Mon/Fri with the long run on Friday and
    # B 5ks on 16 Nov and 17 Dec left no lower-body session from 23 Nov to 4 Dec; it plans cleanly once the
    # branches were merged (not traced to one change)
    "b_5ks_hip_flexor_no_legs_23_nov": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {
            "available": [
                "dumbbells",
                "kettlebell",
                "band",
                "trap_bar",
                "bosu",
                "stability_ball",
                "bench",
                "pullup_bar",
                "barbell",
                "cable",
                "machine",
                "medicine_ball",
                "box",
                "foam_roller",
                "balance_disc",
            ]
        },
        "availability": {"sessions_per_week_max": 4, "minutes_per_session": 73, "days": ["sun", "mon", "fri"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 180, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "wed", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "thu", "type": "rest", "minutes": 79, "slot": "am"},
                {"day": "fri", "type": "long", "minutes": 137, "slot": "am"},
                {"day": "fri", "type": "easy", "minutes": 30, "slot": "pm"},
                {"day": "sat", "type": "rest", "minutes": 63, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 165, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": [
            {"date": "2026-11-08", "distance": "5k", "priority": "A"},
            {"date": "2026-11-16", "distance": "5k", "priority": "B"},
            {"date": "2026-12-17", "distance": "5k", "priority": "B"},
        ],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}],
        "plan": {"start": "2026-09-16", "end": "2027-01-05"},
    },
    # E-NOTE-EQUIPMENT (drawn by the fresh-clone CI property run): a machines-and-dumbbells runner's session
    # note named the back extension "(45-degree bench)"; the exercise needs a machine, and its name and
    # note now say "hyperextension station", so no note names a bench the runner lacks
    "back_extension_named_a_bench": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {"available": ["dumbbells", "kettlebell", "machine"]},
        "availability": {"sessions_per_week_max": 1, "minutes_per_session": 25, "days": ["mon"]},
        "running": {
            "week": [
                {"day": "mon", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "tue", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "wed", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "thu", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "fri", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sat", "type": "rest", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 20, "slot": "am"},
                {"day": "sun", "type": "easy", "minutes": 30, "slot": "pm"},
            ]
        },
        "races": [],
        "injuries": [{"area": "hip_flexor", "status": "flaring"}, {"area": "knee", "status": "flaring"}],
        "plan": {"start": "2026-01-05", "end": "2026-01-11"},
    },
    # R-PEAK-LONG-RUN: a C 10 km 30 days before an A ultra (a tune-up), then the ultra's window 28-17 days out holds
    # 140 min against 90% of a 180-minute peak; the same kind as tune_up_half_recovery_over_the_peak_window, not
    # fixed.
    # (open until the merges of this session; it plans cleanly since, not traced to one change)
    "c_10k_tune_up_before_an_ultra": {
        "athlete": {"name": "R", "experience": "novice", "hemisphere": "north"},
        "equipment": {
            "available": [
                "kettlebell",
                "band",
                "balance_disc",
                "box",
                "medicine_ball",
                "cable",
                "bosu",
                "barbell",
                "dumbbells",
                "machine",
                "trap_bar",
            ]
        },
        "availability": {
            "sessions_per_week_max": 4,
            "minutes_per_session": 84,
            "days": ["sat", "wed", "thu", "fri", "tue", "mon", "sun"],
        },
        "running": {
            "week": _week(
                ("mon", "rest", 120, "am"),
                ("tue", "easy", 162, "pm"),
                ("wed", "long", 142, "am"),
                ("thu", "easy", 27, "pm"),
                ("fri", "rest", 135, "am"),
                ("sat", "tempo", 24, "pm"),
                ("sun", "easy", 54, "pm"),
            )
        },
        "races": [
            {"date": "2026-12-09", "distance": 15, "priority": "B"},
            {"date": "2027-03-14", "distance": "10k", "priority": "C"},
            {"date": "2027-04-13", "distance": "ultra", "priority": "A"},
            {"date": "2027-04-18", "distance": 15, "priority": "B"},
        ],
        "injuries": [{"area": "plantar_fascia", "status": "flaring"}],
        "plan": {"start": "2026-11-24", "end": "2027-04-20"},
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_property_case_plans_without_hard_violations(name: str) -> None:
    athlete = parse_profile(CASES[name])
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f"{f.rule} {f.date} {f.message}" for f in hard_violations(findings)] == []


# Drawn failures not fixed yet: each still plans with the hard violation named, and the test says so (strict:
# it fails once the planner is fixed, so the case moves to CASES above).
OPEN: dict[str, tuple[str, dict[str, Any]]] = {
    # E-HEAVY-WAVE (drawn at the end of this session, not traced): one 29-minute session a week, dumbbells and
    # kettlebells, a recovering knee and ankle; four weeks in a row at 4x8 RPE 8 from the week of 15 Feb 2027.
    "heavy_dose_flat_in_a_long_offseason": (
        "E-HEAVY-WAVE",
        {
            "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "north"},
            "equipment": {"available": ["box", "dumbbells", "kettlebell", "balance_disc", "cable", "medicine_ball"]},
            "availability": {
                "sessions_per_week_max": 1,
                "minutes_per_session": 29,
                "days": ["wed", "sun", "thu", "tue", "mon", "fri", "sat"],
            },
            "running": {
                "week": _week(
                    ("mon", "easy", 177, "am"),
                    ("tue", "easy", 171, "pm"),
                    ("wed", "hills", 32, "pm"),
                    ("thu", "hills", 145, "pm"),
                    ("thu", "easy", 30, "am"),
                    ("fri", "hills", 144, "am"),
                    ("sat", "hills", 81, "pm"),
                    ("sun", "hills", 75, "pm"),
                    ("sun", "easy", 30, "am"),
                )
            },
            "races": [
                {"date": "2026-09-19", "distance": "ultra", "priority": "C"},
                {"date": "2026-11-18", "distance": "ultra", "priority": "C"},
            ],
            "injuries": [{"area": "knee", "status": "recovering"}, {"area": "ankle", "status": "recovering"}],
            "plan": {"start": "2026-07-24", "end": "2027-04-09"},
        },
    ),
    # R-RAMP-BACK: 697 minutes in the week of 24 May 2027 against 696 allowed (a novice, an A 60 km on 5 Mar and no
    # race after it); not traced (a rounding like ramp_back_rounding_over_the_week, perhaps with the long run held
    # after the season).
    "ramp_back_a_minute_over": (
        "R-RAMP-BACK",
        {
            "athlete": {"name": "R", "experience": "novice", "hemisphere": "south"},
            "equipment": {"available": ["band", "pullup_bar"]},
            "availability": {
                "sessions_per_week_max": 1,
                "minutes_per_session": 84,
                "days": ["thu", "sat", "sun", "fri", "wed"],
            },
            "running": {
                "week": _week(
                    ("mon", "tempo", 141, "pm"),
                    ("tue", "tempo", 77, "am"),
                    ("wed", "easy", 100, "pm"),
                    ("wed", "easy", 30, "am"),
                    ("thu", "interval", 65, "pm"),
                    ("fri", "tempo", 21, "am"),
                    ("sat", "long", 155, "am"),
                    ("sun", "easy", 170, "pm"),
                )
            },
            "races": [
                {"date": "2027-01-15", "distance": "5k", "priority": "B"},
                {"date": "2027-01-19", "distance": "10k", "priority": "C"},
                {"date": "2027-03-05", "distance": 60, "priority": "A"},
            ],
            "injuries": [],
            "plan": {"start": "2027-01-14", "end": "2027-07-07"},
        },
    ),
    # R-PEAK-LONG-RUN: a B half 26 days before an A marathon (a tune-up): its mini-taper, race and recovery (to 22
    # days out) leave the window's only long-run day (Friday, 17 days out), which the taper's first step cuts to 80%
    # (120 min); the half counts at 121, under 90% of the 150-minute peak. Not fixed: the first taper long run after
    # a tune-up's recovery would stay at the peak, if R-RAMP-BACK and R-RUNS-BY-PHASE allow it.
    "tune_up_half_recovery_over_the_peak_window": (
        "R-PEAK-LONG-RUN",
        {
            "athlete": {"name": "R", "experience": "intermediate", "hemisphere": "north"},
            "equipment": {"available": ["stability_ball", "balance_disc"]},
            "availability": {"sessions_per_week_max": 4, "minutes_per_session": 46, "days": ["sat", "wed"]},
            "running": {
                "week": _week(
                    ("mon", "interval", 97, "am"),
                    ("tue", "tempo", 21, "am"),
                    ("wed", "rest", 67, "am"),
                    ("thu", "easy", 20, "pm"),
                    ("fri", "long", 148, "pm"),
                    ("sat", "long", 28, "pm"),
                    ("sun", "easy", 87, "pm"),
                )
            },
            "races": [
                {"date": "2026-05-09", "distance": "marathon", "priority": "B"},
                {"date": "2026-07-22", "distance": "half", "priority": "B"},
                {"date": "2026-08-17", "distance": "marathon", "priority": "A"},
            ],
            "injuries": [],
            "plan": {"start": "2026-04-04", "end": "2026-08-17"},
        },
    ),
}


@pytest.mark.parametrize("name", sorted(OPEN))
@pytest.mark.xfail(strict=True, reason="open: a drawn profile the planner does not yet plan cleanly")
def test_open_property_case(name: str) -> None:
    rule, raw = OPEN[name]
    athlete = parse_profile(raw)
    plan = plan_athlete(athlete)
    findings, _ = check_plan(
        plan, rules=load_rules(), library=load_library(), templates=load_templates(), athlete=athlete
    )
    assert [f"{f.rule} {f.date} {f.message}" for f in hard_violations(findings)] == [], rule

import datetime as dt

from checklist_engine import doctor_letter, letter

TODAY = dt.date(2026, 11, 24)
HOSTILE = "<img src=x onerror=alert(1)>"


def test_missing_details_become_placeholders():
    text = letter({"plan_type": "employer"}, TODAY)
    assert "[Your full name]" in text and "[Member ID]" in text and "[Claim or reference number]" in text


def test_reader_text_is_kept_as_text():
    text = letter({"patient_name": HOSTILE, "plan_type": "employer"}, TODAY)
    assert HOSTILE in text


def test_each_denial_reason_gets_its_own_answer():
    seen = set()
    for reason in (
        "conservative_treatment",
        "medical_necessity",
        "wrong_imaging_level",
        "criteria_mismatch",
        "missing_documentation",
        "out_of_network",
        "authorization_expired",
        "other",
    ):
        text = letter({"plan_type": "employer", "denial_reason": reason}, TODAY)
        paragraph = text.split("To the appeals reviewer:")[1].split("\n\n")[2]
        seen.add(paragraph)
    assert len(seen) == 8


def test_rights_are_cited_only_for_plans_they_cover():
    assert "2560.503-1" in letter({"plan_type": "employer"}, TODAY)
    assert "2560.503-1" not in letter({"plan_type": "medicare_advantage"}, TODAY)
    assert "422.101" in letter({"plan_type": "medicare_advantage"}, TODAY)


def test_urgent_letter_asks_for_an_expedited_decision():
    text = letter({"plan_type": "employer", "stage": "prior_authorization", "urgent": True}, TODAY)
    assert "EXPEDITED" in text and "expedited decision" in text


def test_doctor_letter_asks_for_a_letter_and_a_peer_to_peer_without_calling_it_a_right():
    text = doctor_letter({"denial_reason": "wrong_imaging_level", "doctor_name": "Dr. Lee"}, TODAY)
    assert "Dear Dr. Lee" in text and "peer-to-peer" in text and "simpler test" in text
    assert "right" not in text.lower()


def test_the_criteria_are_listed_as_enclosed_only_when_the_reader_has_them():
    line = "The criteria used in the denial, with my doctor's answer to each point"
    base = {"plan_type": "employer", "denial_reason": "criteria_mismatch"}
    assert line in letter({**base, "criteria_requested": "received"}, TODAY).split("Enclosed")[-1]
    for other in ("requested", "not_yet"):
        assert line not in letter({**base, "criteria_requested": other}, TODAY)

"""Terbilang: checked against hand-written Indonesian spellings and an independent parser."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kws_desktop.core.terbilang import (
    MAX_TERBILANG,
    capitalize_words,
    sentence_case,
    terbilang,
    terbilang_rupiah,
)

S999 = "sembilan ratus sembilan puluh sembilan"

EXPECTED = {
    # 0..20
    0: "nol",
    1: "satu",
    2: "dua",
    3: "tiga",
    4: "empat",
    5: "lima",
    6: "enam",
    7: "tujuh",
    8: "delapan",
    9: "sembilan",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
    13: "tiga belas",
    14: "empat belas",
    15: "lima belas",
    16: "enam belas",
    17: "tujuh belas",
    18: "delapan belas",
    19: "sembilan belas",
    20: "dua puluh",
    # tens
    21: "dua puluh satu",
    30: "tiga puluh",
    40: "empat puluh",
    45: "empat puluh lima",
    50: "lima puluh",
    60: "enam puluh",
    70: "tujuh puluh",
    80: "delapan puluh",
    90: "sembilan puluh",
    99: "sembilan puluh sembilan",
    # hundreds
    100: "seratus",
    101: "seratus satu",
    102: "seratus dua",
    103: "seratus tiga",
    104: "seratus empat",
    105: "seratus lima",
    106: "seratus enam",
    107: "seratus tujuh",
    108: "seratus delapan",
    109: "seratus sembilan",
    110: "seratus sepuluh",
    111: "seratus sebelas",
    112: "seratus dua belas",
    113: "seratus tiga belas",
    114: "seratus empat belas",
    115: "seratus lima belas",
    116: "seratus enam belas",
    117: "seratus tujuh belas",
    118: "seratus delapan belas",
    119: "seratus sembilan belas",
    120: "seratus dua puluh",
    199: "seratus sembilan puluh sembilan",
    200: "dua ratus",
    201: "dua ratus satu",
    310: "tiga ratus sepuluh",
    999: "sembilan ratus sembilan puluh sembilan",
    # thousands
    1000: "seribu",
    1001: "seribu satu",
    1010: "seribu sepuluh",
    1011: "seribu sebelas",
    1100: "seribu seratus",
    1999: "seribu sembilan ratus sembilan puluh sembilan",
    2000: "dua ribu",
    10_000: "sepuluh ribu",
    11_000: "sebelas ribu",
    12_345: "dua belas ribu tiga ratus empat puluh lima",
    21_000: "dua puluh satu ribu",
    100_000: "seratus ribu",
    100_001: "seratus ribu satu",
    101_000: "seratus satu ribu",
    110_000: "seratus sepuluh ribu",
    111_111: "seratus sebelas ribu seratus sebelas",
    999_999: "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
    # millions
    1_000_000: "satu juta",
    1_000_001: "satu juta satu",
    1_000_100: "satu juta seratus",
    1_001_000: "satu juta seribu",
    1_011_000: "satu juta sebelas ribu",
    1_100_000: "satu juta seratus ribu",
    1_250_000: "satu juta dua ratus lima puluh ribu",
    5_000_000: "lima juta",
    10_000_000: "sepuluh juta",
    11_000_000: "sebelas juta",
    100_000_000: "seratus juta",
    101_001_000: "seratus satu juta seribu",
    # billions and trillions
    1_000_000_000: "satu miliar",
    1_000_000_001: "satu miliar satu",
    2_001_001_001: "dua miliar satu juta seribu satu",
    250_000_000_000: "dua ratus lima puluh miliar",
    1_000_000_000_000: "satu triliun",
    1_000_000_001_000: "satu triliun seribu",
    1_001_000_000_000: "satu triliun satu miliar",
    15_000_000_000_000: "lima belas triliun",
    100_000_000_000_000: "seratus triliun",
    999_999_999_999_999: (
        f"{S999} triliun {S999} miliar {S999} juta {S999} ribu {S999}"
    ),
}


# --------------------------------------------------------------------------- #
# Independent, strict parser: words -> int.  Accepts ONLY correct spellings.   #
# --------------------------------------------------------------------------- #

_DIGITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_BIG_SCALES = {"triliun": 10**12, "miliar": 10**9, "juta": 10**6, "ribu": 10**3}


class SpellingError(ValueError):
    pass


def _group(tokens: list[str], i: int) -> tuple[int, int]:
    """Parse one group 1..999 starting at tokens[i]; return (value, next index)."""

    def tok(j: int) -> str | None:
        return tokens[j] if j < len(tokens) else None

    value = 0
    # hundreds: "seratus" | 2..9 "ratus"  ("satu ratus" is wrong)
    if tok(i) == "seratus":
        value, i = 100, i + 1
    elif tok(i) in _DIGITS and tok(i + 1) == "ratus":
        if tokens[i] == "satu":
            raise SpellingError("satu ratus")
        value, i = _DIGITS[tokens[i]] * 100, i + 2
    # rest: sepuluh | sebelas | d belas | d puluh [d] | d
    t = tok(i)
    if t == "sepuluh":
        value, i = value + 10, i + 1
    elif t == "sebelas":
        value, i = value + 11, i + 1
    elif t in _DIGITS:
        nxt = tok(i + 1)
        if nxt in ("belas", "puluh"):
            if t == "satu":
                raise SpellingError(f"satu {nxt}")
            if nxt == "belas":
                value, i = value + 10 + _DIGITS[t], i + 2
            else:
                value, i = value + 10 * _DIGITS[t], i + 2
                if tok(i) in _DIGITS:
                    value, i = value + _DIGITS[tokens[i]], i + 1
        elif nxt == "ratus":
            raise SpellingError("hundreds after tens/units")
        else:
            value, i = value + _DIGITS[t], i + 1
    if value == 0:
        raise SpellingError(f"expected a number word at {tok(i)!r}")
    return value, i


def parse(text: str) -> int:
    """Strict inverse of terbilang."""
    if text != " ".join(text.split()) or text != text.lower():
        raise SpellingError("whitespace/case")
    tokens = text.split(" ")
    if tokens == ["nol"]:
        return 0
    sign = 1
    if tokens and tokens[0] == "minus":
        sign, tokens = -1, tokens[1:]
    if not tokens or tokens == [""]:
        raise SpellingError("empty")
    total = 0
    last_scale = 10**15  # scales must strictly descend
    i = 0
    while i < len(tokens):
        if tokens[i] == "seribu":
            if last_scale <= 1000:
                raise SpellingError("seribu out of order")
            total += 1000
            last_scale = 1000
            i += 1
            continue
        value, i = _group(tokens, i)
        scale_word = tokens[i] if i < len(tokens) else None
        if scale_word is None:
            if last_scale <= 1:
                raise SpellingError("two unit groups")
            total += value
            last_scale = 1
            continue
        if scale_word not in _BIG_SCALES:
            raise SpellingError(f"unexpected word {scale_word!r}")
        scale = _BIG_SCALES[scale_word]
        if scale >= last_scale:
            raise SpellingError("scales out of order")
        if scale == 1000 and value == 1:
            raise SpellingError("satu ribu must be seribu")
        total += value * scale
        last_scale = scale
        i += 1
    if total == 0:
        raise SpellingError("zero spelled as non-nol")
    return sign * total


# --------------------------------------------------------------------------- #
# Hand-written expectations                                                    #
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("amount", "words"), sorted(EXPECTED.items()))
def test_expected_spelling(amount: int, words: str) -> None:
    assert terbilang(amount) == words


@pytest.mark.parametrize(("amount", "words"), sorted(EXPECTED.items()))
def test_parser_reads_expected_spelling(amount: int, words: str) -> None:
    # the hand-written table and the parser agree, so the parser is a fair judge
    assert parse(words) == amount


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (-1, "minus satu"),
        (-11, "minus sebelas"),
        (-1000, "minus seribu"),
        (-1_250_000, "minus satu juta dua ratus lima puluh ribu"),
        (-1_000_000_000_000, "minus satu triliun"),
        (-MAX_TERBILANG, f"minus {S999} triliun {S999} miliar {S999} juta {S999} ribu {S999}"),
    ],
)
def test_negative(amount: int, words: str) -> None:
    assert terbilang(amount) == words
    assert terbilang_rupiah(amount) == words + " rupiah"


def test_minus_zero_is_just_nol() -> None:
    assert terbilang(-0) == "nol"


def test_max_is_below_one_quadrillion() -> None:
    assert MAX_TERBILANG == 999_999_999_999_999


@pytest.mark.parametrize("bad", [True, False, 1.0, 1000.5, float("nan"), "1000", None, Decimal(1000), [1]])
def test_rejects_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        terbilang(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        terbilang_rupiah(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [10**15, -(10**15), MAX_TERBILANG + 1, 10**30, -(10**30)])
def test_rejects_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        terbilang(bad)
    with pytest.raises(ValueError):
        terbilang_rupiah(bad)


def test_terbilang_rupiah() -> None:
    assert terbilang_rupiah(0) == "nol rupiah"
    assert terbilang_rupiah(1000) == "seribu rupiah"
    assert terbilang_rupiah(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"


def test_capitalize_words() -> None:
    assert capitalize_words("satu juta dua ratus ribu rupiah") == "Satu Juta Dua Ratus Ribu Rupiah"
    assert capitalize_words(terbilang_rupiah(1_200_000)) == "Satu Juta Dua Ratus Ribu Rupiah"
    assert capitalize_words(terbilang_rupiah(-1001)) == "Minus Seribu Satu Rupiah"
    assert capitalize_words("  dua   ribu ") == "Dua Ribu"
    assert capitalize_words("") == ""


def test_sentence_case() -> None:
    assert sentence_case("satu juta rupiah") == "Satu juta rupiah"
    assert sentence_case(terbilang_rupiah(1001)) == "Seribu satu rupiah"
    assert sentence_case("Sudah") == "Sudah"
    assert sentence_case("") == ""


# --------------------------------------------------------------------------- #
# The parser itself must reject wrong spellings (else round-trips prove less)  #
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        "satu ratus",
        "satu puluh",
        "satu belas",
        "satu ribu",
        "satu juta satu ribu",
        "seratus ribu satu ribu",
        "sejuta",
        "semiliar",
        "setriliun",
        "se ratus",
        "seratus ratus",
        "sepuluh satu",
        "dua puluh sepuluh",
        "dua puluh sebelas",
        "dua belas satu",
        "dua ribu juta",
        "dua juta tiga juta",
        "seribu seribu",
        "dua ribu seribu",
        "satu dua",
        "nol satu",
        "minus nol",
        "minus",
        "juta",
        "ribu",
        "dua  ribu",
        " dua ribu",
        "Dua ribu",
        "dua ribu rupiah",
        "sepuluh ratus",
        "dua puluh ratus",
    ],
)
def test_parser_rejects_wrong_spelling(wrong: str) -> None:
    with pytest.raises(SpellingError):
        parse(wrong)


# --------------------------------------------------------------------------- #
# Properties                                                                   #
# --------------------------------------------------------------------------- #

_VOCAB = (
    set(_DIGITS)
    | set(_BIG_SCALES)
    | {"nol", "minus", "sepuluh", "sebelas", "seratus", "seribu", "belas", "puluh", "ratus"}
)

# groups of three digits, biased towards the interesting ones (0, 1, 10, 11, 100, 101 ...)
_group_values = st.one_of(
    st.sampled_from([0, 0, 0, 1, 1, 10, 11, 12, 20, 21, 100, 101, 110, 111, 119, 200, 999]),
    st.integers(0, 999),
)
_structured = st.tuples(*[_group_values] * 5).map(
    lambda gs: sum(g * 1000**k for k, g in enumerate(reversed(gs)))
)
amounts = st.one_of(
    st.integers(-MAX_TERBILANG, MAX_TERBILANG),
    _structured,
    _structured.map(lambda n: -n),
    st.integers(-10**7, 10**7),
)


def test_round_trip_exhaustive_small() -> None:
    for n in range(0, 100_000):
        assert parse(terbilang(n)) == n


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_round_trip(n: int) -> None:
    assert parse(terbilang(n)) == n


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_shape(n: int) -> None:
    text = terbilang(n)
    words = text.split(" ")
    assert text == text.strip()
    assert "  " not in text
    assert text == text.lower()
    assert all(w in _VOCAB for w in words), words
    assert "se" not in words
    assert "rupiah" not in words
    for forbidden in ("sejuta", "semiliar", "setriliun", "seseratus"):
        assert forbidden not in words
    padded = f" {text} "
    for forbidden in (" satu ratus ", " satu puluh ", " satu belas ", " nol "):
        assert forbidden not in padded or text == "nol"
    # "satu ribu" only inside a larger thousands group (seratus satu ribu, dua puluh satu ribu)
    for k in range(len(words) - 1):
        if words[k : k + 2] == ["satu", "ribu"]:
            assert k > 0 and words[k - 1] in ("ratus", "seratus", "puluh"), text
    assert ("nol" in words) == (n == 0)
    assert (words[0] == "minus") == (n < 0)
    assert words.count("minus") <= 1


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_scale_words_match_digit_groups(n: int) -> None:
    words = terbilang(n).split(" ")
    m = abs(n)
    assert ("triliun" in words) == (m // 10**12 % 1000 != 0)
    assert ("miliar" in words) == (m // 10**9 % 1000 != 0)
    assert ("juta" in words) == (m // 10**6 % 1000 != 0)
    thousands = m // 1000 % 1000
    assert ("seribu" in words) == (thousands == 1)
    assert ("ribu" in words) == (thousands > 1)
    for scale in ("triliun", "miliar", "juta", "ribu", "seribu"):
        assert words.count(scale) <= 1


@settings(max_examples=500, deadline=None)
@given(st.integers(1, MAX_TERBILANG))
def test_negative_is_minus_prefix(n: int) -> None:
    assert terbilang(-n) == "minus " + terbilang(n)
    assert terbilang_rupiah(n) == terbilang(n) + " rupiah"


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from([10**6, 10**9, 10**12]))
def test_big_scales_take_satu(k: int, scale: int) -> None:
    # 1 juta / 1 miliar / 1 triliun with any small remainder: always "satu <scale>"
    text = terbilang(scale + k)
    name = {10**6: "juta", 10**9: "miliar", 10**12: "triliun"}[scale]
    assert text.startswith(f"satu {name} ")
    assert text == f"satu {name} {terbilang(k)}"


@settings(max_examples=300, deadline=None)
@given(st.integers(-MAX_TERBILANG, MAX_TERBILANG))
def test_capitalize_words_round_trip(n: int) -> None:
    title = capitalize_words(terbilang_rupiah(n))
    assert all(w[:1].isupper() for w in title.split(" "))
    assert title.lower() == terbilang_rupiah(n)
    assert sentence_case(terbilang(n)).lower() == terbilang(n)

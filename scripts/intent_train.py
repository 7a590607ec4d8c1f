#!/usr/bin/env python3
"""Trains the parser's intent model (expense or not?) on the development sets and writes its
weights to src/parser/intent/weights.rs.

Usage: .venv/bin/python scripts/intent_train.py [--write] [--report]

The features come from the parser itself (`examples/intent_features.rs`): the named clues of
src/parser/intent.rs, and the message's words and neighbouring token pairs hashed into buckets.
The labels come from the sets: a chat line (`*chatter.txt`, the fixture table's `!silent` rows)
is not an expense; a household expense, a spending note or a fixture row that must be recorded
in a household channel is.

How it is checked (never tuned on what it reports):
- Each development set was written by someone else (a helper, a session) in its own style, so
  the sets are kept whole: ten folds, each set wholly in one (seeded, so every run has the same
  folds); each fold is scored by a model trained on the other nine. The fixture table is always
  training data, never scored. (Until session 41 each set was left out alone: the same pooled
  figures within 0.01 points on session 39's 236 sets, in an hour instead of minutes;
  docs/BENCHMARKS.md, session 40.)
- The regularisation and the threshold are chosen on those folds (CHATTER_CAP below), so the
  figures printed are the ones chosen on. Figures on sets no choice saw are in
  docs/BENCHMARKS.md, taken when each set was new.
- Figures per set are those of scripts/parser_devsets.py: chat lines recorded in a household
  channel (the grammar read an entry and the model says expense), and household expenses
  recorded right (the right single amount, and the model says expense).
--write trains on every set with the chosen settings and writes the weights.
To compare features before retraining, or to keep sets out: scripts/intent_folds.py.
"""
import json, os, subprocess, sys
from decimal import Decimal

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

DEV = "tests/fixtures/dev/"
BUCKETS = 262144
GROUPS = ["", "fresh_", "blind_", "unseen_", "outsider_", "stranger_", "guest_", "visitor_",
          "caller_", "neighbour_", "lodger_", "roommate_", "cousin_", "tenant_",
          "boarder_", "aunt_", "flatmate_", "sibling_", "mate_", "uncle_", "niece_", "housemate_",
          "bestie_", "nan_", "pal_", "kin_", "ward_", "crew_",
          "kiwi_", "folk_", "chum_", "didi_", "buddy_", "lass_", "bro_", "oma_", "yaar_", "kaka_",
          "pote_", "bredda_", "abang_", "cobber_", "bhau_",
          "chale_", "bhai_", "roomie_", "tio_", "habibi_",
          "primo_", "ziomek_", "hyung_", "abi_", "dai_",
          "guv_", "cuz_", "gramps_", "ssebo_", "amma_",
          "bae_", "mum_", "bapak_", "nonna_", "chacha_",
          "hon_", "mucker_", "sis_", "bud_", "bhaiya_",
          "dude_", "bruv_", "yinz_", "bhabhi_", "anna_",
          "shorty_", "laddie_", "mija_", "beta_", "chechi_",
          "ourkid_", "butty_", "canuck_", "foi_", "mama_",
          "geordie_", "brum_", "rafiki_", "lah_", "appa_", "dada_",
          "yalla_", "boet_", "senpai_", "jaan_",
          "machan_", "oga_", "kuya_", "mano_",
          "nani_", "thambi_", "pops_", "hun_",
          "dost_", "bibi_", "chica_", "bairn_",
          "paati_", "chotu_", "sheila_", "tante_",
          "mausi_", "jiju_", "yall_", "cuzzie_",
          "dadi_", "akka_", "sarge_", "mam_",
          "snowbird_", "craic_", "grads_", "kopi_", "bua_",
          "digs_", "prairie_", "aloha_", "desi_", "bava_",
          "bayou_", "scouse_", "windy_", "bunny_", "veerji_",
          "tita_", "gaffer_", "bodega_", "kaya_", "ammi_",
          "bonjour_", "parce_", "fenland_", "dorm_", "sekuru_",
          "tyke_", "shore_", "texan_", "perth_", "ba_",
          "fika_", "che_", "anh_", "hustle_", "ahma_",
          "wg_", "bob_", "baji_", "tianguis_", "gran_",
          "buurman_", "phi_", "masry_", "pololo_", "motabhai_",
          "bloke_", "hotdish_", "ajji_", "bou_", "abuela_",
          "abla_", "mzee_", "pana_", "apu_", "yiayia_",
          "achi_", "kabayan_", "mutti_", "vovo_", "hajur_", "malli_",
          "bacgai_", "tonton_", "zia_", "ukhti_", "emaye_", "babuji_",
          "babushka_", "dida_", "halmoni_", "khaleh_", "bestemor_", "mamika_", "aita_",
          "mamaji_", "taiji_", "bhaisahab_", "missus_", "momma_",
          "gator_", "larrikin_", "kiasu_", "leaf_", "dubs_",
          "okie_", "capey_", "mancs_", "nomad_", "queens_",
          "weegie_", "jawn_", "hoosier_", "bajan_", "brekkie_",
          "southie_", "norn_", "yooper_", "jozi_", "cornish_",
          "loon_", "sconnie_", "tassie_", "holler_", "trini_",
          "bama_", "fiji_", "cardiff_", "station_", "yardie_",
          "hongkong_", "malta_", "bush_", "guyana_", "nurses_",
          "iceland_", "montreal_", "brno_", "vanlife_", "boricua_",
          "headingley_", "ozark_", "dubai_", "otago_", "vegas_",
          "cork_", "austin_", "bristol_", "adelaide_", "toronto_",
          "swansea_", "phoenix_", "durban_", "halifax_", "denver_",
          "edinburgh_", "houston_", "saskatoon_", "brighton_", "melbourne_",
          "belfast_", "portland_", "bath_", "chicago_", "calgary_",
          "dundee_", "tulsa_", "hobart_", "winnipeg_", "nashville_",
          "wollongong_", "kochi_", "detroit_", "leicester_", "memphis_",
          "aberdeen_", "boise_", "cairns_", "norwich_", "sacramento_",
          "inverness_", "tucson_", "dunedin_", "limerick_", "omaha_",
          "galway_", "fresno_", "ballarat_", "leeds_", "regina_",
          "tampa_", "sheffield_", "auckland_", "ottawa_", "brisbane_",
          "spokane_", "exeter_", "hamilton_", "kelowna_", "darwin_",
          "wichita_", "york_", "tauranga_", "lethbridge_", "townsville_",
          "reno_", "rotorua_", "geelong_", "moncton_", "halton_",
          "nelson_", "mackay_", "toowoomba_", "stockport_", "sudbury_",
          "napier_", "bendigo_", "stockton_", "bunbury_", "kamloops_",
          "ballina_", "whangarei_", "gateshead_", "nanaimo_", "mildura_",
          "gladstone_", "timaru_", "sunderland_", "shepparton_", "princegeorge_",
          "whanganui_", "swindon_", "kalgoorlie_", "lismore_", "fargo_",
          "dubbo_", "invercargill_", "duluth_", "carlisle_", "thunderbay_",
          "wagga_", "hastings_", "missoula_", "plymouth_", "kingston_",
          "tamworth_", "gisborne_", "dayton_", "hull_", "brandon_",
          "bathurst_", "taupo_", "boulder_", "derby_", "fredericton_",
          "ballymena_", "goldcoast_", "burlington_", "nakuru_", "tacoma_",
          "rockhampton_", "lancaster_", "dunfermline_", "palmerston_", "savannah_",
          "geraldton_", "stirling_", "oshawa_", "mountmaunganui_", "shreveport_",
          "launceston_", "tralee_", "lubbock_", "sarnia_", "kirkcaldy_",
          "whitby_", "albany_", "yakima_", "truro_", "bloemfontein_",
          "dunoon_", "toledo_", "nelsonbc_", "kilkenny_", "ipswichqld_",
          "wellington_", "asheville_", "stoke_", "moosejaw_", "bundaberg_",
          "galwaycity_", "rotherham_", "fortworth_", "lethbridgeab_", "hamiltonnz_",
          "dundalk_", "oklahomacity_", "rockyview_", "sunshinecoast_", "swanseaflat_",
          "wrexham_", "billings_", "roanoke_", "warrnambool_", "ennis_",
          "galashiels_", "lafayette_", "kalamazoo_", "grandeprairie_", "mandurah_",
          "tamworthuk_", "elpaso_", "dunedinflat_", "saintjohn_", "toowong_",
          "mullingar_", "spokanevalley_", "middlesbrough_", "rotoruanz_", "sudburyon_",
          "lisburn_", "amarillo_", "tauranganz_", "thunderbayon_", "hobartflat_",
          "stornoway_", "tulsaok_", "kelownabc_", "ballaratvic_", "corkcity_",
          "wollongongnsw_", "bangorni_", "boisemetro_", "whitehorse_", "geelongvic_",
          "portlandme_", "invercargillsouth_", "swanseawales_", "fortmcmurray_", "darwinnt_",
          "athlone_", "chattanooga_", "napiernz_", "sherbrooke_", "cairnsqld_",
          "oamaru_", "reddeer_", "sligo_", "scranton_", "gympie_",
          "carlow_", "peoria_", "nelsonnz_", "medicinehat_", "macon_",
          "omagh_", "flagstaff_", "masterton_", "kingstonon_", "orange_",
          "sydneyns_", "lewiston_", "bozeman_", "newry_", "mobile_",
          "altoona_", "yuma_", "peterboroughuk_", "guelph_", "ogden_",
          "turangi_", "warwickqld_", "glenrothes_", "barrie_", "akron_",
          "kerikeri_", "dumfries_", "orillia_", "pocatello_", "casper_",
          "goulburn_", "enniskillen_", "ithaca_", "chilliwack_", "whakatane_",
          "grafton_", "ashburton_", "timmins_", "letterkenny_", "greenbay_",
          "maitland_", "oban_", "athy_", "rapidcity_", "campbellriver_",
          "moranbah_", "westport_", "kenora_", "bemidji_", "morpeth_",
          "esperance_", "tuam_", "nanton_", "marquette_", "bridlington_",
          "broome_", "clonmel_", "cranbrook_", "hexham_", "lakecharles_",
          "nowra_", "ballinasloe_", "yorkton_", "beloit_", "robinhoods_",
          "wodonga_", "castlebar_", "medford_", "tiverton_", "quesnel_",
          "armidale_", "kilrush_", "janesville_", "keswick_", "princerupert_",
          "oshkosh_", "kendal_", "echuca_", "listowel_", "kokomo_",
          "dubuque_", "thurso_", "alnwick_", "muncie_", "portaugusta_",
          "cobh_", "wausau_", "stroud_", "yass_", "fergus_",
          "mallow_", "sheboygan_", "hawick_", "kingaroy_", "ceduna_",
          "ely_", "elkhart_", "selkirk_", "mudgee_", "waycross_",
          "tenby_", "dalby_", "strandhill_", "ottumwa_", "clonakilty_",
          "paducah_", "kilcoy_", "falmouth_", "hokitika_", "cheboygan_",
          "childers_", "lerwick_", "yankton_", "dauphin_", "kilkee_",
          "yeppoon_", "cass_", "tobermory_", "sioux_", "methven_",
          "moruya_", "stranraer_", "keokuk_", "bega_", "decorah_",
          "merimbula_", "portpatrick_", "muscatine_", "ulverstone_", "winona_",
          "newquay_", "petoskey_", "moree_", "ullapool_", "brainerd_"]
# A set listed twice would weigh double and cross folds: each name once.
assert len(GROUPS) == len(set(GROUPS)), "a set is listed twice in GROUPS"
# The choice of C and the threshold: every set's fold counts once (each is one writer), and
# among the settings whose mean chatter recorded per set is within the goal (≤ 2 %), the one
# with the most household expenses right on average. Most household misses are grammar misses
# that no threshold can fix, so the threshold's job is to hold the chatter goal.
#
# History (docs/BENCHMARKS.md, session 13): a rule fixed before the session-13 sets were
# written (choose on the session-12 folds, pooled chatter ≤ 1.5 %) was scored once on them,
# held out: chatter 0.4-2.4 %, household 84.7-93.3 %. It bought that chatter with a threshold
# that cost 3-7 household points on the plain sets that resemble the examples (where it
# bought little chatter: 0-0.7 % against 0-5.4 %), so
# the rule above replaced it after those figures were seen.
CHATTER_CAP = 2.0
TALLY = "target/release/tally"
FEATURES = "target/release/examples/intent_features"


def rows(path):
    out = []
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def features(lines, currency):
    p = subprocess.run([FEATURES, "--currency", currency], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, check=True)
    out = p.stdout.splitlines()
    names = json.loads(out[0])
    return names, [json.loads(l)["features"] for l in out[1:]]


def parsed(lines, currency):
    p = subprocess.run([TALLY, "parse", "--today", "2026-11-24", "--currency", currency],
                       input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    return [json.loads(l) for l in p.stdout.splitlines()]


def right(res, amount, kind):
    return bool(res.get("ok")) and len(res["entries"]) == 1 and \
        Decimal(res["entries"][0]["amount"]) == Decimal(amount) and res["entries"][0]["kind"] == kind


def examples():
    """(group, role, features, label, grammar_ok, amount_right) for every message."""
    out = []
    names = None

    def add(group, role, lines, label, currency, amounts=None, kinds=None):
        nonlocal names
        if not lines:
            return
        names, feats = features(lines, currency)
        res = parsed(lines, currency)
        for i, (f, r) in enumerate(zip(feats, res)):
            ok = bool(r.get("ok"))
            good = right(r, amounts[i], kinds[i]) if amounts else False
            out.append((group, role, f, label, ok, good, lines[i]))

    for g in GROUPS:
        notes = rows(DEV + g + "notes.tsv")
        add(g, "notes", [r[0] for r in notes], 1, "INR", [r[1] for r in notes],
            ["expense"] * len(notes))
        chat = rows(DEV + g + "chatter.txt")
        add(g, "chatter", [r[0] for r in chat], 0, "USD")
        hh = rows(DEV + (g + "household.tsv" if g else "household_expenses.tsv"))
        add(g, "household", [r[0] for r in hh], 1, "USD", [r[1] for r in hh],
            [(r[2] if len(r) > 2 and r[2] else "expense") for r in hh])
    # The fixture table: training only. Rows that must be recorded in a household channel are
    # expenses; `!silent` rows are chat. The other rows that read as entries are what people
    # send the bot directly: not training data, they set the threshold of a DM (see `write`).
    silent, recorded, direct = [], [], []
    for r in rows("tests/fixtures/messages.tsv"):
        if len(r) < 2 or "cur=" in (r[2] if len(r) > 2 else "") or "dmy" in (r[2] if len(r) > 2 else ""):
            continue
        msg = r[0].replace("\\n", "\n")
        if "\n" in msg:
            continue
        if r[1] == "!silent":
            silent.append(msg)
        elif len(r) > 2 and "household" in r[2].split():
            recorded.append(msg)
        elif not r[1].startswith("!"):
            direct.append(msg)
    add("fixtures", "chatter", silent, 0, "USD")
    add("fixtures", "household", recorded, 1, "USD", None, None)
    add("direct", "dm", direct, 1, "USD", None, None)
    return names, out


def matrix(exs, n):
    data, ind, ptr = [], [], [0]
    for e in exs:
        for i, v in e[2]:
            ind.append(i)
            data.append(v)
        ptr.append(len(ind))
    return csr_matrix((data, ind, ptr), shape=(len(exs), n))


# The fixture table's rows are the product's own cases (a split, a tag, a plan must be
# recorded or stay silent in a household channel): a handful among thousands of chat lines,
# so each counts as this many.
FIXTURE_WEIGHT = 10.0


def fit(exs, n, c):
    X = matrix(exs, n)
    y = np.array([e[3] for e in exs])
    w = np.array([FIXTURE_WEIGHT if e[0] == "fixtures" else 1.0 for e in exs])
    m = LogisticRegression(C=c, max_iter=5000, solver="liblinear")
    m.fit(X, y, sample_weight=w)
    return m


FOLDS = 10


def folds(exs, n, c, groups):
    """Decision scores of each group's messages, as {group: (messages, scores)}, from a model
    that never saw the group: the groups are dealt into FOLDS folds in a seeded order."""
    order = sorted(groups)
    np.random.RandomState(0).shuffle(order)
    fold = {g: k % FOLDS for k, g in enumerate(order)}
    weighed = [e for e in exs if e[2] is not None and e[0] != "direct"]
    scores = {}
    for k in range(FOLDS):
        train = [e for e in weighed if fold.get(e[0], -1) != k]
        test = [e for e in weighed if fold.get(e[0], -1) == k]
        if not test:
            continue
        s = fit(train, n, c).decision_function(matrix(test, n))
        for e, v in zip(test, s):
            scores.setdefault(e[0], ([], []))
            scores[e[0]][0].append(e)
            scores[e[0]][1].append(v)
    return scores


def choose(sc, counts):
    """The threshold by the rule above: (key, threshold, mean chatter %, mean household %)."""
    best = None
    for t in np.arange(-1.0, 4.01, 0.25):
        per = [figures(*sc[g], t) for g in sc]
        chat_rate = float(np.mean([100 * r / max(counts.get((g, "chatter"), 0), 1)
                                   for g, (r, _) in zip(sc, per)]))
        hh_rate = float(np.mean([100 * h / max(counts.get((g, "household"), 0), 1)
                                 for g, (_, h) in zip(sc, per)]))
        if "-v" in sys.argv:
            print(f"    t={t:.2f}: chatter {chat_rate:.2f} %, household {hh_rate:.1f} %")
        # Within the cap, most household right; above it, least chatter.
        key = (0, -hh_rate, chat_rate) if chat_rate <= CHATTER_CAP else (1, chat_rate, -hh_rate)
        if best is None or key < best[0]:
            best = (key, t, chat_rate, hh_rate)
    return best


def figures(test, s, t):
    chat = [e for e in test if e[1] == "chatter"]
    hh = [e for e in test if e[1] == "household"]
    # Messages the grammar refused outright never reach the model: silent.
    rec = sum(1 for e, v in zip(test, s) if e[1] == "chatter" and e[4] and v >= t)
    good = sum(1 for e, v in zip(test, s) if e[1] == "household" and e[5] and v >= t)
    return rec, good


def totals(exs):
    counts = {}
    for e in exs:
        counts.setdefault((e[0], e[1]), 0)
        counts[(e[0], e[1])] += 1
    return counts


def pooled(sc, counts, t):
    """Every scored set's messages counted together at threshold t."""
    rec = sum(figures(*sc[g], t)[0] for g in sc)
    good = sum(figures(*sc[g], t)[1] for g in sc)
    chat_n = sum(v for (g, role), v in counts.items() if role == "chatter" and g in sc)
    hh_n = sum(v for (g, role), v in counts.items() if role == "household" and g in sc)
    return (f"chatter recorded {rec}/{chat_n} ({100 * rec / max(chat_n, 1):.2f} %), "
            f"household right {good}/{hh_n} ({100 * good / max(hh_n, 1):.2f} %)")


def groups_of(exs):
    return sorted({e[0] for e in exs if e[0] not in ("fixtures", "direct")})


def main():
    names, exs = examples()
    n = len(names) + BUCKETS
    counts = totals(exs)
    best = None
    for c in [0.3, 1.0, 3.0, 10.0]:
        sc = folds(exs, n, c, groups_of(exs))
        key, t, chat_rate, hh_rate = choose(sc, counts)
        if best is None or key < best[0]:
            best = (key, c, t, chat_rate, hh_rate, sc)
    _, c, t, chat_rate, hh_rate, sc = best
    print(f"chosen on the folds: C={c}, threshold {t:.2f} "
          f"(mean per set: chatter recorded {chat_rate:.2f} %, household right {hh_rate:.1f} %)")
    print(f"each set scored by a model trained without its fold ({FOLDS} folds):")
    for g in GROUPS:
        if g not in sc:
            continue
        rec, good = figures(*sc[g], t)
        ca, ha = counts.get((g, "chatter"), 0), counts.get((g, "household"), 0)
        print(f"  {g.rstrip('_') or 'main'}: chatter {rec}/{ca} recorded ({100*rec/max(ca,1):.1f} %), "
              f"household {good}/{ha} right ({100*good/max(ha,1):.1f} %)")
        if "--report" in sys.argv:
            test, s = sc[g]
            for e, v in zip(test, s):
                if (e[1] == "chatter" and e[4] and v >= t) or (e[1] == "household" and e[5] and v < t):
                    print(f"      {e[1]} {v:+.2f} {e[6]}")
    print(f"pooled: {pooled(sc, counts, t)}")
    if "--write" in sys.argv:
        m = fit([e for e in exs if e[2] is not None and e[0] != "direct"], n, c)
        # A DM is talking to the bot: what reads as an entry there is recorded unless the
        # model is quite sure it is not one. The DM threshold lets 99 % of the fixture
        # table's entries through (never above the household threshold).
        direct = [e for e in exs if e[0] == "direct" and e[2] is not None]
        scores = np.sort(m.decision_function(matrix(direct, n)))
        likely = min(t, float(scores[int(len(scores) * 0.01)]))
        print(f"DM threshold {likely:.2f}: {sum(scores >= likely)}/{len(scores)} fixture entries pass "
              f"({sum(scores >= t)} at the household threshold)")
        write(names, m, t, c, likely)


def write(names, m, t, c, likely):
    w = m.coef_[0]
    lines = [
        "//! The intent model's weights, written by `scripts/intent_train.py --write`: do not edit by",
        "//! hand. A logistic regression on the development sets (tests/fixtures/dev/) and the fixture",
        "//! table's entries; how it was chosen and checked is in the script and in",
        "//! docs/BENCHMARKS.md.",
        "//!",
        "//! Named clues first (see `Named` in intent.rs):",
    ]
    for i, name in enumerate(names):
        lines.append(f"//! - {name}: {w[i]:+.3f}")
    lines += [
        "",
        "#![allow(",
        "    clippy::approx_constant,",
        '    reason = "learned weights: a value near π/8 is chance"',
        ")]",
        "",
        f"pub(super) const BIAS: f32 = {m.intercept_[0]:.4f};",
        f"/// The threshold, chosen on held-out folds (C = {c}).",
        f"pub(super) const EXPENSE_FROM: f32 = {t:.4f};",
        "/// From here a message sent to the bot is recorded (99 % of the fixture table's entries).",
        f"pub(super) const LIKELY_FROM: f32 = {likely:.4f};",
        "/// Well below that: conversation, not even worth a hint's doubt.",
        f"pub(super) const CHATTER_BELOW: f32 = {min(t, likely) - 2.0:.4f};",
        "",
        "/// The named clues' weights, in the order of `Named`.",
        "#[rustfmt::skip]",
        f"pub(super) static NAMED_WEIGHTS: [f32; super::NAMED] = [",
    ]
    def num(x):
        return f"{x + 0.0:.4f}".replace("-0.0000", "0.0000")
    named = len(names)
    for i in range(0, named, 12):
        lines.append("    " + ", ".join(num(x) for x in w[i:min(i + 12, named)]) + ",")
    lines.append("];")
    # Only the buckets some training message filled: the rest of the 262,144 weigh nothing.
    filled = [(i - named, x) for i, x in enumerate(w) if i >= named and num(x) != "0.0000"]
    lines += [
        "",
        "/// The hashed buckets that weigh something, as (bucket, weight) in bucket order; every",
        "/// other bucket weighs nothing.",
        "#[rustfmt::skip]",
        f"pub(super) static BUCKET_WEIGHTS: [(u32, f32); {len(filled)}] = [",
    ]
    for k in range(0, len(filled), 6):
        lines.append("    " + " ".join(f"({i}, {num(x)})," for i, x in filled[k:k + 6]))
    lines.append("];")
    open("src/parser/intent/weights.rs", "w").write("\n".join(lines) + "\n")
    print("wrote src/parser/intent/weights.rs")


if __name__ == "__main__":
    main()

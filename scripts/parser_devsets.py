#!/usr/bin/env python3
"""Scores `tally parse` on the parser development sets in tests/fixtures/dev/.

Usage: scripts/parser_devsets.py path/to/tally [-v] [--fresh | --blind | --unseen | --outsider | --stranger | --guest | --visitor | --caller | --neighbour | --lodger | --roommate | --cousin | --tenant | --boarder | --aunt | --flatmate | --sibling | --mate | --NAME]
--fresh scores the smaller sets written after the rules (fresh_*), which were not tuned on.
--blind scores the sets written in session 8 (blind_*), reported before any rule was changed.
--unseen scores the sets written in session 9 (unseen_*), likewise reported before any change.
--outsider scores the sets a helper wrote in session 10 without reading the rules (outsider_*).
--stranger scores the sets a second such helper wrote in session 10 (stranger_*).
--guest scores the sets a third such helper wrote in session 11 (guest_*).
--visitor scores the sets a fourth such helper wrote in session 11 (visitor_*).
--caller scores the sets a fifth such helper wrote in session 11 (caller_*: no notes file).
--neighbour scores the sets a sixth such helper wrote in session 12 (neighbour_*).
--lodger scores the sets a seventh such helper wrote in session 12 (lodger_*: no notes file).
--roommate, --cousin, --tenant: three more such helpers' sets of session 12 (only cousin has notes).
--boarder, --aunt, --flatmate, --sibling, --mate, --uncle, --niece, --housemate, --bestie: nine such
helpers' sets of session 13 (boarder, aunt and niece have notes).
--nan, --pal, --kin, --ward, --crew, then --kiwi, --folk, --chum, --didi, --buddy: ten such
helpers' sets of session 14 (kin, ward and didi have notes); --lass, --bro, --oma, --yaar, --kaka:
five such helpers' sets of session 15 (yaar and kaka have notes); --pote, --bredda, --abang,
--cobber, --bhau: five more of session 15 (bhau has notes); --chale, --bhai, --roomie, --tio,
--habibi: a third batch of session 15 (bhai has notes); --primo, --ziomek, --hyung, --abi, --dai:
five such helpers' sets of session 16 (dai has notes); --guv, --cuz, --gramps, --ssebo, --amma:
a second batch of session 16 (ssebo and amma have notes); --bae, --mum, --bapak, --nonna,
--chacha: a third batch of session 16 (chacha has notes); --hon, --mucker, --sis, --bud,
--bhaiya: a fourth batch of session 16 (bhaiya has notes); --dude, --bruv, --yinz, --bhabhi,
--anna: five such helpers' sets of session 17 (bhabhi and anna have notes); --shorty, --laddie,
--mija, --beta, --chechi: a second batch of session 17 (beta and chechi have notes); --ourkid,
--butty, --canuck, --foi, --mama: five such helpers' sets of session 19 (foi and mama have
notes); --geordie, --brum, --rafiki, --lah, --appa, --dada: six such helpers' sets of session 20
(appa and dada have notes); --yalla, --boet, --senpai, --jaan: four such helpers' sets of session
21 (jaan has notes); --machan, --oga, --kuya, --mano: four such helpers' sets of session 22
(machan has notes); --nani, --thambi, --pops, --hun, then --dost, --bibi, --chica, --bairn, then
--paati, --chotu, --sheila, --tante, then --mausi, --jiju, --yall, --cuzzie, then --dadi, --akka,
--sarge, --mam: five batches of four such helpers' sets of session 23 (nani, thambi, dost, bibi,
paati, chotu, mausi, jiju, dadi and akka have notes); --snowbird, --craic, --grads, --kopi, --bua:
a batch of session 24 (bua has notes); --digs, --prairie, --aloha, --desi, --bava: a second
batch of session 24 (bava has notes); --bayou, --scouse, --windy, --bunny, --veerji: a third
(veerji has notes); --tita, --gaffer, --bodega, --kaya, --ammi: a batch of session 25 (ammi
has notes); --bonjour, --parce, --fenland, --dorm, --sekuru: a second (parce has notes); --tyke, --shore,
--texan, --perth, --ba: a third (ba has notes); --fika, --che, --anh, --hustle, --ahma: a batch of
session 26 (che and ahma have notes); --wg, --bob, --baji, --tianguis, --gran: a batch of session
27 (bob, baji and tianguis have notes); --buurman, --phi, --masry, --pololo, --motabhai: a batch
of session 28 (phi, masry and motabhai have notes); --bloke, --hotdish, --ajji, --bou, --abuela: a
second (ajji and bou have notes); --abla, --mzee, --pana, --apu, --yiayia: a batch of session 29
(mzee and apu have notes); --achi, --kabayan, --mutti, --vovo, --hajur, --malli: a batch of
session 30 (hajur and malli have notes); --bacgai, --tonton, --zia, --ukhti, --emaye, --babuji:
a second (babuji has notes); --babushka, --dida, --halmoni, --khaleh, --bestemor, --mamika,
--aita: a batch of session 31 (dida and aita have notes); --mamaji, --taiji, --bhaisahab, --missus,
--momma: a second (mamaji, taiji and bhaisahab have notes); --gator, --larrikin, --kiasu, --leaf,
--dubs: a batch of session 32 (plain English household channels); --okie, --capey, --mancs,
--nomad, --queens: a batch of session 33 (the same); --weegie, --jawn, --hoosier, --bajan,
--brekkie: a batch of session 34 (the same); --southie, --norn, --yooper, --jozi, --cornish: a
batch of session 35 (the same); --loon, --sconnie, --tassie, --holler, --trini: a batch of
session 36 (the same); --bama, --fiji, --cardiff, --station, --yardie: a batch of session 37
(the same); --hongkong, --malta, --bush, --guyana, --nurses: a batch of session 38 (the
same); --iceland, --montreal, --brno, --vanlife, --boricua: a batch of session 39 (the same);
--headingley, --ozark, --dubai, --otago, --vegas: a batch of session 40 (the same);
--cork, --austin, --bristol, --adelaide, --toronto: a second batch of session 40 (the same);
--swansea, --phoenix, --durban, --halifax, --denver: a batch of session 41 (the same);
--edinburgh, --houston, --saskatoon, --brighton, --melbourne: a second batch of session 41
(the same); --belfast, --portland, --bath, --chicago, --calgary: a batch of session 42 (the
same); --dundee, --tulsa, --hobart, --winnipeg, --nashville: a batch of session 43 (the same);
--wollongong, --kochi, --detroit, --leicester, --memphis: a batch of session 44 (the same);
--aberdeen, --boise, --cairns, --norwich, --sacramento: a batch of session 45 (the same);
--inverness, --tucson, --dunedin, --limerick, --omaha: a batch of session 46 (the same);
--galway, --fresno, --ballarat, --leeds, --regina: a batch of session 47 (the same);
--tampa, --sheffield, --auckland, --ottawa, --brisbane: a batch of session 48 (the same);
--spokane, --exeter, --hamilton, --kelowna, --darwin: a batch of session 49 (the same);
--wichita, --york, --tauranga, --lethbridge, --townsville: a batch of session 50 (the same);
--reno, --rotorua, --geelong, --moncton, --halton: a batch of session 51 (the same);
--nelson, --mackay, --toowoomba, --stockport, --sudbury: a batch of session 52 (the same);
--napier, --bendigo, --stockton, --bunbury, --kamloops: a batch of session 53 (the same);
--ballina, --whangarei, --gateshead, --nanaimo, --mildura: a batch of session 54 (the same);
--gladstone, --timaru, --sunderland, --shepparton, --princegeorge: a batch of session 55 (the
same protocol, the brief rewritten); --whanganui, --swindon, --kalgoorlie, --lismore, --fargo:
a batch of session 56 (the same brief); --dubbo, --invercargill, --duluth, --carlisle,
--thunderbay, then --wagga, --hastings, --missoula, --plymouth, --kingston, then --tamworth,
--gisborne, --dayton, --hull, --brandon: three batches of session 57 (the same brief);
--bathurst, --taupo, --boulder, --derby, --fredericton, then --ballymena, --goldcoast,
--burlington, --nakuru, --tacoma, then --rockhampton, --lancaster, --dunfermline, --palmerston,
--savannah, then --geraldton, --stirling, --oshawa, --mountmaunganui, --shreveport: four batches
of session 58 (the same brief); --launceston, --tralee, --lubbock, --sarnia, --kirkcaldy, then
--whitby, --albany, --yakima, --truro, --bloemfontein, then --dunoon, --toledo, --nelsonbc,
--kilkenny, --ipswichqld, then --wellington, --asheville, --stoke, --moosejaw, --bundaberg, then
--galwaycity, --rotherham, --fortworth, --lethbridgeab, --hamiltonnz, then --dundalk,
--oklahomacity, --rockyview, --sunshinecoast, --swanseaflat: six batches of session 59 (the same
brief); --wrexham, --billings, --roanoke, --warrnambool, --ennis, then --galashiels, --lafayette,
--kalamazoo, --grandeprairie, --mandurah, then --tamworthuk, --elpaso, --dunedinflat, --saintjohn,
--toowong, then --mullingar, --spokanevalley, --middlesbrough, --rotoruanz, --sudburyon, then
--lisburn, --amarillo, --tauranganz, --thunderbayon, --hobartflat, then --stornoway, --tulsaok,
--kelownabc, --ballaratvic, --corkcity, then --wollongongnsw, --bangorni, --boisemetro,
--whitehorse, --geelongvic, then --portlandme, --invercargillsouth, --swanseawales,
--fortmcmurray, --darwinnt, then --athlone, --chattanooga, --napiernz, --sherbrooke, --cairnsqld:
nine batches of session 60 (the same brief); --oamaru, --reddeer, --sligo, --scranton, --gympie,
then --carlow, --peoria, --nelsonnz, --medicinehat, --macon, then --omagh, --flagstaff,
--masterton, --kingstonon, --orange, then --sydneyns, --lewiston, --bozeman, --newry, --mobile,
then --altoona, --yuma, --peterboroughuk, --guelph, --ogden, then --turangi, --warwickqld,
--glenrothes, --barrie, --akron, then --kerikeri, --dumfries, --orillia, --pocatello, --casper,
then --goulburn, --enniskillen, --ithaca, --chilliwack, --whakatane, then --grafton, --ashburton,
--timmins, --letterkenny, --greenbay, then --maitland, --oban, --athy, --rapidcity,
--campbellriver, then --moranbah, --westport, --kenora, --bemidji, --morpeth, then --esperance,
--tuam, --nanton, --marquette, --bridlington, then --broome, --clonmel, --cranbrook, --hexham,
--lakecharles: thirteen batches of session 61; --nowra, --ballinasloe, --yorkton,
--beloit, --robinhoods, then --wodonga, --castlebar, --medford, --tiverton, --quesnel, then
--armidale, --kilrush, --janesville, --keswick, --princerupert: three batches of session 62 (the
brief rewritten: the old one did not survive the checkout); --oshkosh, --kendal, --echuca,
--listowel, --kokomo, then --dubuque, --thurso, --alnwick, --muncie, --portaugusta, then --cobh,
--wausau, --stroud, --yass, --fergus, then --mallow, --sheboygan, --hawick, --kingaroy, --ceduna:
four batches of session 63; --ely, --elkhart, --selkirk, --mudgee, --waycross, then --tenby,
--dalby, --strandhill, --ottumwa, --clonakilty: two batches of session 64 (strandhill
was first written over session 61's sligo; both are kept); --paducah, --kilcoy,
--falmouth, --hokitika, --cheboygan, then --childers, --lerwick, --yankton, --dauphin, --kilkee,
then --yeppoon, --cass, --tobermory, --sioux, --methven: three batches of session 65; --moruya,
--stranraer, --keokuk, --bega, --decorah, then --merimbula, --portpatrick, --muscatine,
--ulverstone, --winona: two batches of session 66 (written from scripts/devset_brief.md);
--newquay, --petoskey, --moree, --ullapool, --brainerd, then --cessnock, --keene, --portree,
--nambour, --mankato: two batches of session 67 (the same brief).
Any `--NAME` scores `NAME_*` (several flags: each set, then their lines pooled); `--all` scores every
set, then all their lines pooled.
Prints, per set, how many lines were read right. Uses --channel household for the chatter and
household-expense sets when the binary supports it (falls back to dm on an older binary).
"""
import json, os, subprocess, sys
from decimal import Decimal

DEV = "tests/fixtures/dev/"

def run(tally, lines, channel):
    args = [tally, "parse", "--today", "2026-11-24", "--currency", "INR" if channel == "notes" else "USD"]
    if channel == "household":
        args += ["--channel", "household"]
    p = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True)
    if p.returncode != 0 and channel == "household":
        return run(tally, lines, "dm")
    return [json.loads(l) for l in p.stdout.splitlines()]

def rows(name):
    out = []
    for l in open(DEV + name, encoding="utf-8"):
        l = l.rstrip("\n")
        if l and not l.startswith("#"):
            out.append(l.split("\t"))
    return out

def right(res, amount, kind="expense"):
    return res.get("ok") and len(res["entries"]) == 1 and \
        Decimal(res["entries"][0]["amount"]) == Decimal(amount) and res["entries"][0]["kind"] == kind

def score(tally, pre, verbose):
    """Scores the sets `pre*` and prints them; returns (right, of) per kind of set."""
    got = {}
    if os.path.exists(DEV + pre + "notes.tsv"):
        notes = rows(pre + "notes.tsv")
        res = run(tally, [r[0] for r in notes], "notes")
        ok = [right(x, r[1]) for x, r in zip(res, notes)]
        got["notes"] = (sum(ok), len(ok))
        print(f"notes: {sum(ok)}/{len(ok)} read right ({100*sum(ok)/len(ok):.1f} %)")
        if verbose:
            for r, x, g in zip(notes, res, ok):
                if not g: print("   ", r[0], "=>", json.dumps(x)[:160])
    chatter = [r[0] for r in rows(pre + "chatter.txt")]
    res = run(tally, chatter, "household")
    rec = [bool(x.get("ok")) for x in res]
    got["chatter"] = (sum(rec), len(rec))
    print(f"chatter: {sum(rec)}/{len(rec)} recorded in a household channel ({100*sum(rec)/len(rec):.1f} %)")
    if verbose:
        for m, x in zip(chatter, res):
            if x.get("ok"): print("   ", m, "=>", json.dumps(x)[:160])
    hh = rows(pre + ("household.tsv" if pre else "household_expenses.tsv"))
    res = run(tally, [r[0] for r in hh], "household")
    ok = [bool(right(x, r[1], r[2] if len(r) > 2 else "expense")) for x, r in zip(res, hh)]
    got["household"] = (sum(ok), len(ok))
    print(f"household expenses: {sum(ok)}/{len(ok)} recorded right ({100*sum(ok)/len(ok):.1f} %)")
    if verbose:
        for r, x, g in zip(hh, res, ok):
            if not g: print("   ", r[0], "=>", json.dumps(x)[:160])
    return got

def score_many(tally, prefixes, verbose):
    """Each set in turn, then the lines of all of them pooled."""
    pooled = {}
    for pre in prefixes:
        print(f"[{pre.rstrip('_') or 'first'}]")
        for kind, (good, of) in score(tally, pre, verbose).items():
            a, b = pooled.get(kind, (0, 0))
            pooled[kind] = (a + good, b + of)
    print(f"pooled over {len(prefixes)} sets:")
    for kind, (good, of) in pooled.items():
        print(f"  {kind}: {good}/{of} ({100*good/of:.2f} %)")


def main():
    tally = sys.argv[1]
    verbose = "-v" in sys.argv
    # `--NAME` scores the sets `NAME_*` (any set written by a helper; several flags, each, then
    # pooled); no flag, the first sets; `--all` every set, then the lines of all of them pooled.
    flags = [a[2:] for a in sys.argv[2:] if a.startswith("--")]
    if flags == ["all"]:
        names = sorted(f[:-len("chatter.txt")] for f in os.listdir(DEV) if f.endswith("chatter.txt"))
        score_many(tally, names, verbose)
    elif len(flags) > 1:
        score_many(tally, [f + "_" for f in flags], verbose)
    else:
        score(tally, flags[0] + "_" if flags else "", verbose)

main()

//! Figures on the parser's development sets (`tests/fixtures/dev/`): household spending notes,
//! household-channel chatter with numbers, and expenses typed in a household channel.
//!
//! The sets were written before the rules that read them (see `docs/BENCHMARKS.md` for the
//! figures before and after); they are for development, the held-out sets decide. The intent
//! model is trained on them (`scripts/intent_train.py`), so its figures here are training
//! figures: the script's fold figures (each set wholly in one of ten folds) are the ones to
//! quote. Run with
//! `cargo test --locked --test pure parser_devsets:: -- --nocapture` to see the figures and misses.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::model::{DateFormat, EntryKind};
use tally::money::Currency;
use tally::parser::{Channel, Context, Verdict, read};

const NOTES: &str = include_str!("../fixtures/dev/notes.tsv");
const CHATTER: &str = include_str!("../fixtures/dev/chatter.txt");
const HOUSEHOLD: &str = include_str!("../fixtures/dev/household_expenses.tsv");

/// One writer's sets as `(label, notes or "", chatter, household expenses)`: every set after the
/// first is named `NAME_notes.tsv`, `NAME_chatter.txt`, `NAME_household.tsv`.
macro_rules! dev_set {
    ($name:literal, $label:literal, notes) => {
        (
            $label,
            include_str!(concat!("../fixtures/dev/", $name, "_notes.tsv")),
            include_str!(concat!("../fixtures/dev/", $name, "_chatter.txt")),
            include_str!(concat!("../fixtures/dev/", $name, "_household.tsv")),
        )
    };
    ($name:literal, $label:literal) => {
        (
            $label,
            "",
            include_str!(concat!("../fixtures/dev/", $name, "_chatter.txt")),
            include_str!(concat!("../fixtures/dev/", $name, "_household.tsv")),
        )
    };
}

/// The sets written after the first, in the order they were written.
const SETS: &[(&str, &str, &str, &str)] = &[
    dev_set!("fresh", "fresh", notes),
    dev_set!("blind", "blind (session 8)", notes),
    dev_set!("unseen", "unseen (session 9)", notes),
    dev_set!(
        "outsider",
        "outsider (session 10, written by a helper who had not read the rules)",
        notes
    ),
    dev_set!(
        "stranger",
        "stranger (session 10, a second helper who had not read the rules)",
        notes
    ),
    dev_set!(
        "guest",
        "guest (session 11, a third helper who had not read the rules)",
        notes
    ),
    dev_set!(
        "visitor",
        "visitor (session 11, a fourth helper who had not read the rules)",
        notes
    ),
    dev_set!(
        "caller",
        "caller (session 11, a fifth helper; chatter and expenses only)"
    ),
    dev_set!(
        "neighbour",
        "neighbour (session 12, a sixth helper who had not read the rules)",
        notes
    ),
    dev_set!(
        "lodger",
        "lodger (session 12, a seventh helper; chatter and expenses only)"
    ),
    dev_set!(
        "roommate",
        "roommate (session 12, an eighth helper; chatter and expenses only)"
    ),
    dev_set!("cousin", "cousin (session 12, a ninth helper)", notes),
    dev_set!(
        "tenant",
        "tenant (session 12, a tenth helper; chatter and expenses only)"
    ),
    dev_set!("boarder", "boarder (session 13)", notes),
    dev_set!("aunt", "aunt (session 13)", notes),
    dev_set!("flatmate", "flatmate (session 13)"),
    dev_set!("sibling", "sibling (session 13)"),
    dev_set!("mate", "mate (session 13)"),
    dev_set!("uncle", "uncle (session 13)"),
    dev_set!("niece", "niece (session 13)", notes),
    dev_set!("housemate", "housemate (session 13)"),
    dev_set!("bestie", "bestie (session 13)"),
    dev_set!("nan", "nan (session 14)"),
    dev_set!("pal", "pal (session 14)"),
    dev_set!("kin", "kin (session 14)", notes),
    dev_set!("ward", "ward (session 14)", notes),
    dev_set!("crew", "crew (session 14)"),
    dev_set!("kiwi", "kiwi (session 14)"),
    dev_set!("folk", "folk (session 14)"),
    dev_set!("chum", "chum (session 14)"),
    dev_set!("didi", "didi (session 14)", notes),
    dev_set!("buddy", "buddy (session 14)"),
    dev_set!("lass", "lass (session 15)"),
    dev_set!("bro", "bro (session 15)"),
    dev_set!("oma", "oma (session 15)"),
    dev_set!("yaar", "yaar (session 15)", notes),
    dev_set!("kaka", "kaka (session 15)", notes),
    dev_set!("pote", "pote (session 15)"),
    dev_set!("bredda", "bredda (session 15)"),
    dev_set!("abang", "abang (session 15)"),
    dev_set!("cobber", "cobber (session 15)"),
    dev_set!("bhau", "bhau (session 15)", notes),
    dev_set!("chale", "chale (session 15)"),
    dev_set!("bhai", "bhai (session 15)", notes),
    dev_set!("roomie", "roomie (session 15)"),
    dev_set!("tio", "tio (session 15)"),
    dev_set!("habibi", "habibi (session 15)"),
    dev_set!("primo", "primo (session 16)"),
    dev_set!("ziomek", "ziomek (session 16)"),
    dev_set!("hyung", "hyung (session 16)"),
    dev_set!("abi", "abi (session 16)"),
    dev_set!("dai", "dai (session 16)", notes),
    dev_set!("guv", "guv (session 16)"),
    dev_set!("cuz", "cuz (session 16)"),
    dev_set!("gramps", "gramps (session 16)"),
    dev_set!("ssebo", "ssebo (session 16)", notes),
    dev_set!("amma", "amma (session 16)", notes),
    dev_set!("bae", "bae (session 16)"),
    dev_set!("mum", "mum (session 16)"),
    dev_set!("bapak", "bapak (session 16)"),
    dev_set!("nonna", "nonna (session 16)"),
    dev_set!("chacha", "chacha (session 16)", notes),
    dev_set!("hon", "hon (session 16)"),
    dev_set!("mucker", "mucker (session 16)"),
    dev_set!("sis", "sis (session 16)"),
    dev_set!("bud", "bud (session 16)"),
    dev_set!("bhaiya", "bhaiya (session 16)", notes),
    dev_set!("dude", "dude (session 17)"),
    dev_set!("bruv", "bruv (session 17)"),
    dev_set!("yinz", "yinz (session 17)"),
    dev_set!("bhabhi", "bhabhi (session 17)", notes),
    dev_set!("anna", "anna (session 17)", notes),
    dev_set!("shorty", "shorty (session 17)"),
    dev_set!("laddie", "laddie (session 17)"),
    dev_set!("mija", "mija (session 17)"),
    dev_set!("beta", "beta (session 17)", notes),
    dev_set!("chechi", "chechi (session 17)", notes),
    dev_set!("ourkid", "ourkid (session 19)"),
    dev_set!("butty", "butty (session 19)"),
    dev_set!("canuck", "canuck (session 19)"),
    dev_set!("foi", "foi (session 19)", notes),
    dev_set!("mama", "mama (session 19)", notes),
    dev_set!("geordie", "geordie (session 20)"),
    dev_set!("brum", "brum (session 20)"),
    dev_set!("rafiki", "rafiki (session 20)"),
    dev_set!("lah", "lah (session 20)"),
    dev_set!("appa", "appa (session 20)", notes),
    dev_set!("dada", "dada (session 20)", notes),
    dev_set!("yalla", "yalla (session 21)"),
    dev_set!("boet", "boet (session 21)"),
    dev_set!("senpai", "senpai (session 21)"),
    dev_set!("jaan", "jaan (session 21)", notes),
    dev_set!("machan", "machan (session 22)", notes),
    dev_set!("oga", "oga (session 22)"),
    dev_set!("kuya", "kuya (session 22)"),
    dev_set!("mano", "mano (session 22)"),
    dev_set!("nani", "nani (session 23)", notes),
    dev_set!("thambi", "thambi (session 23)", notes),
    dev_set!("pops", "pops (session 23)"),
    dev_set!("hun", "hun (session 23)"),
    dev_set!("dost", "dost (session 23)", notes),
    dev_set!("bibi", "bibi (session 23)", notes),
    dev_set!("chica", "chica (session 23)"),
    dev_set!("bairn", "bairn (session 23)"),
    dev_set!("paati", "paati (session 23)", notes),
    dev_set!("chotu", "chotu (session 23)", notes),
    dev_set!("sheila", "sheila (session 23)"),
    dev_set!("tante", "tante (session 23)"),
    dev_set!("mausi", "mausi (session 23)", notes),
    dev_set!("jiju", "jiju (session 23)", notes),
    dev_set!("yall", "yall (session 23)"),
    dev_set!("cuzzie", "cuzzie (session 23)"),
    dev_set!("dadi", "dadi (session 23)", notes),
    dev_set!("akka", "akka (session 23)", notes),
    dev_set!("sarge", "sarge (session 23)"),
    dev_set!("mam", "mam (session 23)"),
    dev_set!("snowbird", "snowbird (session 24)"),
    dev_set!("craic", "craic (session 24)"),
    dev_set!("grads", "grads (session 24)"),
    dev_set!("kopi", "kopi (session 24)"),
    dev_set!("bua", "bua (session 24)", notes),
    dev_set!("digs", "digs (session 24)"),
    dev_set!("prairie", "prairie (session 24)"),
    dev_set!("aloha", "aloha (session 24)"),
    dev_set!("desi", "desi (session 24)"),
    dev_set!("bava", "bava (session 24)", notes),
    dev_set!("bayou", "bayou (session 24)"),
    dev_set!("scouse", "scouse (session 24)"),
    dev_set!("windy", "windy (session 24)"),
    dev_set!("bunny", "bunny (session 24)"),
    dev_set!("veerji", "veerji (session 24)", notes),
    dev_set!("tita", "tita (session 25)"),
    dev_set!("gaffer", "gaffer (session 25)"),
    dev_set!("bodega", "bodega (session 25)"),
    dev_set!("kaya", "kaya (session 25)"),
    dev_set!("ammi", "ammi (session 25)", notes),
    dev_set!("bonjour", "bonjour (session 25)"),
    dev_set!("parce", "parce (session 25)", notes),
    dev_set!("fenland", "fenland (session 25)"),
    dev_set!("dorm", "dorm (session 25)"),
    dev_set!("sekuru", "sekuru (session 25)"),
    dev_set!("tyke", "tyke (session 25)"),
    dev_set!("shore", "shore (session 25)"),
    dev_set!("texan", "texan (session 25)"),
    dev_set!("perth", "perth (session 25)"),
    dev_set!("ba", "ba (session 25)", notes),
    dev_set!("fika", "fika (session 26)"),
    dev_set!("che", "che (session 26)", notes),
    dev_set!("anh", "anh (session 26)"),
    dev_set!("hustle", "hustle (session 26)"),
    dev_set!("ahma", "ahma (session 26)", notes),
    dev_set!("wg", "wg (session 27)"),
    dev_set!("bob", "bob (session 27)", notes),
    dev_set!("baji", "baji (session 27)", notes),
    dev_set!("tianguis", "tianguis (session 27)", notes),
    dev_set!("gran", "gran (session 27)"),
    dev_set!("buurman", "buurman (session 28)"),
    dev_set!("phi", "phi (session 28)", notes),
    dev_set!("masry", "masry (session 28)", notes),
    dev_set!("pololo", "pololo (session 28)"),
    dev_set!("motabhai", "motabhai (session 28)", notes),
    dev_set!("bloke", "bloke (session 28)"),
    dev_set!("hotdish", "hotdish (session 28)"),
    dev_set!("ajji", "ajji (session 28)", notes),
    dev_set!("bou", "bou (session 28)", notes),
    dev_set!("abuela", "abuela (session 28)"),
    dev_set!("abla", "abla (session 29)"),
    dev_set!("mzee", "mzee (session 29)", notes),
    dev_set!("pana", "pana (session 29)"),
    dev_set!("apu", "apu (session 29)", notes),
    dev_set!("yiayia", "yiayia (session 29)"),
    dev_set!("achi", "achi (session 30)"),
    dev_set!("kabayan", "kabayan (session 30)"),
    dev_set!("mutti", "mutti (session 30)"),
    dev_set!("vovo", "vovo (session 30)"),
    dev_set!("hajur", "hajur (session 30)", notes),
    dev_set!("malli", "malli (session 30)", notes),
    dev_set!("bacgai", "bacgai (session 30)"),
    dev_set!("tonton", "tonton (session 30)"),
    dev_set!("zia", "zia (session 30)"),
    dev_set!("ukhti", "ukhti (session 30)"),
    dev_set!("emaye", "emaye (session 30)"),
    dev_set!("babuji", "babuji (session 30)", notes),
    dev_set!("babushka", "babushka (session 31)"),
    dev_set!("dida", "dida (session 31)", notes),
    dev_set!("halmoni", "halmoni (session 31)"),
    dev_set!("khaleh", "khaleh (session 31)"),
    dev_set!("bestemor", "bestemor (session 31)"),
    dev_set!("mamika", "mamika (session 31)"),
    dev_set!("aita", "aita (session 31)", notes),
    dev_set!("mamaji", "mamaji (session 31)", notes),
    dev_set!("taiji", "taiji (session 31)", notes),
    dev_set!("bhaisahab", "bhaisahab (session 31)", notes),
    dev_set!("missus", "missus (session 31)"),
    dev_set!("momma", "momma (session 31)"),
    dev_set!("gator", "gator (session 32)"),
    dev_set!("larrikin", "larrikin (session 32)"),
    dev_set!("kiasu", "kiasu (session 32)"),
    dev_set!("leaf", "leaf (session 32)"),
    dev_set!("dubs", "dubs (session 32)"),
    dev_set!("okie", "okie (session 33)"),
    dev_set!("capey", "capey (session 33)"),
    dev_set!("mancs", "mancs (session 33)"),
    dev_set!("nomad", "nomad (session 33)"),
    dev_set!("queens", "queens (session 33)"),
    dev_set!("weegie", "weegie (session 34)"),
    dev_set!("jawn", "jawn (session 34)"),
    dev_set!("hoosier", "hoosier (session 34)"),
    dev_set!("bajan", "bajan (session 34)"),
    dev_set!("brekkie", "brekkie (session 34)"),
    dev_set!("southie", "southie (session 35)"),
    dev_set!("norn", "norn (session 35)"),
    dev_set!("yooper", "yooper (session 35)"),
    dev_set!("jozi", "jozi (session 35)"),
    dev_set!("cornish", "cornish (session 35)"),
    dev_set!("loon", "loon (session 36)"),
    dev_set!("sconnie", "sconnie (session 36)"),
    dev_set!("tassie", "tassie (session 36)"),
    dev_set!("holler", "holler (session 36)"),
    dev_set!("trini", "trini (session 36)"),
    dev_set!("bama", "bama (session 37)"),
    dev_set!("fiji", "fiji (session 37)"),
    dev_set!("cardiff", "cardiff (session 37)"),
    dev_set!("station", "station (session 37)"),
    dev_set!("yardie", "yardie (session 37)"),
    dev_set!("hongkong", "hongkong (session 38)"),
    dev_set!("malta", "malta (session 38)"),
    dev_set!("bush", "bush (session 38)"),
    dev_set!("guyana", "guyana (session 38)"),
    dev_set!("nurses", "nurses (session 38)"),
    dev_set!("iceland", "iceland (session 39)"),
    dev_set!("montreal", "montreal (session 39)"),
    dev_set!("brno", "brno (session 39)"),
    dev_set!("vanlife", "vanlife (session 39)"),
    dev_set!("boricua", "boricua (session 39)"),
    dev_set!("headingley", "headingley (session 40)"),
    dev_set!("ozark", "ozark (session 40)"),
    dev_set!("dubai", "dubai (session 40)"),
    dev_set!("otago", "otago (session 40)"),
    dev_set!("vegas", "vegas (session 40)"),
    dev_set!("cork", "cork (session 40)"),
    dev_set!("austin", "austin (session 40)"),
    dev_set!("bristol", "bristol (session 40)"),
    dev_set!("adelaide", "adelaide (session 40)"),
    dev_set!("toronto", "toronto (session 40)"),
    dev_set!("swansea", "swansea (session 41)"),
    dev_set!("phoenix", "phoenix (session 41)"),
    dev_set!("durban", "durban (session 41)"),
    dev_set!("halifax", "halifax (session 41)"),
    dev_set!("denver", "denver (session 41)"),
    dev_set!("edinburgh", "edinburgh (session 41)"),
    dev_set!("houston", "houston (session 41)"),
    dev_set!("saskatoon", "saskatoon (session 41)"),
    dev_set!("brighton", "brighton (session 41)"),
    dev_set!("melbourne", "melbourne (session 41)"),
    dev_set!("belfast", "belfast (session 42)"),
    dev_set!("portland", "portland (session 42)"),
    dev_set!("bath", "bath (session 42)"),
    dev_set!("chicago", "chicago (session 42)"),
    dev_set!("calgary", "calgary (session 42)"),
    dev_set!("dundee", "dundee (session 43)"),
    dev_set!("tulsa", "tulsa (session 43)"),
    dev_set!("hobart", "hobart (session 43)"),
    dev_set!("winnipeg", "winnipeg (session 43)"),
    dev_set!("nashville", "nashville (session 43)"),
    dev_set!("wollongong", "wollongong (session 44)"),
    dev_set!("kochi", "kochi (session 44)"),
    dev_set!("detroit", "detroit (session 44)"),
    dev_set!("leicester", "leicester (session 44)"),
    dev_set!("memphis", "memphis (session 44)"),
    dev_set!("aberdeen", "aberdeen (session 45)"),
    dev_set!("boise", "boise (session 45)"),
    dev_set!("cairns", "cairns (session 45)"),
    dev_set!("norwich", "norwich (session 45)"),
    dev_set!("sacramento", "sacramento (session 45)"),
    dev_set!("inverness", "inverness (session 46)"),
    dev_set!("tucson", "tucson (session 46)"),
    dev_set!("dunedin", "dunedin (session 46)"),
    dev_set!("limerick", "limerick (session 46)"),
    dev_set!("omaha", "omaha (session 46)"),
    dev_set!("galway", "galway (session 47)"),
    dev_set!("fresno", "fresno (session 47)"),
    dev_set!("ballarat", "ballarat (session 47)"),
    dev_set!("leeds", "leeds (session 47)"),
    dev_set!("regina", "regina (session 47)"),
    dev_set!("tampa", "tampa (session 48)"),
    dev_set!("sheffield", "sheffield (session 48)"),
    dev_set!("auckland", "auckland (session 48)"),
    dev_set!("ottawa", "ottawa (session 48)"),
    dev_set!("brisbane", "brisbane (session 48)"),
    dev_set!("spokane", "spokane (session 49)"),
    dev_set!("exeter", "exeter (session 49)"),
    dev_set!("hamilton", "hamilton (session 49)"),
    dev_set!("kelowna", "kelowna (session 49)"),
    dev_set!("darwin", "darwin (session 49)"),
    dev_set!("wichita", "wichita (session 50)"),
    dev_set!("york", "york (session 50)"),
    dev_set!("tauranga", "tauranga (session 50)"),
    dev_set!("lethbridge", "lethbridge (session 50)"),
    dev_set!("townsville", "townsville (session 50)"),
    dev_set!("reno", "reno (session 51)"),
    dev_set!("rotorua", "rotorua (session 51)"),
    dev_set!("geelong", "geelong (session 51)"),
    dev_set!("moncton", "moncton (session 51)"),
    dev_set!("halton", "halton (session 51)"),
    dev_set!("nelson", "nelson (session 52)"),
    dev_set!("mackay", "mackay (session 52)"),
    dev_set!("toowoomba", "toowoomba (session 52)"),
    dev_set!("stockport", "stockport (session 52)"),
    dev_set!("sudbury", "sudbury (session 52)"),
    dev_set!("napier", "napier (session 53)"),
    dev_set!("bendigo", "bendigo (session 53)"),
    dev_set!("stockton", "stockton (session 53)"),
    dev_set!("bunbury", "bunbury (session 53)"),
    dev_set!("kamloops", "kamloops (session 53)"),
    dev_set!("ballina", "ballina (session 54)"),
    dev_set!("whangarei", "whangarei (session 54)"),
    dev_set!("gateshead", "gateshead (session 54)"),
    dev_set!("nanaimo", "nanaimo (session 54)"),
    dev_set!("mildura", "mildura (session 54)"),
    dev_set!("gladstone", "gladstone (session 55)"),
    dev_set!("timaru", "timaru (session 55)"),
    dev_set!("sunderland", "sunderland (session 55)"),
    dev_set!("shepparton", "shepparton (session 55)"),
    dev_set!("princegeorge", "princegeorge (session 55)"),
    dev_set!("whanganui", "whanganui (session 56)"),
    dev_set!("swindon", "swindon (session 56)"),
    dev_set!("kalgoorlie", "kalgoorlie (session 56)"),
    dev_set!("lismore", "lismore (session 56)"),
    dev_set!("fargo", "fargo (session 56)"),
    dev_set!("dubbo", "dubbo (session 57)"),
    dev_set!("invercargill", "invercargill (session 57)"),
    dev_set!("duluth", "duluth (session 57)"),
    dev_set!("carlisle", "carlisle (session 57)"),
    dev_set!("thunderbay", "thunderbay (session 57)"),
    dev_set!("wagga", "wagga (session 57)"),
    dev_set!("hastings", "hastings (session 57)"),
    dev_set!("missoula", "missoula (session 57)"),
    dev_set!("plymouth", "plymouth (session 57)"),
    dev_set!("kingston", "kingston (session 57)"),
    dev_set!("tamworth", "tamworth (session 57)"),
    dev_set!("gisborne", "gisborne (session 57)"),
    dev_set!("dayton", "dayton (session 57)"),
    dev_set!("hull", "hull (session 57)"),
    dev_set!("brandon", "brandon (session 57)"),
    dev_set!("bathurst", "bathurst (session 58)"),
    dev_set!("taupo", "taupo (session 58)"),
    dev_set!("boulder", "boulder (session 58)"),
    dev_set!("derby", "derby (session 58)"),
    dev_set!("fredericton", "fredericton (session 58)"),
    dev_set!("ballymena", "ballymena (session 58)"),
    dev_set!("goldcoast", "goldcoast (session 58)"),
    dev_set!("burlington", "burlington (session 58)"),
    dev_set!("nakuru", "nakuru (session 58)"),
    dev_set!("tacoma", "tacoma (session 58)"),
    dev_set!("rockhampton", "rockhampton (session 58)"),
    dev_set!("lancaster", "lancaster (session 58)"),
    dev_set!("dunfermline", "dunfermline (session 58)"),
    dev_set!("palmerston", "palmerston (session 58)"),
    dev_set!("savannah", "savannah (session 58)"),
    dev_set!("geraldton", "geraldton (session 58)"),
    dev_set!("stirling", "stirling (session 58)"),
    dev_set!("oshawa", "oshawa (session 58)"),
    dev_set!("mountmaunganui", "mountmaunganui (session 58)"),
    dev_set!("shreveport", "shreveport (session 58)"),
    dev_set!("launceston", "launceston (session 59)"),
    dev_set!("tralee", "tralee (session 59)"),
    dev_set!("lubbock", "lubbock (session 59)"),
    dev_set!("sarnia", "sarnia (session 59)"),
    dev_set!("kirkcaldy", "kirkcaldy (session 59)"),
    dev_set!("whitby", "whitby (session 59)"),
    dev_set!("albany", "albany (session 59)"),
    dev_set!("yakima", "yakima (session 59)"),
    dev_set!("truro", "truro (session 59)"),
    dev_set!("bloemfontein", "bloemfontein (session 59)"),
    dev_set!("dunoon", "dunoon (session 59)"),
    dev_set!("toledo", "toledo (session 59)"),
    dev_set!("nelsonbc", "nelsonbc (session 59)"),
    dev_set!("kilkenny", "kilkenny (session 59)"),
    dev_set!("ipswichqld", "ipswichqld (session 59)"),
    dev_set!("wellington", "wellington (session 59)"),
    dev_set!("asheville", "asheville (session 59)"),
    dev_set!("stoke", "stoke (session 59)"),
    dev_set!("moosejaw", "moosejaw (session 59)"),
    dev_set!("bundaberg", "bundaberg (session 59)"),
    dev_set!("galwaycity", "galwaycity (session 59)"),
    dev_set!("rotherham", "rotherham (session 59)"),
    dev_set!("fortworth", "fortworth (session 59)"),
    dev_set!("lethbridgeab", "lethbridgeab (session 59)"),
    dev_set!("hamiltonnz", "hamiltonnz (session 59)"),
    dev_set!("dundalk", "dundalk (session 59)"),
    dev_set!("oklahomacity", "oklahomacity (session 59)"),
    dev_set!("rockyview", "rockyview (session 59)"),
    dev_set!("sunshinecoast", "sunshinecoast (session 59)"),
    dev_set!("swanseaflat", "swanseaflat (session 59)"),
    dev_set!("wrexham", "wrexham (session 60)"),
    dev_set!("billings", "billings (session 60)"),
    dev_set!("roanoke", "roanoke (session 60)"),
    dev_set!("warrnambool", "warrnambool (session 60)"),
    dev_set!("ennis", "ennis (session 60)"),
    dev_set!("galashiels", "galashiels (session 60)"),
    dev_set!("lafayette", "lafayette (session 60)"),
    dev_set!("kalamazoo", "kalamazoo (session 60)"),
    dev_set!("grandeprairie", "grandeprairie (session 60)"),
    dev_set!("mandurah", "mandurah (session 60)"),
    dev_set!("tamworthuk", "tamworthuk (session 60)"),
    dev_set!("elpaso", "elpaso (session 60)"),
    dev_set!("dunedinflat", "dunedinflat (session 60)"),
    dev_set!("saintjohn", "saintjohn (session 60)"),
    dev_set!("toowong", "toowong (session 60)"),
    dev_set!("mullingar", "mullingar (session 60)"),
    dev_set!("spokanevalley", "spokanevalley (session 60)"),
    dev_set!("middlesbrough", "middlesbrough (session 60)"),
    dev_set!("rotoruanz", "rotoruanz (session 60)"),
    dev_set!("sudburyon", "sudburyon (session 60)"),
    dev_set!("lisburn", "lisburn (session 60)"),
    dev_set!("amarillo", "amarillo (session 60)"),
    dev_set!("tauranganz", "tauranganz (session 60)"),
    dev_set!("thunderbayon", "thunderbayon (session 60)"),
    dev_set!("hobartflat", "hobartflat (session 60)"),
    dev_set!("stornoway", "stornoway (session 60)"),
    dev_set!("tulsaok", "tulsaok (session 60)"),
    dev_set!("kelownabc", "kelownabc (session 60)"),
    dev_set!("ballaratvic", "ballaratvic (session 60)"),
    dev_set!("corkcity", "corkcity (session 60)"),
    dev_set!("wollongongnsw", "wollongongnsw (session 60)"),
    dev_set!("bangorni", "bangorni (session 60)"),
    dev_set!("boisemetro", "boisemetro (session 60)"),
    dev_set!("whitehorse", "whitehorse (session 60)"),
    dev_set!("geelongvic", "geelongvic (session 60)"),
    dev_set!("portlandme", "portlandme (session 60)"),
    dev_set!("invercargillsouth", "invercargillsouth (session 60)"),
    dev_set!("swanseawales", "swanseawales (session 60)"),
    dev_set!("fortmcmurray", "fortmcmurray (session 60)"),
    dev_set!("darwinnt", "darwinnt (session 60)"),
    dev_set!("athlone", "athlone (session 60)"),
    dev_set!("chattanooga", "chattanooga (session 60)"),
    dev_set!("napiernz", "napiernz (session 60)"),
    dev_set!("sherbrooke", "sherbrooke (session 60)"),
    dev_set!("cairnsqld", "cairnsqld (session 60)"),
    dev_set!("oamaru", "oamaru (session 61)"),
    dev_set!("reddeer", "reddeer (session 61)"),
    dev_set!("sligo", "sligo (session 61)"),
    dev_set!("scranton", "scranton (session 61)"),
    dev_set!("gympie", "gympie (session 61)"),
    dev_set!("carlow", "carlow (session 61)"),
    dev_set!("peoria", "peoria (session 61)"),
    dev_set!("nelsonnz", "nelsonnz (session 61)"),
    dev_set!("medicinehat", "medicinehat (session 61)"),
    dev_set!("macon", "macon (session 61)"),
    dev_set!("omagh", "omagh (session 61)"),
    dev_set!("flagstaff", "flagstaff (session 61)"),
    dev_set!("masterton", "masterton (session 61)"),
    dev_set!("kingstonon", "kingstonon (session 61)"),
    dev_set!("orange", "orange (session 61)"),
    dev_set!("sydneyns", "sydneyns (session 61)"),
    dev_set!("lewiston", "lewiston (session 61)"),
    dev_set!("bozeman", "bozeman (session 61)"),
    dev_set!("newry", "newry (session 61)"),
    dev_set!("mobile", "mobile (session 61)"),
    dev_set!("altoona", "altoona (session 61)"),
    dev_set!("yuma", "yuma (session 61)"),
    dev_set!("peterboroughuk", "peterboroughuk (session 61)"),
    dev_set!("guelph", "guelph (session 61)"),
    dev_set!("ogden", "ogden (session 61)"),
    dev_set!("turangi", "turangi (session 61)"),
    dev_set!("warwickqld", "warwickqld (session 61)"),
    dev_set!("glenrothes", "glenrothes (session 61)"),
    dev_set!("barrie", "barrie (session 61)"),
    dev_set!("akron", "akron (session 61)"),
    dev_set!("kerikeri", "kerikeri (session 61)"),
    dev_set!("dumfries", "dumfries (session 61)"),
    dev_set!("orillia", "orillia (session 61)"),
    dev_set!("pocatello", "pocatello (session 61)"),
    dev_set!("casper", "casper (session 61)"),
    dev_set!("goulburn", "goulburn (session 61)"),
    dev_set!("enniskillen", "enniskillen (session 61)"),
    dev_set!("ithaca", "ithaca (session 61)"),
    dev_set!("chilliwack", "chilliwack (session 61)"),
    dev_set!("whakatane", "whakatane (session 61)"),
    dev_set!("grafton", "grafton (session 61)"),
    dev_set!("ashburton", "ashburton (session 61)"),
    dev_set!("timmins", "timmins (session 61)"),
    dev_set!("letterkenny", "letterkenny (session 61)"),
    dev_set!("greenbay", "greenbay (session 61)"),
    dev_set!("maitland", "maitland (session 61)"),
    dev_set!("oban", "oban (session 61)"),
    dev_set!("athy", "athy (session 61)"),
    dev_set!("rapidcity", "rapidcity (session 61)"),
    dev_set!("campbellriver", "campbellriver (session 61)"),
    dev_set!("moranbah", "moranbah (session 61)"),
    dev_set!("westport", "westport (session 61)"),
    dev_set!("kenora", "kenora (session 61)"),
    dev_set!("bemidji", "bemidji (session 61)"),
    dev_set!("morpeth", "morpeth (session 61)"),
    dev_set!("esperance", "esperance (session 61)"),
    dev_set!("tuam", "tuam (session 61)"),
    dev_set!("nanton", "nanton (session 61)"),
    dev_set!("marquette", "marquette (session 61)"),
    dev_set!("bridlington", "bridlington (session 61)"),
    dev_set!("broome", "broome (session 61)"),
    dev_set!("clonmel", "clonmel (session 61)"),
    dev_set!("cranbrook", "cranbrook (session 61)"),
    dev_set!("hexham", "hexham (session 61)"),
    dev_set!("lakecharles", "lakecharles (session 61)"),
    dev_set!("nowra", "nowra (session 62)"),
    dev_set!("ballinasloe", "ballinasloe (session 62)"),
    dev_set!("yorkton", "yorkton (session 62)"),
    dev_set!("beloit", "beloit (session 62)"),
    dev_set!("robinhoods", "robinhoods (session 62)"),
    dev_set!("wodonga", "wodonga (session 62)"),
    dev_set!("castlebar", "castlebar (session 62)"),
    dev_set!("medford", "medford (session 62)"),
    dev_set!("tiverton", "tiverton (session 62)"),
    dev_set!("quesnel", "quesnel (session 62)"),
    dev_set!("armidale", "armidale (session 62)"),
    dev_set!("kilrush", "kilrush (session 62)"),
    dev_set!("janesville", "janesville (session 62)"),
    dev_set!("keswick", "keswick (session 62)"),
    dev_set!("princerupert", "princerupert (session 62)"),
    dev_set!("oshkosh", "oshkosh (session 63)"),
    dev_set!("kendal", "kendal (session 63)"),
    dev_set!("echuca", "echuca (session 63)"),
    dev_set!("listowel", "listowel (session 63)"),
    dev_set!("kokomo", "kokomo (session 63)"),
    dev_set!("dubuque", "dubuque (session 63)"),
    dev_set!("thurso", "thurso (session 63)"),
    dev_set!("alnwick", "alnwick (session 63)"),
    dev_set!("muncie", "muncie (session 63)"),
    dev_set!("portaugusta", "portaugusta (session 63)"),
    dev_set!("cobh", "cobh (session 63)"),
    dev_set!("wausau", "wausau (session 63)"),
    dev_set!("stroud", "stroud (session 63)"),
    dev_set!("yass", "yass (session 63)"),
    dev_set!("fergus", "fergus (session 63)"),
    dev_set!("mallow", "mallow (session 63)"),
    dev_set!("sheboygan", "sheboygan (session 63)"),
    dev_set!("hawick", "hawick (session 63)"),
    dev_set!("kingaroy", "kingaroy (session 63)"),
    dev_set!("ceduna", "ceduna (session 63)"),
    dev_set!("ely", "ely (session 64)"),
    dev_set!("elkhart", "elkhart (session 64)"),
    dev_set!("selkirk", "selkirk (session 64)"),
    dev_set!("mudgee", "mudgee (session 64)"),
    dev_set!("waycross", "waycross (session 64)"),
    dev_set!("tenby", "tenby (session 64)"),
    dev_set!("dalby", "dalby (session 64)"),
    dev_set!("strandhill", "strandhill (session 64)"),
    dev_set!("ottumwa", "ottumwa (session 64)"),
    dev_set!("clonakilty", "clonakilty (session 64)"),
    dev_set!("paducah", "paducah (session 65)"),
    dev_set!("kilcoy", "kilcoy (session 65)"),
    dev_set!("falmouth", "falmouth (session 65)"),
    dev_set!("hokitika", "hokitika (session 65)"),
    dev_set!("cheboygan", "cheboygan (session 65)"),
    dev_set!("childers", "childers (session 65)"),
    dev_set!("lerwick", "lerwick (session 65)"),
    dev_set!("yankton", "yankton (session 65)"),
    dev_set!("dauphin", "dauphin (session 65)"),
    dev_set!("kilkee", "kilkee (session 65)"),
    dev_set!("yeppoon", "yeppoon (session 65)"),
    dev_set!("cass", "cass (session 65)"),
    dev_set!("tobermory", "tobermory (session 65)"),
    dev_set!("sioux", "sioux (session 65)"),
    dev_set!("methven", "methven (session 65)"),
    dev_set!("moruya", "moruya (session 66)"),
    dev_set!("stranraer", "stranraer (session 66)"),
    dev_set!("keokuk", "keokuk (session 66)"),
    dev_set!("bega", "bega (session 66)"),
    dev_set!("decorah", "decorah (session 66)"),
    dev_set!("merimbula", "merimbula (session 66)"),
    dev_set!("portpatrick", "portpatrick (session 66)"),
    dev_set!("muscatine", "muscatine (session 66)"),
    dev_set!("ulverstone", "ulverstone (session 66)"),
    dev_set!("winona", "winona (session 66)"),
    dev_set!("newquay", "newquay (session 67)"),
    dev_set!("petoskey", "petoskey (session 67)"),
    dev_set!("moree", "moree (session 67)"),
    dev_set!("ullapool", "ullapool (session 67)"),
    dev_set!("brainerd", "brainerd (session 67)"),
    dev_set!("cessnock", "cessnock (session 67)"),
    dev_set!("keene", "keene (session 67)"),
    dev_set!("portree", "portree (session 67)"),
    dev_set!("nambour", "nambour (session 67)"),
    dev_set!("mankato", "mankato (session 67)"),
];

fn ctx(currency: Currency) -> Context {
    Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: currency,
    }
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// One entry of exactly this amount and kind.
fn right(v: &Verdict, amount: &str, kind: EntryKind) -> bool {
    let want = Decimal::from_str(amount).unwrap();
    matches!(&v.result, Ok(e) if e.len() == 1 && e[0].amount.value() == want && e[0].kind == kind)
}

fn percent(n: usize, of: usize) -> f64 {
    100.0 * n as f64 / of as f64
}

#[test]
fn household_notes_read_right() {
    let ctx = ctx(Currency::parse("INR").unwrap());
    let (mut good, mut all) = (0, 0);
    for r in rows(NOTES) {
        all += 1;
        let v = read(r[0], &ctx);
        if right(&v, r[1], EntryKind::Expense) {
            good += 1;
        } else {
            println!(
                "  miss: {} => {:?}",
                r[0],
                v.result.as_ref().map(|e| e.len())
            );
        }
    }
    println!(
        "notes: {good}/{all} read right ({:.1} %)",
        percent(good, all)
    );
    assert!(percent(good, all) >= 95.0);
}

#[test]
fn household_chatter_is_left_alone() {
    let ctx = ctx(Currency::USD);
    let (mut recorded, mut all) = (0, 0);
    for r in rows(CHATTER) {
        all += 1;
        let v = read(r[0], &ctx);
        if !v.silent_in(Channel::Household) && v.result.is_ok() {
            recorded += 1;
            println!("  recorded: {}", r[0]);
        }
    }
    println!(
        "chatter: {recorded}/{all} recorded in a household channel ({:.1} %)",
        percent(recorded, all)
    );
    assert!(percent(recorded, all) <= 2.0);
}

#[test]
fn household_expenses_are_recorded() {
    let ctx = ctx(Currency::USD);
    let (mut good, mut all) = (0, 0);
    for r in rows(HOUSEHOLD) {
        all += 1;
        let kind = match r.get(2) {
            Some(&"income") => EntryKind::Income,
            _ => EntryKind::Expense,
        };
        let v = read(r[0], &ctx);
        if !v.silent_in(Channel::Household) && right(&v, r[1], kind) {
            good += 1;
        } else {
            println!(
                "  miss: {} => {:?} {:?}",
                r[0],
                v.intent,
                v.result.as_ref().err()
            );
        }
    }
    println!(
        "household expenses: {good}/{all} recorded right ({:.1} %)",
        percent(good, all)
    );
    assert!(percent(good, all) >= 97.0);
}

/// The sets written after the rules: figures only (they were not tuned on when first scored,
/// so no goal is asserted; a miss here is a lead, not a failure).
/// A set is written once under its own name: a new batch that reused a name would have
/// replaced a held-out set (session 64 wrote over session 61's `sligo` so, found in session 65).
#[test]
fn every_set_is_registered_once() {
    let mut seen = std::collections::HashSet::new();
    for (label, ..) in SETS {
        let name = label.split(' ').next().unwrap_or(label);
        assert!(seen.insert(name), "{name} is registered twice");
    }
}

#[test]
fn fresh_sets_figures() {
    for (label, notes, chatter, household) in SETS {
        figures(label, notes, chatter, household);
    }
}

fn figures(name: &str, notes: &str, chatter: &str, household: &str) {
    let (inr, usd) = (ctx(Currency::parse("INR").unwrap()), ctx(Currency::USD));
    let notes: Vec<bool> = rows(notes)
        .map(|r| right(&read(r[0], &inr), r[1], EntryKind::Expense))
        .collect();
    let chatter: Vec<bool> = rows(chatter)
        .map(|r| {
            let v = read(r[0], &usd);
            !v.silent_in(Channel::Household) && v.result.is_ok()
        })
        .collect();
    let household: Vec<bool> = rows(household)
        .map(|r| {
            let v = read(r[0], &usd);
            !v.silent_in(Channel::Household) && right(&v, r[1], EntryKind::Expense)
        })
        .collect();
    let count = |v: &[bool]| v.iter().filter(|b| **b).count();
    println!(
        "{name}: notes {}/{} read right; chatter {}/{} recorded; household expenses {}/{} recorded right",
        count(&notes),
        notes.len(),
        count(&chatter),
        chatter.len(),
        count(&household),
        household.len()
    );
}
